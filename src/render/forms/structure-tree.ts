import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, type PDFContext, type PDFDocument } from 'pdf-lib';

/**
 * The part of the tagged-PDF structure tree that the form needs: which structure element holds
 * each annotation (through an object reference, OBJR), so that a field box's Link element can
 * become the Form element of the widget that replaces it, keeping its place in the reading order.
 */

export interface AnnotationTag {
  /** The structure element (Chromium writes /S /Link) whose kids include the OBJR. */
  element: PDFDict;
  /** The OBJR dictionary pointing at the annotation. */
  objr: PDFDict;
}

const S = PDFName.of('S');
const K = PDFName.of('K');
const TYPE = PDFName.of('Type');
const OBJ = PDFName.of('Obj');

/** Annotation reference (as `n g R`) to the element and OBJR that tag it. */
export function annotationTags(doc: PDFDocument): Map<string, AnnotationTag> {
  const tags = new Map<string, AnnotationTag>();
  const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'));
  if (!(root instanceof PDFDict)) return tags;
  const seen = new Set<PDFDict>();
  const stack: PDFDict[] = [root];
  while (stack.length > 0) {
    const element = stack.pop()!;
    if (seen.has(element)) continue;
    seen.add(element);
    for (const kid of kids(doc.context, element)) {
      if (kid.get(TYPE) === PDFName.of('OBJR')) {
        const obj = kid.get(OBJ);
        if (obj instanceof PDFRef) tags.set(obj.toString(), { element, objr: kid });
      } else if (kid.has(S) || kid.has(K)) {
        stack.push(kid);
      }
    }
  }
  return tags;
}

function kids(context: PDFContext, element: PDFDict): PDFDict[] {
  const k = element.get(K);
  const list = k instanceof PDFArray ? k.asArray() : k ? [k] : [];
  return list.map((item) => (item instanceof PDFRef ? context.lookup(item) : item)).filter((item): item is PDFDict => item instanceof PDFDict);
}

/**
 * Makes the element that tagged `annotation` the Form element of `widget`: same place in the
 * tree, same parent-tree key, now pointing at the widget. `alt` names a radio option, which has no
 * /TU of its own.
 */
export function retagAsFormField(context: PDFContext, tag: AnnotationTag, widget: PDFRef, structParent: number, alt?: string): void {
  tag.element.set(S, PDFName.of('Form'));
  tag.objr.set(OBJ, widget);
  if (alt) tag.element.set(PDFName.of('Alt'), PDFHexString.fromText(alt));
  context.lookup(widget, PDFDict).set(PDFName.of('StructParent'), PDFNumber.of(structParent));
}
