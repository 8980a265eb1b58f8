import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString, type PDFObject } from 'pdf-lib';

/**
 * The page (1-based) on which each named destination of a PDF lands. Chromium writes a named
 * destination for every element that an internal link points at, so the contents' links to the
 * competency headings give each heading's page. pdf-lib reads them (pdf.js would too, but its
 * first document costs seconds to set up a worker).
 */
export async function namedDestinationPages(pdf: Uint8Array | PDFDocument): Promise<Map<string, number>> {
  const doc = pdf instanceof PDFDocument ? pdf : await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: Infinity });
  const pageIndex = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  const out = new Map<string, number>();
  const record = (name: string, value: PDFObject | undefined) => {
    let dest = value ? doc.context.lookup(value) : undefined;
    if (dest instanceof PDFDict) dest = dest.lookup(PDFName.of('D'));
    if (!(dest instanceof PDFArray)) return;
    const page = dest.get(0);
    if (page instanceof PDFRef && pageIndex.has(page.toString())) out.set(name, pageIndex.get(page.toString())!);
  };

  // PDF 1.1 style: a /Dests dictionary in the catalog (what Chromium writes).
  const dests = doc.catalog.lookup(PDFName.of('Dests'));
  if (dests instanceof PDFDict) {
    for (const [key, value] of dests.entries()) record(key.decodeText(), value);
  }
  // PDF 1.2 style: a name tree under /Names /Dests.
  const names = doc.catalog.lookup(PDFName.of('Names'));
  if (names instanceof PDFDict) {
    const tree = names.lookup(PDFName.of('Dests'));
    if (tree instanceof PDFDict) walkNameTree(doc, tree, record, 0);
  }
  return out;
}

function walkNameTree(doc: PDFDocument, node: PDFDict, record: (name: string, value: PDFObject | undefined) => void, depth: number): void {
  if (depth > 32) return;
  const names = node.lookup(PDFName.of('Names'));
  if (names instanceof PDFArray) {
    for (let i = 0; i + 1 < names.size(); i += 2) {
      const key = names.lookup(i);
      if (key instanceof PDFString || key instanceof PDFHexString) record(key.decodeText(), names.get(i + 1));
    }
  }
  const kids = node.lookup(PDFName.of('Kids'));
  if (kids instanceof PDFArray) {
    for (let i = 0; i < kids.size(); i++) {
      const kid = kids.lookup(i);
      if (kid instanceof PDFDict) walkNameTree(doc, kid, record, depth + 1);
    }
  }
}
