import type { ErrorLocation } from '../../../model/errors';

/** A sheet or CSV file as rows of trimmed cell texts, before its columns are known. */
export interface RawTable {
  /** The header row's cells. */
  header: string[];
  /** Data rows that are not blank, with the line (CSV) or row number (XLSX) they are on. */
  rows: { number: number; cells: string[] }[];
  /** Where a cell is, for an error message: `{ file, cell: "Behaviours!C12" }` or `{ file, line: 12 }`. */
  at(rowNumber: number, column: number): ErrorLocation;
  /** The header row as a whole. */
  headerAt(): ErrorLocation;
  /** How a cell is named in a message: `C12`, or `line 12, column "Indicator"`. */
  describe(rowNumber: number, column: number): string;
}

/** Cell text as the model keeps text: line breaks inside a cell become spaces. */
export const cellText = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
