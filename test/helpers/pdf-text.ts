import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { PDFParse } from 'pdf-parse';
import { expect } from 'vitest';
import type { PackView } from '../../src/model/pack-view';
import { CIVIL_SERVICE_GRADES } from '../../src/model/grades';
import type { Framework, GradeId } from '../../src/model/schema';

/**
 * Checks on the text of a rendered PDF, as pdf-parse (pdf.js) extracts it. Text is compared after
 * normalisation (Unicode compatibility forms, so ligatures become letters; case folded; soft
 * hyphens, hyphens at line ends, spaces, line breaks and punctuation dropped), because a PDF
 * wraps lines wherever the page ends them.
 */

async function withParser<T>(pdf: Uint8Array, work: (parser: PDFParse) => Promise<T>): Promise<T> {
  const parser = new PDFParse({ data: pdf.slice(), verbosity: 0 });
  try {
    return await work(parser);
  } finally {
    await parser.destroy();
  }
}

/** The text of a PDF, pages separated by form feeds. */
export async function pdfToText(pdf: Uint8Array): Promise<string> {
  const result = await withParser(pdf, (p) => p.getText({ cellSeparator: ' ' }));
  return result.pages.map((page) => `${page.text.replace(/[ \t]+/g, ' ')}\f`).join('');
}

export interface PdfFacts {
  pages: number;
  title: string | null;
  author: string | null;
  subject: string | null;
  creationDate: Date | null;
  /** Has a structure tree and says it is marked (tagged PDF). */
  tagged: boolean;
  /** "A4 portrait", "A4 landscape" or the size in points. */
  pageSize: string;
}

/** What a PDF says of itself: pages and metadata from pdf-parse, tagging and page size from the catalog. */
export async function pdfInfo(pdf: Uint8Array): Promise<PdfFacts> {
  const info = await withParser(pdf, (p) => p.getInfo());
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const mark = doc.catalog.lookup(PDFName.of('MarkInfo'));
  const marked = mark instanceof PDFDict && mark.get(PDFName.of('Marked'))?.toString() === 'true';
  const { width, height } = doc.getPage(0).getSize();
  const a4 = (w: number, h: number) => Math.abs(w - 595.92) < 1.5 && Math.abs(h - 841.92) < 1.5;
  const pageSize = a4(width, height) ? 'A4 portrait' : a4(height, width) ? 'A4 landscape' : `${width.toFixed(2)} x ${height.toFixed(2)} pts`;
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    pages: info.total,
    title: text(info.info?.Title),
    author: text(info.info?.Author),
    subject: text(info.info?.Subject),
    creationDate: info.getDateNode().CreationDate ?? null,
    tagged: marked && doc.catalog.has(PDFName.of('StructTreeRoot')),
    pageSize,
  };
}

export function pdfPages(text: string): string[] {
  const pages = text.split('\f');
  return pages[pages.length - 1]!.trim() === '' ? pages.slice(0, -1) : pages;
}

export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\u00ad/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

export interface PackTextExpectations {
  /** Every indicator, intro and note the pack shows, by indicator id (or a label). */
  present: { id: string; text: string }[];
  /** Indicators only a higher level (or, where text is written per grade, a higher grade) has. */
  absent: { id: string; text: string }[];
}

/**
 * What a pack's text must and must not contain. "Only a higher level has": an indicator of a level
 * above the pack's levels, or of a grade above the pack's grade, whose text does not also appear
 * in what the pack shows (a lower level can repeat a higher one's words).
 */
export function packTextExpectations(view: PackView, framework: Framework): PackTextExpectations {
  const present = view.competencies.flatMap((c) => c.sections.flatMap((s) => s.indicators.map((i) => ({ id: i.id, text: i.text }))));
  const shown = normalizeText(
    view.competencies
      .flatMap((c) => [c.title, c.description ?? '', ...c.sections.flatMap((s) => [s.note ?? '', s.intro?.text ?? '', ...s.indicators.map((i) => i.text)])])
      .join('\n'),
  );
  const order = new Map(framework.levels.map((l) => [l.id, l.order]));
  const top = Math.max(...view.target.levels.map((l) => order.get(l) ?? -Infinity));
  const gradeRank = (g: GradeId) => CIVIL_SERVICE_GRADES.findIndex((x) => x.id === g);
  const absent = framework.competencies.flatMap((c) =>
    c.levels.flatMap((level) =>
      level.indicators
        .filter(
          (i) =>
            (order.get(level.level) ?? -Infinity) > top ||
            (view.target.grade !== null && i.grade !== null && gradeRank(i.grade) > gradeRank(view.target.grade)),
        )
        .filter((i) => !shown.includes(normalizeText(i.text)))
        .map((i) => ({ id: i.id, text: i.text })),
    ),
  );
  return { present, absent };
}

