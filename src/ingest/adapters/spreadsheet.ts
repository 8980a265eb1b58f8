import { GradepackError } from '../../model/errors';
import type { Adapter } from '../types';
import { readCsv } from './spreadsheet/read-csv';
import { readFrameworkTable } from './spreadsheet/framework-table';
import type { RawTable } from './spreadsheet/raw-table';
import { readXlsx } from './spreadsheet/read-xlsx';

/**
 * A framework an organisation keeps in a spreadsheet (or a CSV or XLSX export read back): one row
 * per indicator, with the columns of the exports (see TABLE_COLUMNS); only Competency, Level and
 * Indicator are required. Levels and grades come from the registry entry. The source is one file,
 * "format": "csv" or "xlsx" (with "sheet" to read a worksheet other than the first).
 */
export const spreadsheet: Adapter = async ({ framework, sources }) => {
  const source = sources.find((s) => s.role === 'primary') ?? sources[0]!;
  const display = `sources/${source.file}`;
  let table: RawTable;
  if (source.format === 'csv') table = readCsv(source.text ?? '', display);
  else if (source.format === 'xlsx') table = await readXlsx(source.bytes, display, framework.sources.find((s) => s.file === source.file)?.sheet);
  else {
    throw new GradepackError(
      'RegistryInvalid',
      `The spreadsheet adapter reads "csv" or "xlsx" sources, not "${source.format}" (${source.file}).`,
      { file: 'sources/registry.json' },
      'Give the source "format": "csv" or "xlsx", or name the adapter for its layout.',
    );
  }
  return { competencies: readFrameworkTable(table, framework, source.file), diagnostics: [] };
};
