import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentDate } from '../../src/pipeline/document-date';
import { packTargets, packView } from '../../src/model/pack-view';
import type { Framework } from '../../src/model/schema';
import { BrowserPool } from '../../src/render/browser/pool';
import { loadPackTemplates, type PackTemplates } from '../../src/render/html';
import { pdfDate, pdfDates, renderPackPdf, renderReferencePdf } from '../../src/render/pdf';
import { pdfInfo } from '../helpers/pdf-text';
import { odpScsLike } from './fixtures';
import { ingestWith, realSource } from '../helpers/ingest';
import { TEMPLATES } from './template-helpers';

let pool: BrowserPool;
let templates: PackTemplates;
let successProfiles: Framework;

beforeAll(async () => {
  [pool, templates, successProfiles] = await Promise.all([
    BrowserPool.launch(2),
    loadPackTemplates(TEMPLATES),
    ingestWith('success-profiles-2024', [realSource('success-profiles-behaviours-2024.txt')]).then((r) => r.framework),
  ]);
});

afterAll(async () => {
  await pool?.close();
});

function differingOffsets(a: Uint8Array, b: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) out.push(i);
  return out;
}

describe('deterministic PDFs', () => {
  it('gives byte-identical packs and references for identical input, in one browser and in another', async () => {
    const date = documentDate(successProfiles, {});
    const view = packView(successProfiles, packTargets(successProfiles).find((t) => t.key === 'g7')!);
    const first = await renderPackPdf(pool, view, templates, { date });
    // Chromium's clock-based dates would differ by at least a second.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = await renderPackPdf(pool, view, templates, { date });
    expect(differingOffsets(first.bytes, second.bytes)).toEqual([]);

    const other = await BrowserPool.launch(1);
    try {
      const third = await renderPackPdf(other, view, templates, { date });
      expect(differingOffsets(first.bytes, third.bytes)).toEqual([]);
    } finally {
      await other.close();
    }

    const scs = odpScsLike();
    const refA = await renderReferencePdf(pool, scs, templates, { date });
    const refB = await renderReferencePdf(pool, scs, templates, { date });
    expect(differingOffsets(refA.bytes, refB.bytes)).toEqual([]);
  });

  it('dates the PDF from the source, or from SOURCE_DATE_EPOCH, and from nothing else', async () => {
    const view = packView(successProfiles, packTargets(successProfiles)[0]!);
    const fromSource = documentDate(successProfiles, {});
    const fromEpoch = documentDate(successProfiles, { SOURCE_DATE_EPOCH: '1700000000' });
    const a = await renderPackPdf(pool, view, templates, { date: fromSource });
    const b = await renderPackPdf(pool, view, templates, { date: fromEpoch });
    expect(pdfDates(a.bytes)).toEqual({ CreationDate: "D:20241014000000+00'00'", ModDate: "D:20241014000000+00'00'" });
    expect(pdfDates(b.bytes)).toEqual({ CreationDate: pdfDate(fromEpoch.instant), ModDate: pdfDate(fromEpoch.instant) });
    expect((await pdfInfo(b.bytes)).creationDate?.toISOString()).toBe('2023-11-14T22:13:20.000Z');
    // The cover's date differs too, so the pages differ; but the structure does not move.
    expect(a.pages).toEqual(b.pages);
  });
});
