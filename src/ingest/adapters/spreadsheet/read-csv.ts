import { parse } from 'csv-parse/sync';
import { GradepackError } from '../../../model/errors';
import { unprotectCell } from '../../../model/spreadsheet-cell';
import { cellText, type RawTable } from './raw-table';

/** A CSV source (already checked to be UTF-8, its BOM removed): comma-separated, RFC 4180 quoting. */
export function readCsv(text: string, display: string): RawTable {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { info: true, relax_column_count: true, skip_empty_lines: false }) as unknown as typeof records;
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw new GradepackError(
      'SpreadsheetInvalid',
      `It is not a well-formed CSV file: ${(e as Error).message.replace(/\.$/, '')}.`,
      { file: display, ...(line ? { line } : {}) },
      'Check the quotes on that line: a field with a comma, quote or line break must be in double quotes, and a quote inside it doubled ("").',
    );
  }
  if (records.length === 0) {
    throw new GradepackError(
      'SpreadsheetInvalid',
      'It has no header row.',
      { file: display, line: 1 },
      'The first row names the columns: Competency, Level, Indicator and any others.',
    );
  }
  // A record ends on info.lines; it starts there too unless a quoted cell spans lines.
  const numbered = records.map(({ record, info }) => ({ number: info.lines, cells: record.map((c) => cellText(unprotectCell(c))) }));
  const [header, ...rows] = numbered;
  return {
    header: header!.cells,
    rows: rows.filter((r) => r.cells.some((c) => c !== '')),
    at: (number) => ({ file: display, line: number }),
    headerAt: () => ({ file: display, line: header!.number }),
    describe: (number, column) => `line ${number}, column "${header!.cells[column] ?? column + 1}"`,
  };
}
