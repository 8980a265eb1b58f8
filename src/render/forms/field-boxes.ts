import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, PDFString, PDFHexString, type PDFDocument } from 'pdf-lib';

/**
 * Where the form fields go. The layout draws each field's box as an empty link whose address
 * names the field; Chromium writes every link of the printed page as a link annotation with the
 * box's exact rectangle, on whichever page the box landed, and tags it in the structure tree. So
 * the boxes are found by reading the link annotations back: no text search, no guessing at
 * layout, and each one already has its place in the tagged reading order.
 *
 * `.invalid` is reserved (RFC 2606): such an address can never reach anything.
 */
const ORIGIN = 'https://gradepack.invalid';
const PREFIX = `${ORIGIN}/field/`;

export function fieldHref(name: string, option?: string): string {
  const path = [name, ...(option === undefined ? [] : [option])].map(encodeURIComponent).join('/');
  return `${PREFIX}${path}`;
}

export function parseFieldHref(uri: string): { name: string; option: string | null } | null {
  if (!uri.startsWith(PREFIX)) return null;
  const parts = uri.slice(PREFIX.length).split('/').map(decodeURIComponent);
  if (parts.length < 1 || parts.length > 2 || !parts[0]) return null;
  return { name: parts[0], option: parts[1] ?? null };
}

export interface FieldBox {
  name: string;
  option: string | null;
  pageIndex: number;
  /** [left, bottom, right, top] in PDF points. */
  rect: [number, number, number, number];
  /** The link annotation that marked the box. */
  annotation: PDFRef;
  /** Its key in the structure tree's parent tree, if Chromium tagged it. */
  structParent: number | null;
}

/** Every field box in the document, in page order. */
export function findFieldBoxes(doc: PDFDocument): FieldBox[] {
  const boxes: FieldBox[] = [];
  doc.getPages().forEach((page, pageIndex) => {
    const annots = page.node.Annots();
    if (!annots) return;
    for (let i = 0; i < annots.size(); i++) {
      const ref = annots.get(i);
      if (!(ref instanceof PDFRef)) continue;
      const annot = doc.context.lookup(ref);
      if (!(annot instanceof PDFDict) || annot.get(PDFName.of('Subtype')) !== PDFName.of('Link')) continue;
      const action = annot.lookup(PDFName.of('A'));
      const uri = action instanceof PDFDict ? action.lookup(PDFName.of('URI')) : undefined;
      const parsed = uri instanceof PDFString || uri instanceof PDFHexString ? parseFieldHref(uri.decodeText()) : null;
      if (!parsed) continue;
      const rect = annot.lookup(PDFName.of('Rect'), PDFArray).asRectangle();
      const structParent = annot.lookup(PDFName.of('StructParent'));
      boxes.push({
        ...parsed,
        pageIndex,
        rect: [rect.x, rect.y, rect.x + rect.width, rect.y + rect.height],
        annotation: ref,
        structParent: structParent instanceof PDFNumber ? structParent.asNumber() : null,
      });
    }
  });
  return boxes;
}
