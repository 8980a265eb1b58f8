import { GradepackError } from '../model/errors';
import { containedPath, type InputKind, readInputFile } from '../model/input-file';
import type { SourceEntry } from './registry';
import type { SourceInput } from './types';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Which size limit each format's sources have (input-file.ts says why). */
const LIMIT_OF_FORMAT: Record<SourceEntry['format'], InputKind> = {
  text: 'textSource',
  markdown: 'markdownSource',
  pdf: 'source',
  csv: 'source',
  xlsx: 'source',
  json: 'source',
};

/** Formats read as bytes; every other format is UTF-8 text. */
const BINARY_FORMATS = new Set<SourceEntry['format']>(['pdf', 'xlsx']);

/** Reads one source file and checks what can be checked before parsing: presence, size, encoding. */
export async function readSource(sourcesDir: string, entry: SourceEntry): Promise<SourceInput> {
  const display = `sources/${entry.file}`;
  const path = await containedPath(sourcesDir, 'sources', entry.file, 'sources/registry.json');
  const read = await readInputFile(path, display, LIMIT_OF_FORMAT[entry.format]);
  if (read === null) {
    throw new GradepackError('SourceMissing', `${display} was not found.`, { file: display }, 'Restore it from git, or fix its name in sources/registry.json.');
  }
  const bytes = new Uint8Array(read.buffer, read.byteOffset, read.byteLength);
  const binary = BINARY_FORMATS.has(entry.format);
  if (bytes.length === 0 || (!binary && bytes.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09))) {
    throw new GradepackError('SourceEmpty', `${display} has no content.`, { file: display }, 'Restore it from git.');
  }
  if (binary) return { file: entry.file, format: entry.format, role: entry.role, bytes, text: null };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const line = countLines(bytes, offset);
    throw new GradepackError(
      'SourceEncoding',
      `Byte ${offset} (0x${bytes[offset]?.toString(16).padStart(2, '0')}) is not UTF-8.`,
      { file: display, line },
      entry.format === 'csv'
        ? 'In Excel, save it as "CSV UTF-8 (Comma delimited)"; or convert it (e.g. iconv -f WINDOWS-1252 -t UTF-8).'
        : 'Save the file as UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8).',
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { file: entry.file, format: entry.format, role: entry.role, bytes, text: text.replace(/\r\n?/g, '\n') };
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  // The longest valid prefix, found by bisection on whole-prefix decodes (rarely called).
  const valid = (n: number) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, n), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (valid(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function countLines(bytes: Uint8Array, end: number): number {
  let line = 1;
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) line++;
  return line;
}
