import { maxOf } from '../../model/arrays';
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { frameworkRows, TABLE_COLUMNS } from '../../model/framework-table';
import { GradepackError } from '../../model/errors';
import { gradeOf } from '../../model/grades';
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

  addByLevelSheet(workbook, framework);
  return normaliseXlsx(new Uint8Array(await workbook.xlsx.writeBuffer()), options.date);
}

const LEVEL_WIDTH = 50;
const LINE_HEIGHT = 15;

/**
 * "By level": a column per level, as frameworks are printed; per competency a title row, the
 * intro sentences and notes, then each group of indicators (by grade and polarity) under its
 * heading, one indicator per cell, so that rows line up across levels and no cell holds a list.
 */
function addByLevelSheet(workbook: ExcelJS.Workbook, framework: Framework): void {
  const sheet = workbook.addWorksheet(BY_LEVEL_SHEET, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }],
    // Printed as a framework is: A4 landscape, all levels side by side.
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
  });
  sheet.getColumn(1).width = 28;
  framework.levels.forEach((_, i) => {
    sheet.getColumn(i + 2).width = LEVEL_WIDTH;
  });
  const add = (first: string, cells: (string | null)[], style: 'title' | 'heading' | 'intro' | 'text') => {
    const row = sheet.addRow([first, ...cells.map((c) => c ?? '')]);
    row.alignment = { wrapText: true, vertical: 'top' };
    if (style === 'title') row.font = { bold: true, size: 13 };
    else if (style === 'heading') row.getCell(1).font = { bold: true };
    else if (style === 'intro') row.font = { italic: true };
    const lines = Math.max(1, ...cells.map((c) => estimatedLines(c ?? '', LEVEL_WIDTH)), estimatedLines(first, 28));
    row.height = Math.min(409, lines * LINE_HEIGHT);
  };
  add(
    'Competency',
    framework.levels.map((l) => l.label),
    'title',
  );
  for (const c of framework.competencies) {
    const at = (levelId: string) => c.levels.find((l) => l.level === levelId);
    add(
      c.title,
      framework.levels.map(() => null),
      'title',
    );
    const intros = framework.levels.map((l) => at(l.id)?.intro?.text ?? null);
    if (intros.some(Boolean)) add('', intros, 'intro');
    const notes = framework.levels.map((l) => at(l.id)?.note ?? null);
    if (notes.some(Boolean)) add('Note', notes, 'intro');
    const groups: { name: string; of: (i: Indicator) => boolean }[] = [];
    for (const cl of c.levels) {
      for (const i of cl.indicators) {
        const name = groupName(framework, i);
        if (!groups.some((g) => g.name === name)) groups.push({ name, of: (x) => groupName(framework, x) === name });
      }
    }
    for (const group of groups) {
      const columns = framework.levels.map((l) => (at(l.id)?.indicators ?? []).filter(group.of));
      const depth = maxOf(columns.map((list) => list.length));
      for (let n = 0; n < depth; n++) {
        add(
          n === 0 ? group.name : '',
          columns.map((list) => list[n]?.text ?? null),
          n === 0 ? 'heading' : 'text',
        );
      }
    }
  }
}

/** "Effective", "SCS1", "SCS2, ineffective": the heading of an indicator's group within a level. */
function groupName(framework: Framework, i: Indicator): string {
  const polarity = i.polarity === 'neutral' ? null : i.polarity === 'effective' ? 'effective' : 'ineffective';
  const name = [i.grade ? gradeOf(framework, i.grade).short : null, polarity].filter(Boolean).join(', ') || 'Indicators';
  return name[0]!.toUpperCase() + name.slice(1);
}

/** Lines a wrapped cell needs, roughly (row heights are not computed by Excel when a file is written). */
function estimatedLines(text: string, width: number): number {
  const perLine = Math.floor(width * 1.1);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / perLine)), 0);
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
