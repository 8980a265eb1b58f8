import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { frameworkRows, TABLE_COLUMNS } from '../../model/framework-table';
import { GradepackError } from '../../model/errors';
import type { Framework, Indicator } from '../../model/schema';
import { withCoreDates, zipDeterministic } from '../docx/deterministic-docx';

export interface XlsxExportOptions {
  /** Written as the workbook's created and modified dates, and as every zip entry's time. */
  date: Date;
}

/** Sheet names, as the spreadsheet adapter looks for them. */
export const INDICATORS_SHEET = 'Indicators';
const BY_LEVEL_SHEET = 'By level';

/**
 * The framework as a workbook: "Indicators", the CSV's rows as a filterable Excel table with a
 * frozen header (what the spreadsheet adapter reads back), and "By level", a competency per row
 * and a level per column, as people read a framework. Same bytes for the same framework and date:
 * exceljs stamps the clock into docProps/core.xml and the zip entries, both rewritten here.
 */
export async function renderFrameworkXlsx(framework: Framework, options: XlsxExportOptions): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'gradepack';
  workbook.lastModifiedBy = 'gradepack';
  workbook.created = options.date;
  workbook.modified = options.date;
  workbook.title = framework.title;

  const table = workbook.addWorksheet(INDICATORS_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  TABLE_COLUMNS.forEach((c, i) => {
    table.getColumn(i + 1).width = c.width;
  });
  table.addTable({
    name: 'Indicators',
    ref: 'A1',
    headerRow: true,
    style: { theme: 'TableStyleMedium2', showRowStripes: true },
    columns: TABLE_COLUMNS.map((c) => ({ name: c.header, filterButton: true })),
    rows: frameworkRows(framework).map((row) => TABLE_COLUMNS.map(({ key }) => row[key] ?? '')),
  });
  table.getColumn(TABLE_COLUMNS.findIndex((c) => c.key === 'indicator') + 1).alignment = { wrapText: true, vertical: 'top' };

  const grid = workbook.addWorksheet(BY_LEVEL_SHEET, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  grid.getColumn(1).width = 28;
  framework.levels.forEach((_, i) => {
    grid.getColumn(i + 2).width = 60;
  });
  const header = grid.addRow(['Competency', ...framework.levels.map((l) => l.label)]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  for (const c of framework.competencies) {
    const cells = framework.levels.map((level) => {
      const cl = c.levels.find((l) => l.level === level.id);
      return cl ? levelCell(cl.intro?.text ?? null, cl.note, cl.indicators) : '';
    });
    const row = grid.addRow([c.title, ...cells]);
    row.alignment = { wrapText: true, vertical: 'top' };
    row.getCell(1).font = { bold: true };
  }
  return normaliseXlsx(new Uint8Array(await workbook.xlsx.writeBuffer()), options.date);
}

/** One competency at one level, as text: intro, note, then the indicators by grade and polarity. */
function levelCell(intro: string | null, note: string | null, indicators: Indicator[]): string {
  const lines: string[] = [];
  if (intro) lines.push(intro);
  if (note) lines.push(note);
  let heading = '';
  for (const i of indicators) {
    const next = [i.grade?.toUpperCase(), i.polarity === 'neutral' ? null : i.polarity === 'effective' ? 'Effective' : 'Ineffective']
      .filter(Boolean)
      .join(', ');
    if (next && next !== heading) lines.push(`${next}:`);
    heading = next;
    lines.push(`• ${i.text}`);
  }
  return lines.join('\n');
}

function normaliseXlsx(xlsx: Uint8Array, date: Date): Uint8Array {
  const parts = unzipSync(xlsx);
  const core = parts['docProps/core.xml'];
  if (!core) {
    throw new GradepackError(
      'RenderFailed',
      'The workbook could not be made reproducible: it has no docProps/core.xml.',
      {},
      'exceljs may have changed how it writes workbooks.',
    );
  }
  parts['docProps/core.xml'] = strToU8(withCoreDates(strFromU8(core), date));
  return zipDeterministic(parts, date);
}
