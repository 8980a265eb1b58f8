import { PDFDict, PDFHexString, PDFName, PDFString, type PDFDocument } from 'pdf-lib';
import { GradepackError } from '../../model/errors';
import type { PageHeading } from '../browser/pool';

/**
 * The PDF's outline (bookmarks) is a promise of ours: each entry is titled with the text of the
 * heading it points at, in the headings' order and nesting. Chromium writes the outline from the
 * headings, but some builds get the titles wrong (153 and 156 repeat the text of a heading that
 * has an id, "ContentsContents"; 156 also drops the space where a title wraps). The entries'
 * destinations and nesting are right in those builds, so the titles are rewritten from the page's
 * own headings; an outline whose shape differs from the headings' cannot be mended this way and
 * is refused.
 */
export interface OutlineEntry {
  title: string;
  depth: number;
  node: PDFDict;
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The outline's entries, depth first, as Chromium and pdf-lib store them (/First, /Next). */
export function readOutline(doc: PDFDocument): OutlineEntry[] {
  const out: OutlineEntry[] = [];
  const seen = new Set<PDFDict>();
  const visit = (first: unknown, depth: number) => {
    let node = first;
    while (node instanceof PDFDict && !seen.has(node)) {
      seen.add(node);
      const title = node.lookup(PDFName.of('Title'));
      out.push({ title: title instanceof PDFString || title instanceof PDFHexString ? title.decodeText() : '', depth, node });
      visit(node.lookup(PDFName.of('First')), depth + 1);
      node = node.lookup(PDFName.of('Next'));
    }
  };
  const root = doc.catalog.lookup(PDFName.of('Outlines'));
  if (root instanceof PDFDict) visit(root.lookup(PDFName.of('First')), 0);
  return out;
}

/** The outline the headings call for: a heading nests under the nearest earlier heading of a higher rank. */
export function expectedOutline(headings: PageHeading[]): { title: string; depth: number }[] {
  const open: number[] = [];
  return headings.map((h) => {
    while (open.length > 0 && open[open.length - 1]! >= h.level) open.pop();
    open.push(h.level);
    return { title: collapse(h.text), depth: open.length - 1 };
  });
}

/**
 * Makes the outline's titles equal to the headings' text, in place. Returns how many titles were
 * rewritten (0 when the browser got them right). Throws OutlineMismatch when the outline has a
 * different number of entries or nesting than the headings.
 */
export function repairOutline(doc: PDFDocument, headings: PageHeading[], documentTitle: string): number {
  const actual = readOutline(doc);
  const expected = expectedOutline(headings);
  const shape = (entries: { depth: number }[]) => entries.map((e) => e.depth).join(',');
  if (shape(actual) !== shape(expected)) {
    throw new GradepackError(
      'OutlineMismatch',
      `The PDF of "${documentTitle}" has ${actual.length} bookmarks for ${expected.length} headings, or nests them differently: ${JSON.stringify(actual.slice(0, 4).map((a) => a.title))}...`,
      {},
      'The browser wrote an outline gradepack cannot trust; try the pinned Chromium (unset PUPPETEER_EXECUTABLE_PATH).',
    );
  }
  let repaired = 0;
  actual.forEach((entry, i) => {
    const want = expected[i]!.title;
    if (entry.title === want) return;
    entry.node.set(PDFName.of('Title'), PDFHexString.fromText(want));
    repaired++;
  });
  return repaired;
}
