import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/project';
import { treeBytes } from '../helpers/tree';

const LEVELS = [
  { id: '1', label: 'Level 1: AO and EO', grades: ['ao', 'eo'] },
  { id: '2', label: 'Level 2: HEO and SEO', grades: ['heo', 'seo'] },
];

/** A project of one framework read from `file` by the spreadsheet (or case-json) adapter. */
function project(file: string, bytes: Uint8Array | string, source: Record<string, unknown> = {}, adapter = 'spreadsheet'): string {
  const root = mkdtempSync(join(tmpdir(), 'gradepack-sheet-'));
  mkdirSync(join(root, 'sources'));
  writeFileSync(join(root, 'sources', file), bytes);
  const format = file.endsWith('.csv') ? 'csv' : file.endsWith('.json') ? 'json' : 'xlsx';
  const registry = {
    frameworks: [
      {
        id: 'our-framework',
        title: 'Our framework',
        publisher: 'Us',
        edition: '2025',
        date: '2025-04-01',
        licence: 'All rights reserved',
        url: null,
        adapter,
        sources: [{ file, format, ...source }],
        expect: { competencies: 2 },
        levels: LEVELS,
      },
    ],
  };
  writeFileSync(join(root, 'sources', 'registry.json'), JSON.stringify(registry, null, 2));
  return root;
}

const HEADER = ['Competency', 'Cluster', 'Level', 'Polarity', 'Indicator id', 'Indicator'];
const GOOD: (string | number)[][] = [
  ['Leadership', 'People', 1, 'effective', '', 'Lead the team'],
  ['Leadership', '', 1, 'ineffective', '', 'Blame others'],
  ['Leadership', '', 2, 'effective', '', 'Set the direction'],
  ['Leadership', '', 2, 'ineffective', '', 'Hide bad news'],
  ['Delivery', 'Results', 1, 'effective', '', 'Deliver on time'],
  ['Delivery', '', 1, 'ineffective', '', 'Miss deadlines'],
  ['Delivery', '', 2, 'effective', '', 'Plan the programme'],
  ['Delivery', '', 2, 'ineffective', '', 'Ignore risks'],
];

async function workbook(header: string[], rows: (string | number)[][], sheetName = 'Behaviours'): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Notes').addRow(['Written by the people team']);
  const sheet = wb.addWorksheet(sheetName);
  sheet.addRow(header);
  for (const r of rows) sheet.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const csv = (header: string[], rows: (string | number)[][]) =>
  [header, ...rows].map((r) => r.map((c) => (/[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : c)).join(',')).join('\r\n');

async function ingest(root: string) {
  const run = await runCli(['ingest', '--root', root, '--quiet']);
  return {
    ...run,
    firstLine: run.stderr.split('\n')[0],
    hint: run.stderr.split('\n')[1]?.trim(),
    modelWritten: existsSync(join(root, 'output', 'model', 'our-framework.json')),
  };
}

const PREFIX = 'error SpreadsheetInvalid: A spreadsheet source does not have the columns or values a framework table needs.';

describe('spreadsheet sources: a good sheet', () => {
  it('an XLSX with the three required columns and a few more is a model; ids are numbered by position', async () => {
    const root = project('ours.xlsx', await workbook(HEADER, GOOD), { sheet: 'Behaviours' });
    const run = await ingest(root);
    expect(run.code, run.stderr).toBe(0);
    const model = JSON.parse(readFileSync(join(root, 'output', 'model', 'our-framework.json'), 'utf8'));
    expect(model.sources).toEqual([{ file: 'ours.xlsx', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), format: 'xlsx' }]);
    expect(model.competencies.map((c: { id: string; cluster: string }) => [c.id, c.cluster])).toEqual([
      ['leadership', 'People'],
      ['delivery', 'Results'],
    ]);
    expect(model.competencies[0].levels[0].indicators.map((i: { id: string; source: { line: number } }) => [i.id, i.source.line])).toEqual([
      ['leadership.1.e1', 2],
      ['leadership.1.i1', 3],
    ]);
  });

  it('the same rows as CSV (with a BOM, as Excel saves "CSV UTF-8") give the same model', async () => {
    const root = project('ours.csv', `\uFEFF${csv(HEADER, GOOD)}`);
    const run = await ingest(root);
    expect(run.code, run.stderr).toBe(0);
    const xlsxRoot = project('ours.xlsx', await workbook(HEADER, GOOD), { sheet: 'Behaviours' });
    await ingest(xlsxRoot);
    const competencies = (r: string, f: string) =>
      JSON.parse(readFileSync(join(r, 'output', 'model', 'our-framework.json'), 'utf8')).competencies.map(
        (c: { levels: { indicators: { source: { file: string } }[] }[] }) => JSON.stringify(c).replaceAll(f, 'FILE'),
      );
    expect(competencies(root, 'ours.csv')).toEqual(competencies(xlsxRoot, 'ours.xlsx'));
  });
});

