import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseRegistry } from '../../src/ingest/registry';
import { documentDate } from '../../src/pipeline/document-date';
import { readXmp } from '../../src/render/pdf/metadata';
import { pdfToText } from '../helpers/pdf-text';
import { runCli, tempProject } from '../helpers/project';
import { treeBytes } from '../helpers/tree';

/**
 * Documents never print an invented date. The ODP pages have no publication date: their
 * documents say the source is undated and take their date from the day the pages were captured
 * (sources/registry.json), in the PDF and Word metadata too; the MMO framework gives "2014-04",
 * which documents print as "April 2014", not "1 April 2014".
 */
describe('document dates', () => {
  it('come from SOURCE_DATE_EPOCH, else the publication date at its precision, else the capture day', () => {
    const odp = { id: 'odp', date: null, captured: '2026-11-23' };
    expect(documentDate(odp, {})).toEqual({ instant: new Date('2026-11-23T00:00:00Z'), iso: '2026-11-23', basis: 'captured' });
    expect(documentDate({ id: 'mmo', date: '2014-04' }, {})).toEqual({ instant: new Date('2014-04-01T00:00:00Z'), iso: '2014-04', basis: 'published' });
    expect(documentDate(odp, { SOURCE_DATE_EPOCH: '1700000000' })).toMatchObject({ iso: '2023-11-14', basis: 'build' });
    expect(() => documentDate({ id: 'nothing', date: null }, {})).toThrow(/neither a publication date nor a capture date/);
  });

  it('a registry entry without a date must give the day its source was captured, a real day', () => {
    const registry = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'sources', 'registry.json'), 'utf8'));
    const odp = registry.frameworks.find((f: { id: string }) => f.id === 'odp-core-skills');
    expect(odp.captured).toBe('2026-11-23');
    const withCapture = (captured: string | undefined) =>
      JSON.stringify({ frameworks: [{ ...odp, captured }] }, (key, value) => (key === 'captured' && value === undefined ? undefined : value));
    expect(() => parseRegistry(withCapture(undefined), 'sources/registry.json')).toThrow(/frameworks\.0\.captured: the source has no publication date/);
    expect(() => parseRegistry(withCapture('2026-02-30'), 'sources/registry.json')).toThrow(/frameworks\.0\.captured: not a day of the calendar/);
    expect(() => parseRegistry(withCapture('2026-11'), 'sources/registry.json')).toThrow(/expected a day/);
    expect(parseRegistry(withCapture('2026-11-23'), 'sources/registry.json').frameworks[0]!.captured).toBe('2026-11-23');
  });

  describe('in built documents', () => {
    let root: string;
    let files: Record<string, Buffer>;
    beforeAll(async () => {
      // mmo-2014 adapts cscf-2012-sms1, and odp-core-skills.txt's errata cover both ODP frameworks:
      // the registry holds them all, and --grade picks the two packs looked at.
      root = tempProject(['odp-core-skills', 'odp-scs-capabilities', 'mmo-2014', 'cscf-2012-sms1']);
      const run = await runCli(['build', '--root', root, '--quiet', '--grade', 'working,eo']);
      expect(run.code, run.stderr).toBe(0);
      files = Object.fromEntries(Object.entries(treeBytes(join(root, 'output'))).map(([path, b64]) => [path, Buffer.from(b64, 'base64')]));
    }, 300_000);

    const odpOutputs = ['packs/working/odp-core-skills', 'templates/working/odp-core-skills', 'forms/working/odp-core-skills'];

    it('ODP: undated on the cover and in every footer, never 1970, dated from the capture', async () => {
      const html = files['packs/working/odp-core-skills.html']!.toString('utf8');
      expect(html).toContain('Undated: the source gives no date of publication');
      expect(html).toContain('<time datetime="2026-11-23">23 November 2026</time>, the day the source was captured');
      const text = (await pdfToText(files['packs/working/odp-core-skills.pdf']!)).replace(/\s+/g, ' ');
      const pages = text.split('\f').filter((p) => p.trim());
      for (const page of pages) expect(page).toContain('Proficiency level pack, undated source');
      for (const [path, bytes] of Object.entries(files)) {
        if (!odpOutputs.some((o) => path.startsWith(o))) continue;
        const readable = path.endsWith('.docx')
          ? Object.values(unzipSync(bytes))
              .map((part) => strFromU8(part))
              .join('\n')
          : path.endsWith('.pdf')
            ? await pdfToText(bytes)
            : bytes.toString('utf8');
        expect(readable, path).not.toMatch(/1970|January 1970/);
      }
    });

    it('ODP: PDF (Info and XMP) and Word metadata carry the capture day', async () => {
      for (const path of ['packs/working/odp-core-skills.pdf', 'forms/working/odp-core-skills.pdf']) {
        const doc = await PDFDocument.load(files[path]!, { updateMetadata: false });
        expect(doc.getCreationDate()?.toISOString(), path).toBe('2026-11-23T00:00:00.000Z');
        expect(doc.getModificationDate()?.toISOString(), path).toBe('2026-11-23T00:00:00.000Z');
        expect(readXmp(doc), path).toContain('<xmp:CreateDate>2026-11-23T00:00:00Z</xmp:CreateDate>');
      }
      for (const path of ['templates/working/odp-core-skills.docx', 'forms/working/odp-core-skills.docx']) {
        const core = strFromU8(unzipSync(files[path]!)['docProps/core.xml']!);
        expect(core, path).toContain('>2026-11-23T00:00:00Z</dcterms:created>');
        expect(core, path).toContain('>2026-11-23T00:00:00Z</dcterms:modified>');
      }
    });

    it('MMO: "April 2014", the precision the source has, never "1 April 2014"', async () => {
      const html = files['packs/eo/mmo-2014.html']!.toString('utf8');
      expect(html).toContain('<time datetime="2014-04">April 2014</time>, the date of the source');
      const text = (await pdfToText(files['packs/eo/mmo-2014.pdf']!)).replace(/\s+/g, ' ');
      expect(text).toContain('Grade pack, source dated April 2014');
      for (const output of [html, text]) expect(output).not.toContain('1 April 2014');
    });

    it('a change of capture day is a change of input, and check names it', async () => {
      const registryFile = join(root, 'sources', 'registry.json');
      writeFileSync(registryFile, readFileSync(registryFile, 'utf8').replaceAll('"captured": "2026-11-23"', '"captured": "2026-11-24"'));
      const check = await runCli(['check', '--root', root]);
      expect(check.code).toBe(1);
      expect(check.stdout).toContain('document date changed (2026-11-23 (captured) -> 2026-11-24 (captured))');
    });
  });
});
