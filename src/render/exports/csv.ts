import { stringify } from 'csv-stringify/sync';
import { frameworkRows, TABLE_COLUMNS } from '../../model/framework-table';
import type { Framework } from '../../model/schema';
import { protectCell } from '../../model/spreadsheet-cell';

/**
 * The framework as CSV, one row per indicator (TABLE_COLUMNS): UTF-8 with a byte order mark, so
 * that Excel keeps curly quotes and accents, and CRLF line ends (RFC 4180). Text that a
 * spreadsheet would take for a formula is protected (see protectCell).
 */
export function renderFrameworkCsv(framework: Framework): Uint8Array {
  const rows = frameworkRows(framework).map((row) => TABLE_COLUMNS.map(({ key }) => (typeof row[key] === 'string' ? protectCell(row[key]) : row[key])));
  const text = stringify(rows, {
    bom: true,
    header: true,
    columns: TABLE_COLUMNS.map((c) => c.header),
    record_delimiter: 'windows',
  });
  return new TextEncoder().encode(text);
}
