import { PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import type { PDFOptions } from 'puppeteer-core';
import type { BrowserPool, PageHeading } from '../browser/pool';
import { GradepackError, isGradepackError } from '../../model/errors';
import { embedFonts, embedFontsInFragment } from '../fonts';
import { makeDeterministic } from './deterministic';
import { setPdfMetadata } from './metadata';
import { repairOutline } from './outline';

export interface PdfOptions {
  /** The document title: checked to be in the PDF's metadata, and the default running header. */
  title: string;
  /** The document language (BCP 47), checked to be in the PDF's catalog. */
  lang: string;
  /** Written as the PDF's creation and modification date (src/pipeline/document-date.ts). */
  date: Date;
  /** Info dictionary and XMP: who wrote the content, what it is about, keywords. */
  author?: string;
  subject?: string;
  keywords?: string[];
  /** Chromium header template (HTML, inline styles only); by default the escaped title. */
  header?: string;
  /** Chromium footer template; by default "Page X of Y". */
  footer?: string;
  landscape?: boolean;
}

/** Page margins; the running header and footer sit inside the top and bottom ones. */
export const PAGE_MARGINS = { top: '24mm', bottom: '20mm', left: '20mm', right: '20mm' } as const;

const RUNNING_STYLE =
  "box-sizing: border-box; width: 100%; padding: 0 20mm; font-family: 'Atkinson Hyperlegible', 'Noto Sans'; font-size: 12pt; color: #0b0c0c;";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`=]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function defaultHeader(title: string): string {
  return `<div style="${RUNNING_STYLE}">${escapeHtml(title)}</div>`;
}

export const DEFAULT_FOOTER = `<div style="${RUNNING_STYLE} text-align: right;">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`;

export function pdfOptions(options: PdfOptions): PDFOptions {
  return {
    format: 'A4',
    landscape: options.landscape ?? false,
    tagged: true,
    outline: true,
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: embedFontsInFragment(options.header || defaultHeader(options.title), options.title),
    footerTemplate: embedFontsInFragment(options.footer || DEFAULT_FOOTER, options.title),
    margin: PAGE_MARGINS,
    preferCSSPageSize: false,
    waitForFonts: true,
  };
}

/**
 * HTML to a tagged PDF with an outline, on a pooled page (JavaScript off, requests refused), with
 * its metadata (Info and XMP) and dates set, the same bytes for the same input. The HTML must be
 * self-contained and set <title> and lang.
 */
export async function renderPdf(pool: BrowserPool, html: string, options: PdfOptions): Promise<Uint8Array> {
  return finishPdf(await printChecked(pool, html, options), options);
}

/**
 * One print, checked (tags, title, language), its outline's titles checked against the page's
 * headings and rewritten where the browser got them wrong (outline.ts): the parsed PDF, for
 * callers that read it before finishing it.
 */
export async function printChecked(pool: BrowserPool, html: string, options: PdfOptions): Promise<PDFDocument> {
  const printed = await print(pool, embedFonts(html, options.title), pdfOptions(options), options.title);
  const parsed = await PDFDocument.load(makeDeterministic(printed.bytes, options.date), { updateMetadata: false, parseSpeed: Infinity });
  checkMetadata(parsed, options);
  repairOutline(parsed, printed.headings, options.title);
  return parsed;
}

/** Sets the metadata (Info dictionary and XMP) and saves: the PDF's final bytes. */
export async function finishPdf(doc: PDFDocument, options: PdfOptions): Promise<Uint8Array> {
  const { title, lang, date, author, subject, keywords } = options;
  setPdfMetadata(doc, { title, lang, date, author, subject, keywords });
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false, objectsPerTick: Infinity });
}

/** A print for layout only (where headings fall): untagged, no outline, not checked. */
export async function printProbe(pool: BrowserPool, html: string, options: PdfOptions): Promise<PDFDocument> {
  const raw = await print(pool, embedFonts(html, options.title), { ...pdfOptions(options), tagged: false, outline: false }, options.title);
  return PDFDocument.load(raw.bytes, { updateMetadata: false, parseSpeed: Infinity });
}

async function print(pool: BrowserPool, html: string, options: PDFOptions, title: string): Promise<{ bytes: Uint8Array; headings: PageHeading[] }> {
  try {
    return await pool.print(html, options);
  } catch (e) {
    if (isGradepackError(e)) throw e;
    throw new GradepackError('RenderFailed', `Chromium could not print "${title}": ${(e as Error).message}`);
  }
}

/** document.title collapses and trims whitespace, as HTML does. */
const collapse = (text: string) => text.replace(/[\t\n\f\r ]+/g, ' ').trim();

/**
 * A layout that lost its <title> or lang would make an inaccessible PDF (Chromium falls back to
 * "about:blank" and the browser's own language): refuse it.
 */
function checkMetadata(doc: PDFDocument, options: PdfOptions): void {
  const lang = doc.catalog.lookup(PDFName.of('Lang'));
  const langText = lang instanceof PDFString || lang instanceof PDFHexString ? lang.decodeText() : null;
  const title = doc.getTitle() ?? null;
  const problems = [
    doc.catalog.has(PDFName.of('StructTreeRoot')) ? null : 'it has no structure tree (tags)',
    title !== null && collapse(title) === collapse(options.title)
      ? null
      : `its title is ${JSON.stringify(title)}, not ${JSON.stringify(options.title)} (the layout's <title>)`,
    langText === options.lang ? null : `its language is ${JSON.stringify(langText)}, not "${options.lang}" (the layout's <html lang>)`,
  ].filter(Boolean);
  if (problems.length > 0) {
    throw new GradepackError(
      'RenderFailed',
      `The PDF of "${options.title}" is not as it must be: ${problems.join('; ')}.`,
      {},
      'The layout template of this document (in templates/layouts/ or templates/campaign/) must keep <html lang="{{lang}}"> and <title>{{title}}</title>.',
    );
  }
}
