import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentDate } from '../../src/pipeline/document-date';
import { ingestFromDisk } from '../../src/ingest/ingest';
import { findFramework, loadRegistry } from '../../src/ingest/registry';
import { packTargets, packView } from '../../src/model/pack-view';
import type { Framework } from '../../src/model/schema';
import { BrowserPool } from '../../src/render/browser/pool';
import { loadPackTemplates, packTitle, referenceTitle, type PackTemplates } from '../../src/render/html';
import { packDocument, referenceDocument } from '../../src/render/html/render';
import { renderPackPdf, renderReferencePdf, type PdfDocument } from '../../src/render/pdf';
import { SOURCES } from '../helpers/ingest';
import { expectPackPageBreaks, expectReferencePageBreaks } from '../helpers/page-flow';
import { expectConsistentMetadata } from '../helpers/pdf-metadata';
import { expectOutlineOfHeadings, expectPackText, pdfInfo, pdfToText } from '../helpers/pdf-text';
import { TEMPLATES } from './template-helpers';

/** Every pack of every real framework other than success-profiles-2024 (packs.test.ts has those). */
const FRAMEWORKS = ['success-profiles-2018', 'cscf-2012-sms1', 'mmo-2014', 'odp-core-skills', 'odp-scs-capabilities'];
const EXPECTED_PACKS: Record<string, string[]> = {
  'success-profiles-2018': ['aa', 'ao', 'eo', 'heo', 'seo', 'g7', 'g6', 'scs1', 'scs2', 'scs3'],
  'cscf-2012-sms1': ['scs1'],
  'mmo-2014': ['aa', 'ao', 'eo', 'heo', 'seo', 'g7', 'g6', 'scs1', 'scs2'],
  'odp-core-skills': ['awareness', 'working', 'practitioner', 'expert'],
  'odp-scs-capabilities': ['scs1', 'scs2', 'scs3'],
};

let pool: BrowserPool;
let templates: PackTemplates;
const frameworks = new Map<string, Framework>();
const rendered = new Map<string, PdfDocument>();

beforeAll(async () => {
  const registry = await loadRegistry(SOURCES);
  [pool, templates] = await Promise.all([BrowserPool.launch(2), loadPackTemplates(TEMPLATES)]);
  for (const id of FRAMEWORKS) frameworks.set(id, (await ingestFromDisk(SOURCES, findFramework(registry, id))).framework);
  await Promise.all(
    [...frameworks.values()].flatMap((f) => [
      ...packTargets(f).map(async (t) => rendered.set(`${f.id}/${t.key}`, await renderPackPdf(pool, packView(f, t), templates, { date: documentDate(f, {}) }))),
      renderReferencePdf(pool, f, templates, { date: documentDate(f, {}) }).then((r) => rendered.set(`${f.id}/reference`, r)),
    ]),
  );
});

afterAll(async () => {
  await pool?.close();
});

describe.each(FRAMEWORKS)('%s packs', (id) => {
  it('one pack per grade or proficiency level', () => {
    expect(packTargets(frameworks.get(id)!).map((t) => t.key)).toEqual(EXPECTED_PACKS[id]);
  });

  it.each(EXPECTED_PACKS[id]!)('%s: tagged, 2+ pages, an outline, every indicator of its level and none only a higher one has', async (key) => {
    const framework = frameworks.get(id)!;
    const view = packView(framework, packTargets(framework).find((t) => t.key === key)!);
    const doc = rendered.get(`${id}/${key}`)!;
    const info = await pdfInfo(doc.bytes);
    expect(info.tagged).toBe(true);
    expect(info.pages).toBeGreaterThanOrEqual(2);
    expect(info.title).toBe(packTitle(view));
    await expectOutlineOfHeadings(doc.bytes, packDocument(view, templates, { date: documentDate(framework, {}), print: true, pages: doc.pages }).html);
    const text = await pdfToText(doc.bytes);
    expectPackText(text, view, framework);
    await expectPackPageBreaks(doc.bytes, view);
    await expectConsistentMetadata(doc.bytes, { title: packTitle(view), author: framework.publisher, date: documentDate(framework, {}).instant });
  });

  it('reference: tagged, its title, bookmarks titled as its headings', async () => {
    const framework = frameworks.get(id)!;
    const doc = rendered.get(`${id}/reference`)!;
    const info = await pdfInfo(doc.bytes);
    expect(info.tagged).toBe(true);
    expect(info.title).toBe(referenceTitle(framework));
    await expectReferencePageBreaks(doc.bytes, framework);
    await expectConsistentMetadata(doc.bytes, { title: referenceTitle(framework), author: framework.publisher, date: documentDate(framework, {}).instant });
    await expectOutlineOfHeadings(
      doc.bytes,
      referenceDocument(framework, templates, { date: documentDate(framework, {}), print: true, pages: doc.pages }).html,
    );
  });
});

it('refused every request while rendering', () => {
  expect(pool.blocked).toEqual([]);
});
