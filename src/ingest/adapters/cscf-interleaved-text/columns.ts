import { normalizeSpace } from '../../../model/text';
import { isColumnHeader } from './furniture';
import type { Finding } from './finding';
import type { TableRow } from './layout';

/** One column's text on one line. */
export interface Fragment {
  line: number;
  text: string;
}

export interface Columns {
  effective: Fragment[];
  ineffective: Fragment[];
  findings: Finding[];
}

/**
 * Splits table rows into the effective (left of the TAB) and ineffective (right) column streams,
 * dropping the column headers.
 */
export function splitColumns(rows: TableRow[]): Columns {
  const columns: Columns = { effective: [], ineffective: [], findings: [] };
  for (const row of rows) {
    const [left = '', ...rest] = row.cells;
    if (rest.length === 0) {
      columns.findings.push({
        line: row.line,
        kind: 'ambiguous-boundary',
        severity: 'error',
        message: `table line without a TAB, so its column is unknown; read as the effective column: "${normalizeSpace(left)}"`,
      });
    } else if (rest.length > 1) {
      columns.findings.push({
        line: row.line,
        kind: 'ambiguous-boundary',
        severity: 'warning',
        message: `table line with ${rest.length + 1} TAB-separated parts; everything after the first TAB read as the ineffective column`,
      });
    }
    pushFragment(columns.effective, row.line, left);
    pushFragment(columns.ineffective, row.line, rest.join(' '));
  }
  return columns;
}

function pushFragment(column: Fragment[], line: number, raw: string): void {
  const text = normalizeSpace(raw);
  if (text && !isColumnHeader(text)) column.push({ line, text });
}