/** Asserts that `text` (a pack's extracted text) has every indicator of its view and none that only a higher level has. */
export function expectPackText(text: string, view: PackView, framework: Framework): void {
  const { present, absent } = packTextExpectations(view, framework);
  const haystack = normalizeText(text);
  const where = `${view.target.framework} ${view.target.key}`;
  expect(present.length, `${where}: the pack should show some indicators`).toBeGreaterThan(0);
  expect(
    present.filter((i) => !haystack.includes(normalizeText(i.text))).map((i) => i.id),
    `${where}: indicators missing from the text`,
  ).toEqual([]);
  expect(
    absent.filter((i) => haystack.includes(normalizeText(i.text))).map((i) => i.id),
    `${where}: indicators of a higher level in the text`,
  ).toEqual([]);
}

/** Asserts that no indicator is cut across pages: each one's text is whole on a single page. */
export function expectIndicatorsWholeOnAPage(text: string, view: PackView): void {
  const pages = pdfPages(text).map(normalizeText);
  const indicators = view.competencies.flatMap((c) => c.sections.flatMap((s) => s.indicators));
  const split = indicators.filter((i) => !pages.some((p) => p.includes(normalizeText(i.text)))).map((i) => i.id);
  expect(split, `${view.target.framework} ${view.target.key}: indicators not whole on one page`).toEqual([]);
}

/** The outline (bookmarks) of a PDF as pdf.js reads it, depth first. */
export async function pdfOutline(pdf: Uint8Array): Promise<{ title: string; depth: number }[]> {
  const info = await withParser(pdf, (p) => p.getInfo());
  const out: { title: string; depth: number }[] = [];
  const visit = (items: { title: string; items: unknown[] }[], depth: number) => {
    for (const item of items) {
      out.push({ title: item.title, depth });
      visit(item.items as { title: string; items: unknown[] }[], depth + 1);
    }
  };
  visit(info.outline ?? [], 0);
  return out;
}

/**
 * The outline a document's headings call for, read from its HTML independently of the renderer:
 * each heading's text (tags dropped, entities decoded, spaces collapsed), nested under the nearest
 * earlier heading of a higher rank.
 */
export function headingOutline(html: string): { title: string; depth: number }[] {
  const decode = (text: string) =>
    text
      .replace(/&#(x?)([0-9a-f]+);/gi, (_, hex: string, n: string) => String.fromCodePoint(Number.parseInt(n, hex ? 16 : 10)))
      .replace(/&(amp|lt|gt|quot);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"' })[e]!);
  const open: number[] = [];
  return [...html.replace(/<style[\s\S]*?<\/style>/g, '').matchAll(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1>/g)].map((m) => {
    const rank = Number(m[1]);
    while (open.length > 0 && open.at(-1)! >= rank) open.pop();
    open.push(rank);
    return {
      title: decode(m[2]!.replace(/<[^>]*>/g, ''))
        .replace(/\s+/g, ' ')
        .trim(),
      depth: open.length - 1,
    };
  });
}

/** Every bookmark is titled with the text of its heading, in the headings' order and nesting. */
export async function expectOutlineOfHeadings(pdf: Uint8Array, html: string): Promise<void> {
  const expected = headingOutline(html);
  expect(expected.length, 'the document has headings').toBeGreaterThan(1);
  expect(await pdfOutline(pdf)).toEqual(expected);
}

/** The catalog's /Lang, or null. */
export async function pdfLanguage(pdf: Uint8Array): Promise<string | null> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const lang = doc.catalog.lookup(PDFName.of('Lang'));
  return lang instanceof PDFString || lang instanceof PDFHexString ? lang.decodeText() : null;
}

/** Every font the PDF uses: its name, and whether its program is embedded. */
export async function pdfFonts(pdf: Uint8Array): Promise<{ name: string; embedded: boolean }[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const out: { name: string; embedded: boolean }[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type'))?.toString() !== '/Font') continue;
    const subtype = object.get(PDFName.of('Subtype'))?.toString();
    if (subtype === '/CIDFontType0' || subtype === '/CIDFontType2' || subtype === '/Type3') continue;
    let descriptor = object.lookup(PDFName.of('FontDescriptor'));
    const descendants = object.lookup(PDFName.of('DescendantFonts'));
    if (descendants instanceof PDFArray) descriptor = (descendants.lookup(0) as PDFDict).lookup(PDFName.of('FontDescriptor'));
    const embedded = descriptor instanceof PDFDict && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor.has(PDFName.of(k)));
    out.push({ name: object.get(PDFName.of('BaseFont'))?.toString().replace(/^\//, '') ?? '?', embedded });
  }
  return out;
}

/** The smallest font size used for text, in points, from pdf.js's text positions. */
export async function smallestTextSize(pdf: Uint8Array): Promise<number> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: pdf.slice(), verbosity: 0, isEvalSupported: false }).promise;
  try {
    let smallest = Infinity;
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        smallest = Math.min(smallest, Math.hypot(item.transform[2], item.transform[3]));
      }
    }
    return smallest;
  } finally {
    await doc.destroy();
  }
}
