import { GradepackError } from '../../../model/errors';

/** One run of text as pdf.js places it on a page, in top-down page coordinates (points). */
export interface PdfTextItem {
  text: string;
  /** Left edge of the run. */
  x: number;
  /** Baseline, measured from the top of the page. */
  y: number;
  width: number;
  /** Font size (the text matrix's vertical scale). */
  size: number;
}

export interface PdfPage {
  /** 1-based page number. */
  page: number;
  width: number;
  height: number;
  items: PdfTextItem[];
}

const HEADER = '%PDF-';
const EOF_MARKER = '%%EOF';
/** Where the markers may sit: a header after a little junk, an end marker followed by a little padding. */
const MARKER_WINDOW = 1024;

/**
 * Reads the text runs of every page with pdf.js. Every failure becomes a GradepackError naming
 * the file (and page where known): SourceEncrypted for any encrypted PDF, even one that opens
 * without a password (the published file is not encrypted, so this is not it); SourceCorrupt for
 * anything damaged or truncated.
 */
export async function readPdfText(bytes: Uint8Array, display: string): Promise<PdfPage[]> {
  checkMarkers(bytes, display);
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdf.js takes ownership of (and may detach) the buffer it is given, so give it a copy.
  const task = getDocument({ data: bytes.slice(), verbosity: 0, stopAtErrors: true, isEvalSupported: false });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy().catch(() => {});
    throw pdfError(e, display);
  }
  try {
    const { info } = await doc.getMetadata().catch((e: unknown) => {
      throw pdfError(e, display);
    });
    if ((info as { EncryptFilterName?: string | null }).EncryptFilterName) {
      throw new GradepackError(
        'SourceEncrypted',
        'It is encrypted, though it opens without a password; the published file is not encrypted.',
        { file: display },
        'Use the unencrypted PDF as published (restore it from git).',
      );
    }
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      try {
        pages.push(await readPage(doc, n));
      } catch (e) {
        throw pdfError(e, display, n);
      }
    }
    return pages;
  } finally {
    await doc.destroy().catch(() => {});
  }
}

type PdfDocument = Awaited<ReturnType<typeof import('pdfjs-dist/legacy/build/pdf.mjs').getDocument>['promise']>;

async function readPage(doc: PdfDocument, n: number): Promise<PdfPage> {
  const page = await doc.getPage(n);
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const items: PdfTextItem[] = [];
  for (const item of content.items) {
    if (!('str' in item) || item.str === '') continue;
    const [a, b, c, d, e, f] = item.transform as number[];
    const [x, y] = viewport.convertToViewportPoint(e!, f!);
    items.push({ text: item.str, x: x!, y: y!, width: item.width, size: Math.hypot(c!, d!) || Math.hypot(a!, b!) });
  }
  page.cleanup();
  return { page: n, width: viewport.width, height: viewport.height, items };
}

function checkMarkers(bytes: Uint8Array, display: string): void {
  const head = latin1(bytes.subarray(0, MARKER_WINDOW));
  if (!head.includes(HEADER)) {
    throw new GradepackError('SourceCorrupt', 'It does not start with a %PDF- header: it is not a PDF file.', { file: display }, 'Restore the PDF from git.');
  }
  const tail = latin1(bytes.subarray(Math.max(0, bytes.length - MARKER_WINDOW)));
  if (!tail.includes(EOF_MARKER)) {
    throw new GradepackError(
      'SourceCorrupt',
      `It ends at byte ${bytes.length} without a %%EOF marker: it is truncated.`,
      { file: display },
      'Restore the PDF from git.',
    );
  }
}

function latin1(bytes: Uint8Array): string {
  return new TextDecoder('latin1').decode(bytes);
}

function pdfError(e: unknown, display: string, page?: number): GradepackError {
  if (e instanceof GradepackError) return e;
  const name = e instanceof Error ? e.name : 'Error';
  const message = e instanceof Error ? e.message : String(e);
  const location = page ? { file: display, page } : { file: display };
  if (name === 'PasswordException') {
    return new GradepackError(
      'SourceEncrypted',
      `It needs a password to open (${message}).`,
      location,
      'Use the unencrypted PDF as published (restore it from git).',
    );
  }
  const where = page ? `Page ${page} cannot be read` : 'pdf.js cannot open it';
  return new GradepackError('SourceCorrupt', `${where} (${name}: ${message}).`, location, 'Restore the PDF from git.');
}
