import { Packer, type Document } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { GradepackError } from '../../model/errors';

/**
 * Makes a .docx the same bytes on every build of the same input. The docx library stamps the
 * clock into docProps/core.xml (dcterms:created, dcterms:modified) and into every zip entry's
 * modification time; this rewrites both from the document date and zips the parts again in a
 * fixed order, [Content_Types].xml first, then by name.
 */
export async function packDocx(document: Document, date: Date): Promise<Uint8Array> {
  const packed = new Uint8Array(await Packer.toBuffer(document));
  return normaliseDocx(packed, date);
}

export function normaliseDocx(docx: Uint8Array, date: Date): Uint8Array {
  const parts = unzipSync(docx);
  const core = parts['docProps/core.xml'];
  if (!core) throw renderFailed('it has no docProps/core.xml');
  parts['docProps/core.xml'] = strToU8(withCoreDates(strFromU8(core), date));
  return zipDeterministic(parts, date);
}

/** Sets dcterms:created and dcterms:modified; fails if either is missing, so a library change cannot go unnoticed. */
export function withCoreDates(coreXml: string, date: Date): string {
  const stamp = `${date.toISOString().slice(0, 19)}Z`;
  let found = 0;
  const xml = coreXml.replace(/<dcterms:(created|modified)( [^>]*)?>[^<]*<\/dcterms:\1>/g, (_m, name: string, attrs = '') => {
    found++;
    return `<dcterms:${name}${attrs}>${stamp}</dcterms:${name}>`;
  });
  if (found !== 2) throw renderFailed('docProps/core.xml does not have dcterms:created and dcterms:modified');
  return xml;
}

/** Zips parts in a fixed order with a fixed modification time. */
export function zipDeterministic(parts: Record<string, Uint8Array>, date: Date): Uint8Array {
  const mtime = zipTime(date);
  const names = Object.keys(parts).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const entries: Zippable = {};
  for (const name of names) entries[name] = [parts[name]!, { mtime, level: 6 }];
  return zipSync(entries);
}

/**
 * A zip entry's time is a DOS date and time in local time, which fflate reads from a Date's local
 * fields; a Date built from local fields gives the same entry in every time zone. Noon avoids
 * daylight-saving gaps; the DOS format starts in 1980.
 */
export function zipTime(date: Date): Date {
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2099);
  const [month, day] = year === date.getUTCFullYear() ? [date.getUTCMonth(), date.getUTCDate()] : [0, 1];
  return new Date(year, month, day, 12, 0, 0);
}

function rank(name: string): number {
  return name === '[Content_Types].xml' ? 0 : name === '_rels/.rels' ? 1 : 2;
}

function renderFailed(detail: string): GradepackError {
  return new GradepackError(
    'RenderFailed',
    `The Word document could not be made reproducible: ${detail}.`,
    {},
    'The docx library may have changed how it writes documents.',
  );
}
