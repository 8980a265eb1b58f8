import type { DocumentDate } from '../../model/document-date';
import type { PDFDocument } from 'pdf-lib';
import type { PackView } from '../../model/pack-view';
import type { Framework } from '../../model/schema';
import { GradepackError } from '../../model/errors';
import type { BrowserPool } from '../browser/pool';
import type { PageNumbers } from '../html/document-data';
import { packDocument, referenceDocument, type HtmlDocument } from '../html/render';
import type { PackTemplates } from '../html/templates';
import { namedDestinationPages } from './destinations';
import { finishPdf, printChecked, printProbe, type PdfOptions } from './render-pdf';

/**
 * PDFs of packs and references, with page numbers in the contents. Chromium cannot number a
 * table of contents in one pass, so the document is printed once with placeholders as wide as
 * the numbers, the page of each heading is read from the PDF's named destinations (the contents'
 * links point at the headings), and the document is printed again with the numbers filled in.
 * The second print is checked: if filling in the numbers moved a heading, it prints again.
 */
export interface PdfDocument {
  bytes: Uint8Array;
  /** The page each contents entry (by anchor) starts on. */
  pages: Map<string, number>;
  /** How many times the document was printed (2 unless the numbers moved something). */
  passes: number;
}

export const MAX_PASSES = 4;

export async function renderPackPdf(pool: BrowserPool, view: PackView, templates: PackTemplates, options: { date: DocumentDate }): Promise<PdfDocument> {
  return renderWithContents(pool, (pages) => packDocument(view, templates, { date: options.date, print: true, pages }), options.date);
}

export async function renderReferencePdf(
  pool: BrowserPool,
  framework: Framework,
  templates: PackTemplates,
  options: { date: DocumentDate },
): Promise<PdfDocument> {
  return renderWithContents(pool, (pages) => referenceDocument(framework, templates, { date: options.date, print: true, pages }), options.date);
}

export async function renderWithContents(pool: BrowserPool, document: (pages: PageNumbers) => HtmlDocument, date: DocumentDate): Promise<PdfDocument> {
  const options = (doc: HtmlDocument): PdfOptions => ({
    title: doc.title,
    lang: doc.lang,
    date: date.instant,
    ...doc.metadata,
    header: doc.header,
    footer: doc.footer,
    landscape: doc.landscape,
  });
  // The first print only finds where the headings fall, so it skips what does not move them
  // (tags, outline): about a fifth cheaper.
  const probe = document(null);
  let pages: Map<string, number> = await headingPages(await printProbe(pool, probe.html, options(probe)), probe);
  for (let pass = 2; pass <= MAX_PASSES; pass++) {
    const doc = document(pages);
    const parsed = await printChecked(pool, doc.html, options(doc));
    const found = await headingPages(parsed, doc);
    if (sameNumbers(pages, found)) return { bytes: await finishPdf(parsed, options(doc)), pages: found, passes: pass };
    pages = found;
  }
  throw new GradepackError('RenderFailed', `The contents' page numbers of "${document(null).title}" did not settle after ${MAX_PASSES} prints.`);
}

async function headingPages(pdf: PDFDocument, doc: HtmlDocument): Promise<Map<string, number>> {
  const destinations = await namedDestinationPages(pdf);
  const missing = doc.anchors.filter((a) => !destinations.has(a));
  if (missing.length > 0) {
    throw new GradepackError(
      'RenderFailed',
      `The PDF of "${doc.title}" has no destination for ${missing.map((m) => `#${m}`).join(', ')}.`,
      {},
      'The contents must link to each heading (href="#{{anchor}}") and each heading must carry id="{{anchor}}".',
    );
  }
  return new Map(doc.anchors.map((a) => [a, destinations.get(a)!]));
}

function sameNumbers(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  return a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
}
