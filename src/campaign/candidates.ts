import { parse } from 'csv-parse/sync';
import { GradepackError } from '../model/errors';
import { FOLDER_NAME, type Candidate } from './campaign';

/**
 * A vacancy's candidates: a CSV with the header `number,name` (or `number` alone), one candidate a
 * line. The number becomes a folder name; the name is optional (an anonymous candidate). Names are
 * personal data, so no error message quotes one: they say the line, and what is wrong with it.
 */

const HINT = 'The candidates file is CSV (UTF-8) with the header `number,name`, then one candidate a line, e.g. `100234,Alex Example`.';
const MAX_NAME = 120;

/** What csv-parse reports, in words that never repeat the text of the line. */
const CSV_PROBLEMS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted value is never closed',
  INVALID_OPENING_QUOTE: 'a value has a quote in the middle of it (quote the whole value, and double any quote inside it)',
  CSV_INVALID_CLOSING_QUOTE: 'a quoted value has text after its closing quote',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'the line has more values than the header (quote a name that contains a comma)',
  CSV_RECORD_INCONSISTENT_COLUMNS: 'the line has more values than the header (quote a name that contains a comma)',
};

export function parseCandidates(text: string, file: string): Candidate[] {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, info: true, relax_column_count_less: true, trim: true }) as unknown as typeof rows;
  } catch (e) {
    const error = e as Error & { code?: string; lines?: number };
    throw new GradepackError(
      'CandidatesInvalid',
      `It is not valid CSV: ${CSV_PROBLEMS[error.code ?? ''] ?? `the CSV reader stopped (${error.code ?? 'unknown problem'})`}.`,
      { file, line: error.lines },
      HINT,
    );
  }
  const [header, ...records] = rows;
  const columns = header?.record.map((c) => c.toLowerCase()) ?? [];
  if (!header || columns[0] !== 'number' || (columns.length > 1 && columns[1] !== 'name') || columns.length > 2) {
    throw new GradepackError(
      'CandidatesInvalid',
      header
        ? `The first line must be the header \`number,name\`; it has ${columns.length} column(s) of other names.`
        : 'The file has no header and no candidates.',
      { file, line: header?.info.lines ?? 1 },
      HINT,
    );
  }
  const seen = new Map<string, number>();
  return records.map(({ record, info }): Candidate => {
    const line = info.lines;
    const [number = '', rawName = ''] = record;
    if (!FOLDER_NAME.test(number)) {
      throw new GradepackError(
        'CandidatesInvalid',
        number === '' ? 'The candidate number is missing.' : 'The candidate number has characters other than letters, digits, - and _.',
        { file, line },
        'The number names the folder of the candidate’s forms: use letters, digits, - and _ only.',
      );
    }
    const first = seen.get(number);
    if (first !== undefined) {
      throw new GradepackError('CandidatesInvalid', `The candidate number ${number} is used twice (first on line ${first}).`, { file, line }, HINT);
    }
    seen.set(number, line);
    const name = rawName.normalize('NFC').replace(/\s+/g, ' ').trim();
    if (/[\p{Cc}\p{Cf}]/u.test(name) || name.length > MAX_NAME) {
      throw new GradepackError(
        'CandidatesInvalid',
        name.length > MAX_NAME
          ? `The name of candidate ${number} is longer than ${MAX_NAME} characters.`
          : `The name of candidate ${number} has control characters.`,
        { file, line },
        'Give the name as it should print, on one line.',
      );
    }
    return { number, name: name === '' ? null : name, line };
  });
}