describe('bad spreadsheets: one error at the cell, exit 3, no model written', () => {
  const cases: { name: string; make: () => Promise<string>; where: string; detail: string; hint?: RegExp }[] = [
    {
      name: 'missing column',
      make: async () =>
        project('ours.xlsx', await workbook(['Competency', 'Level', 'Statement'], [['Leadership', 1, 'Lead the team']]), { sheet: 'Behaviours' }),
      where: 'sources/ours.xlsx:Behaviours!1:1',
      detail: 'The header row has no "Indicator" column (it has: Competency, Level, Statement).',
      hint: /Required columns: Competency, Level \(or Level id\), Indicator\./,
    },
    {
      name: 'empty text',
      make: async () =>
        project('ours.xlsx', await workbook(HEADER, [...GOOD.slice(0, 3), ['Delivery', '', 1, 'effective', '', ''], ...GOOD.slice(4)]), {
          sheet: 'Behaviours',
        }),
      where: 'sources/ours.xlsx:Behaviours!F5',
      detail: 'The indicator text is empty.',
    },
    {
      name: 'unknown level',
      make: async () =>
        project(
          'ours.xlsx',
          await workbook(HEADER, [...GOOD.slice(0, 2), ['Leadership', '', 'Level 7', 'effective', '', 'Set the direction'], ...GOOD.slice(3)]),
          { sheet: 'Behaviours' },
        ),
      where: 'sources/ours.xlsx:Behaviours!C4',
      detail: '"Level 7" is not a level of our-framework.',
      hint: /Levels in sources\/registry\.json: 1 \(Level 1: AO and EO\), 2 \(Level 2: HEO and SEO\)\. Give the id or the label\./,
    },
    {
      name: 'unknown level, in a CSV',
      make: async () =>
        project('ours.csv', csv(HEADER, [...GOOD.slice(0, 2), ['Leadership', '', 'Level 7', 'effective', '', 'Set the direction'], ...GOOD.slice(3)])),
      where: 'sources/ours.csv:4',
      detail: '"Level 7" is not a level of our-framework.',
    },
    {
      name: 'duplicate id',
      make: async () =>
        project(
          'ours.xlsx',
          await workbook(HEADER, [
            ['Leadership', 'People', 1, 'effective', 'leadership.1.e1', 'Lead the team'],
            ['Leadership', '', 1, 'effective', 'leadership.1.e2', 'Listen first'],
            ['Leadership', '', 1, 'ineffective', 'leadership.1.e1', 'Blame others'],
            ...GOOD.slice(2),
          ]),
          { sheet: 'Behaviours' },
        ),
      where: 'sources/ours.xlsx:Behaviours!E4',
      detail: 'The indicator id "leadership.1.e1" is also at E2.',
    },
    {
      name: 'duplicate id, in a CSV',
      make: async () =>
        project(
          'ours.csv',
          csv(HEADER, [
            ['Leadership', 'People', 1, 'effective', 'leadership.1.e1', 'Lead the team'],
            ['Leadership', '', 1, 'effective', 'leadership.1.e1', 'Listen first'],
            ...GOOD.slice(2),
          ]),
        ),
      where: 'sources/ours.csv:3',
      detail: 'The indicator id "leadership.1.e1" is also at line 2, column "Indicator id".',
    },
    {
      name: 'an id of another competency or level',
      make: async () =>
        project('ours.xlsx', await workbook(HEADER, [['Leadership', '', 1, 'effective', 'delivery.1.e1', 'Lead the team'], ...GOOD.slice(1)]), {
          sheet: 'Behaviours',
        }),
      where: 'sources/ours.xlsx:Behaviours!E2',
      detail: '"delivery.1.e1" is not an indicator id of "Leadership" at level 1.',
    },
    {
      name: 'bad polarity',
      make: async () =>
        project('ours.xlsx', await workbook(HEADER, [['Leadership', '', 1, 'positive', '', 'Lead the team'], ...GOOD.slice(1)]), { sheet: 'Behaviours' }),
      where: 'sources/ours.xlsx:Behaviours!D2',
      detail: '"positive" is not a polarity.',
    },
    {
      name: 'a cluster that contradicts an earlier row',
      make: async () =>
        project('ours.xlsx', await workbook(HEADER, [GOOD[0]!, ['Leadership', 'Delivery', 1, 'ineffective', '', 'Blame others'], ...GOOD.slice(2)]), {
          sheet: 'Behaviours',
        }),
      where: 'sources/ours.xlsx:Behaviours!B3',
      detail: 'The cluster of "Leadership" differs from the one at B2.',
    },
    {
      name: 'a worksheet that is not there',
      make: async () => project('ours.xlsx', await workbook(HEADER, GOOD), { sheet: 'Behaviors' }),
      where: 'sources/ours.xlsx',
      detail: 'It has no worksheet "Behaviors".',
      hint: /Its worksheets: Notes, Behaviours\./,
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const run = await ingest(await c.make());
      expect(run.code).toBe(3);
      expect(run.firstLine).toBe(`${c.where}: ${PREFIX} ${c.detail}`);
      if (c.hint) expect(run.hint).toMatch(c.hint);
      expect(run.modelWritten).toBe(false);
    });
  }

  it('not UTF-8 CSV: the line of the first bad byte', async () => {
    const latin1 = Buffer.from(`${csv(HEADER, GOOD.slice(0, 3))}\r\nDelivery,Results,1,effective,,Deliver on time for the team\x92s clients\r\n`, 'latin1');
    const run = await ingest(project('ours.csv', new Uint8Array(latin1)));
    expect(run.code).toBe(3);
    expect(run.firstLine).toMatch(/^sources\/ours\.csv:5: error SourceEncoding: The text source is not valid UTF-8\. Byte \d+ \(0x92\) is not UTF-8\.$/);
    expect(run.hint).toBe('hint: In Excel, save it as "CSV UTF-8 (Comma delimited)"; or convert it (e.g. iconv -f WINDOWS-1252 -t UTF-8).');
    expect(run.modelWritten).toBe(false);
  });

  for (const [name, bytes, reason] of [
    ['a CSV renamed to .xlsx', new TextEncoder().encode(csv(HEADER, GOOD)), 'it is not a zip archive, which every .xlsx is.'],
    ['a truncated workbook', null, "the zip archive is damaged or incomplete (Corrupted zip: can't find end of central directory)."],
    [
      'an old binary .xls (OLE) file renamed',
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]),
      'it is an OLE compound file, i.e. an old .xls workbook or a password-protected .xlsx.',
    ],
  ] as const) {
    it(`an XLSX that is not a workbook: ${name}`, async () => {
      const content = bytes ?? (await workbook(HEADER, GOOD)).slice(0, 900);
      const run = await ingest(project('ours.xlsx', content));
      expect(run.code).toBe(3);
      expect(run.firstLine).toBe(
        `sources/ours.xlsx: error SpreadsheetUnreadable: The spreadsheet source is not an XLSX workbook that can be read. It is not an XLSX workbook: ${reason}`,
      );
      expect(run.hint).toMatch(/^hint: Save it from Excel or LibreOffice as "Excel Workbook \(\.xlsx\)"/);
      expect(run.modelWritten).toBe(false);
    });
  }
});

