import { GradepackError } from '../../model/errors';

/**
 * Two things differ between two Chromium prints of the same HTML: the time of printing in the
 * Info dictionary (/CreationDate, /ModDate), and the structure elements' /ID strings
 * ("node00000522"), which come from a DOM node counter that keeps rising in the browser process
 * (tagged tables use them to tie cells to their headers). Both are rewritten here in place and
 * at the same length, so that nothing else in the file (cross-reference offsets, structure tree,
 * outline) moves: the dates become the document date, and the ids are renumbered from 1 in the
 * order they sort, which keeps the /IDTree name tree sorted. (A pdf-lib re-save also keeps the
 * structure tree and outline, but rewrites the whole file for the sake of a few strings.)
 */
export function makeDeterministic(pdf: Uint8Array, date: Date): Uint8Array {
  return renumberStructureIds(setPdfDates(pdf, date));
}
export function pdfDate(date: Date): string {
  const iso = date.toISOString();
  return `D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}+00'00'`;
}

const INFO_DATE = /\/(CreationDate|ModDate)\s*\((D:[^)]*)\)/g;

export function setPdfDates(pdf: Uint8Array, date: Date): Uint8Array {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const wanted = pdfDate(date);
  const out = Buffer.from(pdf);
  for (const match of text.matchAll(INFO_DATE)) {
    const current = match[2]!;
    if (current.length !== wanted.length) {
      throw new GradepackError(
        'RenderFailed',
        `Chromium wrote /${match[1]} as "${current}", not in the form D:YYYYMMDDHHmmSS+00'00' that gradepack replaces in place.`,
        {},
        'This Chromium writes PDF dates differently; src/render/pdf/deterministic.ts needs to learn its form.',
      );
    }
    const at = match.index! + match[0].indexOf(current);
    out.write(wanted, at, 'latin1');
  }
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** The Info dictionary's dates as written, for tests and checks. */
export function pdfDates(pdf: Uint8Array): Record<string, string> {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  return Object.fromEntries([...text.matchAll(INFO_DATE)].map((m) => [m[1]!, m[2]!]));
}

const STRUCTURE_ID = /\/ID\s*\((node\d+)\)/g;

export function renumberStructureIds(pdf: Uint8Array): Uint8Array {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const ids = [...new Set([...text.matchAll(STRUCTURE_ID)].map((m) => m[1]!))].sort();
  if (ids.length === 0) return pdf;
  const renamed = new Map(ids.map((id, i) => [id, `node${String(i + 1).padStart(id.length - 4, '0')}`]));
  if ([...renamed].some(([from, to]) => from.length !== to.length)) {
    throw new GradepackError('RenderFailed', 'The PDF has more structure ids than their digits can renumber in place.');
  }
  const out = Buffer.from(pdf);
  const pattern = new RegExp(`\\((${ids.join('|')})\\)`, 'g');
  for (const match of text.matchAll(pattern)) out.write(renamed.get(match[1]!)!, match.index! + 1, 'latin1');
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
