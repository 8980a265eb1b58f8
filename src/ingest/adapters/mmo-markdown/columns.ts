import { maxOf } from '../../../model/arrays';
import type { TableBlock, TableCell } from './markdown';

/**
 * Which cell of a table's rows holds the effective and which the ineffective column, read from the
 * header row. Some pages have a third column: empty, or a smeared repeat of the page's text that the
 * conversion laid over the table (a "garbled column").
 */
export interface ColumnRoles {
  effective: number;
  ineffective: number;
  /** Columns other than the two, holding text somewhere in the table. */
  garbled: number[];
}

export function readColumnRoles(table: TableBlock): ColumnRoles | null {
  const header = table.rows[0]?.cells.map(cellText) ?? [];
  const effective = header.findIndex((h) => /^Effective Behaviour/i.test(h));
  const ineffective = header.findIndex((h) => /^Ineffective Behaviour/i.test(h));
  if (effective < 0 || ineffective < 0 || effective === ineffective) return null;
  const width = maxOf(table.rows.map((r) => r.cells.length));
  const garbled: number[] = [];
  for (let column = 0; column < width; column++) {
    if (column === effective || column === ineffective) continue;
    if (table.rows.some((r) => cellText(r.cells[column]).length > 0)) garbled.push(column);
  }
  return { effective, ineffective, garbled };
}

export function cellText(cell: TableCell | undefined): string {
  return cell ? cell.segments.join(' ').replace(/\s+/g, ' ').trim() : '';
}