/** A CASE package as gradepack exports it: the good sheet built with --format case. */
async function tinyCase(): Promise<string> {
  const root = project('ours.xlsx', await workbook(HEADER, GOOD), { sheet: 'Behaviours' });
  const run = await runCli(['build', '--root', root, '--quiet', '--format', 'case']);
  expect(run.code, run.stderr).toBe(0);
  return readFileSync(join(root, 'output', 'exports', 'our-framework.case.json'), 'utf8');
}

describe('CASE sources', () => {
  it('a package that does not match the CASE 1.1 schema is one error naming the path', async () => {
    const pkg = JSON.parse(await tinyCase());
    delete pkg.CFItems[0].fullStatement;
    const run = await ingest(project('ours.case.json', JSON.stringify(pkg, null, 2), {}, 'case-json'));
    expect(run.code).toBe(3);
    expect(run.firstLine).toMatch(/^sources\/ours\.case\.json: error CaseInvalid: .* CFItems\.0\.fullStatement: /);
  });

  it('a package that is not JSON names the line where it stops being JSON (V8 names no position for a stray letter)', async () => {
    const lines = (await tinyCase()).split('\n');
    lines.splice(5, 0, '  "note": Document,');
    const run = await ingest(project('ours.case.json', lines.join('\n'), {}, 'case-json'));
    expect(run.code).toBe(3);
    expect(run.firstLine).toMatch(/^sources\/ours\.case\.json:6: error CaseInvalid: .* It is not valid JSON \(Unexpected token 'D'/);
  });

  it('a level the registry does not have is named with its line', async () => {
    const text = (await tinyCase()).replaceAll('"leadership.2"', '"leadership.9"').replaceAll('"Level 2: HEO and SEO"', '"Level 9"');
    const run = await ingest(project('ours.case.json', text, {}, 'case-json'));
    expect(run.code).toBe(3);
    expect(run.firstLine).toMatch(
      /^sources\/ours\.case\.json:\d+: error CaseInvalid: .* The item "leadership\.9" under "Leadership" is not a level of our-framework\.$/,
    );
  });

  it('a good package is the model it was exported from', async () => {
    const xlsxRoot = project('ours.xlsx', await workbook(HEADER, GOOD), { sheet: 'Behaviours' });
    expect((await ingest(xlsxRoot)).code).toBe(0);
    const root = project('ours.case.json', await tinyCase(), {}, 'case-json');
    const run = await ingest(root);
    expect(run.code, run.stderr).toBe(0);
    const competencies = (r: string) =>
      JSON.parse(readFileSync(join(r, 'output', 'model', 'our-framework.json'), 'utf8')).competencies.map((c: { levels: { indicators: object[] }[] }) => ({
        ...c,
        source: null,
        levels: c.levels.map((l) => ({ ...l, indicators: l.indicators.map((i) => ({ ...i, source: null })) })),
      }));
    expect(competencies(root)).toEqual(competencies(xlsxRoot));
  });
});

describe('a bad sheet in a build leaves the last good outputs as they were', () => {
  it('build --format export, then a level typo: exit 3 at the cell, output tree byte-identical', async () => {
    const root = project('ours.xlsx', await workbook(HEADER, GOOD), { sheet: 'Behaviours' });
    const first = await runCli(['build', '--root', root, '--quiet', '--format', 'export']);
    expect(first.code, first.stderr).toBe(0);
    const before = treeBytes(join(root, 'output'));
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['exports/our-framework.csv', 'exports/our-framework.xlsx', 'exports/our-framework.case.json']));
    writeFileSync(join(root, 'sources', 'ours.xlsx'), await workbook(HEADER, [...GOOD.slice(0, 7), ['Delivery', '', 3, 'ineffective', '', 'Ignore risks']]));
    const failed = await runCli(['build', '--root', root, '--quiet', '--format', 'export']);
    expect(failed.code).toBe(3);
    expect(failed.stderr.split('\n')[0]).toBe(`sources/ours.xlsx:Behaviours!C9: ${PREFIX} "3" is not a level of our-framework.`);
    expect(treeBytes(join(root, 'output'))).toEqual(before);
  });
});
