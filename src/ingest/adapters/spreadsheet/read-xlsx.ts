import ExcelJS from 'exceljs';
import { GradepackError } from '../../../model/errors';
import { cellText, type RawTable } from './raw-table';

/**
 * One worksheet of an XLSX workbook: the one named, else the first. Cells are read as the text
 * they show: a formula's cached result (never evaluated), rich text joined, numbers as written.
 */
export async function readXlsx(bytes: Uint8Array, display: string, sheetName: string | undefined): Promise<RawTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (e) {
    throw new GradepackError(
      'SpreadsheetUnreadable',
      `It is not an XLSX workbook: ${whatItIs(bytes, e as Error)}.`,
      { file: display },
      'Save it from Excel or LibreOffice as "Excel Workbook (.xlsx)"; .xls, .ods, password-protected and CSV files renamed to .xlsx cannot be read as workbooks (a CSV source has "format": "csv").',
    );
  }
  const names = workbook.worksheets.map((w) => w.name);
  const sheet = sheetName ? workbook.getWorksheet(sheetName) : workbook.worksheets[0];
  if (!sheet) {
    throw new GradepackError(
      'SpreadsheetInvalid',
      sheetName ? `It has no worksheet "${sheetName}".` : 'It has no worksheet.',
      { file: display },
      names.length ? `Its worksheets: ${names.join(', ')}. Name one in "sheet" in sources/registry.json.` : undefined,
    );
  }
  const ref = /^[A-Za-z0-9_]+$/.test(sheet.name) ? sheet.name : `'${sheet.name.replace(/'/g, "''")}'`;
  const width = sheet.columnCount;
  const rowCells = (r: number) => Array.from({ length: width }, (_, c) => cellText(textOf(sheet.getRow(r).getCell(c + 1))));
  const rows: RawTable['rows'] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const cells = rowCells(r);
    if (cells.some((c) => c !== '')) rows.push({ number: r, cells });
  }
  const address = (r: number, c: number) => sheet.getRow(r).getCell(c + 1).address;
  return {
    header: rowCells(1),
    rows,
    at: (r, c) => ({ file: display, cell: `${ref}!${address(r, c)}` }),
    headerAt: () => ({ file: display, cell: `${ref}!1:1` }),
    describe: (r, c) => address(r, c),
  };
}

/** Why a file is not a workbook, in words: its first bytes say what it is. */
function whatItIs(bytes: Uint8Array, error: Error): string {
  const starts = (...magic: number[]) => magic.every((b, i) => bytes[i] === b);
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return 'it is an OLE compound file, i.e. an old .xls workbook or a password-protected .xlsx';
  if (!starts(0x50, 0x4b)) return 'it is not a zip archive, which every .xlsx is';
  return `the zip archive is damaged or incomplete (${error.message.split(' : ')[0]!.replace(/\.$/, '')})`;
}

function textOf(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value)
    return value.result === undefined || value.result === null ? '' : textOf({ value: value.result } as ExcelJS.Cell);
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return '';
}
