import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/config';
import { GradepackError } from '../../src/model/errors';
import { findTarget, packView, type PackView } from '../../src/model/pack-view';
import { normaliseDocx, renderEvidenceFormDocx, renderEvidenceTemplate, withCoreDates, zipDeterministic, zipTime } from '../../src/render/docx';
import { ingestWith, realSource } from '../helpers/ingest';
import { hashesInChildProcess } from '../fixtures/render-forms/run-hashes';

const DATE = new Date(Date.UTC(2024, 9, 14));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** The DOS date and time of each entry of a zip's central directory, as written. */
function zipEntryStamps(zip: Uint8Array): { name: string; time: number; date: number }[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (view.getUint32(end, true) !== 0x06054b50) end--;
  let at = view.getUint32(end + 16, true);
  const out = [];
  for (let n = view.getUint16(end + 10, true); n > 0; n--) {
    const nameLength = view.getUint16(at + 28, true);
    out.push({
      name: new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)),
      time: view.getUint16(at + 12, true),
      date: view.getUint16(at + 14, true),
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return out;
}

describe('reproducible Word documents', () => {
  let view: PackView;
  beforeAll(async () => {
    const { framework } = await ingestWith('success-profiles-2024', [realSource('success-profiles-behaviours-2024.txt')]);
    view = packView(framework, findTarget(framework, 'eo'));
  });

  it('renders the same bytes twice in a process', async () => {
    const [a, b] = [await renderEvidenceTemplate(view, DEFAULT_CONFIG, { date: DATE }), await renderEvidenceTemplate(view, DEFAULT_CONFIG, { date: DATE })];
    expect(sha(a)).toBe(sha(b));
    const [c, d] = [await renderEvidenceFormDocx(view, DEFAULT_CONFIG, { date: DATE }), await renderEvidenceFormDocx(view, DEFAULT_CONFIG, { date: DATE })];
    expect(sha(c)).toBe(sha(d));
  });

  it('renders the same bytes in another process, in a time zone 14 hours ahead, at another time', async () => {
    const here = {
      template: sha(await renderEvidenceTemplate(view, DEFAULT_CONFIG, { date: DATE })),
      'form-docx': sha(await renderEvidenceFormDocx(view, DEFAULT_CONFIG, { date: DATE })),
    };
    expect(hashesInChildProcess(['template', 'form-docx'], 'Pacific/Kiritimati')).toEqual(here);
  });

  it('stamps every zip entry and the document properties with the document date, not the clock', async () => {
    const docx = await renderEvidenceTemplate(view, DEFAULT_CONFIG, { date: DATE });
    const stamps = zipEntryStamps(docx);
    // 2024-10-14 12:00:00 as a DOS date and time.
    const dosDate = ((2024 - 1980) << 9) | (10 << 5) | 14;
    const dosTime = 12 << 11;
    expect(stamps.length).toBeGreaterThan(5);
    for (const s of stamps) expect({ name: s.name, date: s.date, time: s.time }).toEqual({ name: s.name, date: dosDate, time: dosTime });
    expect(stamps[0]!.name).toBe('[Content_Types].xml');
    const names = stamps.slice(2).map((s) => s.name);
    expect(names).toEqual([...names].sort());
    const core = new TextDecoder().decode(unzipSync(docx)['docProps/core.xml']);
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2024-10-14T00:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2024-10-14T00:00:00Z</dcterms:modified>');
  });

  it('changes with the date', async () => {
    const a = await renderEvidenceTemplate(view, DEFAULT_CONFIG, { date: DATE });
    const b = await renderEvidenceTemplate(view, DEFAULT_CONFIG, { date: new Date(Date.UTC(2025, 0, 2)) });
    expect(sha(a)).not.toBe(sha(b));
  });

  it('sets both core dates, and fails loudly if the library stops writing them', () => {
    const core =
      '<cp:coreProperties><dcterms:created xsi:type="dcterms:W3CDTF">2031-01-01T10:11:12.345Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2031-01-01T10:11:12.345Z</dcterms:modified></cp:coreProperties>';
    expect(withCoreDates(core, DATE)).toBe(core.replaceAll('2031-01-01T10:11:12.345Z', '2024-10-14T00:00:00Z'));
    expect(() => withCoreDates('<cp:coreProperties/>', DATE)).toThrow(GradepackError);
    expect(() => normaliseDocx(zipDeterministic({ 'word/document.xml': new Uint8Array([60]) }, DATE), DATE)).toThrow(/core\.xml/);
  });

  it('keeps zip times in the range a zip can hold', () => {
    const local = (d: Date) => [d.getFullYear(), d.getMonth(), d.getDate(), d.getHours()];
    expect(local(zipTime(new Date(0)))).toEqual([1980, 0, 1, 12]);
    expect(local(zipTime(DATE))).toEqual([2024, 9, 14, 12]);
    expect(local(zipTime(new Date(Date.UTC(2150, 5, 1))))).toEqual([2099, 0, 1, 12]);
  });
});
