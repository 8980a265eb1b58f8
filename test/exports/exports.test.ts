import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CFPackage } from '../../src/model/case';
import { frameworkRows, TABLE_COLUMNS } from '../../src/model/framework-table';
import type { Framework } from '../../src/model/schema';
import { protectCell, unprotectCell } from '../../src/model/spreadsheet-cell';
import { renderCasePackage } from '../../src/render/exports/case-package';
import { renderFrameworkCsv } from '../../src/render/exports/csv';
import { GRADEPACK_NAMESPACE, uuidV5 } from '../../src/render/exports/uuid-v5';
import { renderFrameworkXlsx } from '../../src/render/exports/xlsx';
import { committedModel, REAL_FRAMEWORKS } from './round-trip';

const date = new Date(Date.UTC(2024, 9, 14));
const scale = [
  { value: 1, label: 'Insufficient evidence' },
  { value: 2, label: 'Limited' },
  { value: 3, label: 'Outstanding' },
];
const casePackage = (f: Framework) => JSON.parse(new TextDecoder().decode(renderCasePackage(f, { date, ratingScale: scale })));
const indicatorsOf = (f: Framework) => f.competencies.flatMap((c) => c.levels.flatMap((l) => l.indicators));

describe('UUID v5', () => {
  it('matches the RFC example and well-known values', () => {
    // RFC 9562 appendix A.4: "www.example.com" in the DNS namespace.
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(uuidV5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
    expect(GRADEPACK_NAMESPACE).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('CASE 1.1 export', () => {
  for (const id of REAL_FRAMEWORKS) {
    it(`${id}: validates against the CFPackage schema, with every competency, level and indicator`, () => {
      const model = committedModel(id);
      const pkg = casePackage(model);
      const parsed = CFPackage.safeParse(pkg);
      expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);
      const levels = model.competencies.reduce((n, c) => n + c.levels.length, 0);
      const indicators = indicatorsOf(model);
      expect(pkg.CFItems).toHaveLength(model.competencies.length + levels + indicators.length);
      expect(pkg.CFAssociations).toHaveLength(pkg.CFItems.length);
      expect(
        pkg.CFAssociations.every((a: { associationType: string; sequenceNumber: number }) => a.associationType === 'isChildOf' && a.sequenceNumber >= 1),
      ).toBe(true);
      const identifiers = [pkg.CFDocument, ...pkg.CFItems, ...pkg.CFAssociations].map((x: { identifier: string }) => x.identifier);
      expect(new Set(identifiers).size).toBe(identifiers.length);
      // Indicators carry their id, polarity and (ODP SCS) grade.
      const byCode = new Map(pkg.CFItems.map((i: { humanCodingScheme: string }) => [i.humanCodingScheme, i]));
      for (const i of indicators) {
        const item = byCode.get(i.id) as { fullStatement: string; CFItemType: string; educationLevel?: string[] };
        expect(item.fullStatement).toBe(i.text);
        expect(item.CFItemType).toBe({ effective: 'Effective indicator', ineffective: 'Ineffective indicator', neutral: 'Indicator' }[i.polarity]);
        expect(item.educationLevel).toEqual(i.grade ? [i.grade] : undefined);
      }
      expect(pkg.CFRubrics[0].CFRubricCriteria).toHaveLength(model.competencies.length);
      expect(pkg.CFRubrics[0].CFRubricCriteria[0].CFRubricCriterionLevels.map((l: { score: number; quality: string }) => [l.score, l.quality])).toEqual(
        scale.map((s) => [s.value, s.label]),
      );
      expect(pkg.CFDocument.lastChangeDateTime).toBe('2024-10-14T00:00:00Z');
    });
  }

  it('the schema refuses what the official one refuses: a missing required field, an extra property, a bad uuid or date-time', () => {
    const pkg = casePackage(committedModel('cscf-2012-sms1'));
    expect(CFPackage.safeParse(pkg).success).toBe(true);
    const broken = (change: (p: typeof pkg) => void) => {
      const copy = structuredClone(pkg);
      change(copy);
      return CFPackage.safeParse(copy).success;
    };
    expect(broken((p) => delete p.CFDocument.creator)).toBe(false);
    expect(broken((p) => delete p.CFItems[0].fullStatement)).toBe(false);
    expect(broken((p) => delete p.CFAssociations[0].destinationNodeURI)).toBe(false);
    expect(broken((p) => (p.CFItems[0].polarity = 'effective'))).toBe(false);
    expect(broken((p) => (p.extra = true))).toBe(false);
    expect(broken((p) => (p.CFItems[0].identifier = 'seeing-the-big-picture'))).toBe(false);
    expect(broken((p) => (p.CFItems[0].identifier = p.CFItems[0].identifier.toUpperCase()))).toBe(false);
    expect(broken((p) => (p.CFItems[0].lastChangeDateTime = '2024-10-14'))).toBe(false);
    expect(broken((p) => (p.CFAssociations[0].associationType = 'isParentOf'))).toBe(false);
    expect(broken((p) => (p.CFAssociations[0].associationType = 'ext:isParentOf'))).toBe(true);
    expect(broken((p) => (p.CFItems[0].extensions = { anything: 1 }))).toBe(true);
  });

  it('identifiers are derived from stable ids: a reworded indicator keeps its UUID, other text gets another', () => {
    const model = committedModel('cscf-2012-sms1');
    const first = indicatorsOf(model)[0]!;
    const reworded = structuredClone(model);
    indicatorsOf(reworded)[0]!.text = `${first.text} (reworded)`;
    const uuidOf = (f: Framework, code: string) => casePackage(f).CFItems.find((i: { humanCodingScheme: string }) => i.humanCodingScheme === code).identifier;
    expect(uuidOf(reworded, first.id)).toBe(uuidOf(model, first.id));
    expect(uuidOf(model, first.id)).toBe(uuidV5(`cscf-2012-sms1/${first.id}`, GRADEPACK_NAMESPACE));
    expect(casePackage(model).CFDocument.identifier).not.toBe(casePackage({ ...model, id: 'other' }).CFDocument.identifier);
  });
});

describe('CSV export', () => {
  it('UTF-8 with a BOM, a header row and one row per indicator; curly quotes and accents intact', () => {
    const model = committedModel('success-profiles-2024');
    const bytes = renderFrameworkCsv(model);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('\r\n');
    const rows: string[][] = parse(text, { bom: true });
    expect(rows[0]).toEqual(TABLE_COLUMNS.map((c) => c.header));
    expect(rows).toHaveLength(1 + indicatorsOf(model).length);
    const curly = indicatorsOf(model).find((i) => /[’“”]/.test(i.text))!;
    expect(rows.some((r) => r[13] === curly.text)).toBe(true);
    const row = rows.find((r) => r[12] === 'seeing-the-big-picture.2.e1')!;
    expect(row.slice(0, 3)).toEqual(['success-profiles-2024', 'seeing-the-big-picture', 'Seeing the big picture']);
    expect(row[5]).toBe('2');
    expect(row[7]).toBe('eo');
    expect(row[10]).toBe('effective');
    expect(row[14]).toBe('success-profiles-behaviours-2024.txt');
    expect(Number(row[15])).toBeGreaterThan(100);
  });

  it('text a spreadsheet would run as a formula is written as text, and read back unchanged', () => {
    for (const text of ['=HYPERLINK("http://evil","x")', '+44 20', '-1', '@SUM(A1)', "'quoted", "'=x", 'plain']) {
      expect(/^[=+\-@]/.test(protectCell(text))).toBe(false);
      expect(unprotectCell(protectCell(text))).toBe(text);
    }
    const model = committedModel('cscf-2012-sms1');
    const hostile = structuredClone(model);
    indicatorsOf(hostile)[0]!.text = '=cmd|" /C calc"!A0';
    const rows: string[][] = parse(new TextDecoder().decode(renderFrameworkCsv(hostile)), { bom: true });
    expect(rows[1]![13]).toBe('\'=cmd|" /C calc"!A0');
  });
});

describe('XLSX export', () => {
  afterEach(() => vi.useRealTimers());

  it('a filterable table with a frozen header, and a sheet by level', async () => {
    const model = committedModel('odp-scs-capabilities');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await renderFrameworkXlsx(model, { date })) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Indicators', 'By level']);
    const table = workbook.getWorksheet('Indicators')!;
    expect(table.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect((table.getRow(1).values as string[]).slice(1)).toEqual(TABLE_COLUMNS.map((c) => c.header));
    // A row per indicator, and one per competency for its Awareness level, which has only a note.
    expect(table.rowCount).toBe(1 + indicatorsOf(model).length + model.competencies.length);
    expect(frameworkRows(model)).toHaveLength(indicatorsOf(model).length + model.competencies.length);
    const byLevel = workbook.getWorksheet('By level')!;
    expect((byLevel.getRow(1).values as string[]).slice(1)).toEqual(['Competency', ...model.levels.map((l) => l.label)]);
    expect(byLevel.getRow(2).getCell(1).value).toBe(model.competencies[0]!.title);
    // Per-grade levels are grouped under the grade's short name, one indicator per cell.
    const firstColumn = (byLevel.getColumn(1).values as unknown[]).filter(Boolean);
    expect(firstColumn.filter((v) => v === 'SCS1')).toHaveLength(model.competencies.length);
    const working = model.levels.findIndex((l) => l.id === 'working') + 2;
    const scs1Row = (byLevel.getColumn(1).values as unknown[]).indexOf('SCS1');
    const firstScs1 = model.competencies[0]!.levels.find((l) => l.level === 'working')!.indicators.find((i) => i.grade === 'scs1')!;
    expect(byLevel.getRow(scs1Row).getCell(working).value).toBe(firstScs1.text);
  });

  it('the table is an Excel table with filter buttons over every row', async () => {
    const model = committedModel('cscf-2012-sms1');
    const parts = unzipSync(await renderFrameworkXlsx(model, { date }));
    const table = strFromU8(parts['xl/tables/table1.xml']!);
    const rows = 1 + indicatorsOf(model).length;
    expect(table).toContain(`ref="A1:R${rows}"`);
    expect(table).toContain(`<autoFilter ref="A1:R${rows}"`);
    expect(strFromU8(parts['docProps/core.xml']!)).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2024-10-14T00:00:00Z</dcterms:created>');
  });

  it('the same bytes whatever the clock says', async () => {
    const model = committedModel('cscf-2012-sms1');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-02-03T04:05:06Z'));
    const a = await renderFrameworkXlsx(model, { date });
    vi.setSystemTime(new Date('2040-12-31T23:59:59Z'));
    const b = await renderFrameworkXlsx(model, { date });
    expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
  });
});
