import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString, type PDFAcroField, type PDFPage } from 'pdf-lib';
import { GradepackError } from '../../model/errors';
import type { PageHeading } from '../browser/pool';
import { setPdfMetadata, type PdfMetadata } from '../pdf/metadata';
import { repairOutline } from '../pdf/outline';
import { findFieldBoxes, type FieldBox } from './field-boxes';
import type { EvidenceForm, FormField } from './form-model';
import { annotationTags, retagAsFormField } from './structure-tree';

/**
 * Turns the printed form (Chromium's tagged PDF, with a link marking each field's box) into a
 * fillable one: a text field in each box, a radio group for each rating, each with its accessible
 * name (/TU), each widget tagged as a Form element where its box's link was. The widgets draw no
 * border or background of their own: the boxes are printed on the page, so a blank form prints
 * like a paper one, and a filled one shows its values in them.
 */

/** Space between a box's printed border and the text inside it, in points. */
const TEXT_INSET = 4;
/** Radio widgets sit inside the printed circle's 2px (1.5pt) ring. */
const RADIO_INSET = 2;
/**
 * Every field sizes its text to fit (0): a long answer shrinks rather than being cut off at the
 * box's edge when printed. Scrolling stays on (no DoNotScroll) and there is no maximum length, so a
 * viewer keeps all of what is typed; evidence and the summary are multi-line.
 */
const AUTO_FONT_SIZE = 0;
const FONT_KEY = 'Helvetica';

/** `headings`: the printed page's headings, which the outline's titles are made to match. */
export async function addFormFields(printed: Uint8Array, form: EvidenceForm, metadata: PdfMetadata, headings: PageHeading[]): Promise<Uint8Array> {
  const doc = await PDFDocument.load(printed, { updateMetadata: false, parseSpeed: Infinity });
  repairOutline(doc, headings, metadata.title);
  const boxes = indexBoxes(findFieldBoxes(doc));
  const tags = annotationTags(doc);
  const pages = doc.getPages();
  const pdfForm = doc.getForm();
  const font = pdfForm.getDefaultFont();
  const singleLine = new Set(form.details.map((f) => f.name));
  const ratings = new Map(form.competencies.map((c) => [c.rating.name, c.rating]));
  const pagesWithFields = new Set<PDFPage>();

  /** `name` is the widget's own accessible name: the field's, or a radio option's. */
  const place = (box: FieldBox, acroField: PDFAcroField, name: string, alt?: string) => {
    const widget = lastKid(acroField);
    // /TU belongs to the field; viewers built on pdf.js read it from the widget only.
    doc.context.lookup(widget, PDFDict).set(PDFName.of('TU'), PDFHexString.fromText(name));
    const tag = tags.get(box.annotation.toString());
    if (tag && box.structParent !== null) retagAsFormField(doc.context, tag, widget, box.structParent, alt);
    const page = pages[box.pageIndex]!;
    page.node.removeAnnot(box.annotation);
    doc.context.delete(box.annotation);
    pagesWithFields.add(page);
  };

  for (const field of form.fields) {
    const rating = ratings.get(field.name);
    if (rating) {
      const group = pdfForm.createRadioGroup(field.name);
      setAccessibleName(group.acroField, field);
      for (const level of form.scale) {
        const option = String(level.value);
        const box = boxes.take(field.name, option);
        group.addOptionToPage(option, pages[box.pageIndex]!, { ...inset(box.rect, RADIO_INSET), borderWidth: 0 });
        const optionName = `${field.label}: ${level.value} ${level.label}`;
        place(box, group.acroField, optionName, optionName);
      }
      continue;
    }
    const box = boxes.take(field.name, null);
    const text = pdfForm.createTextField(field.name);
    setAccessibleName(text.acroField, field);
    if (!singleLine.has(field.name)) text.enableMultiline();
    text.addToPage(pages[box.pageIndex]!, { ...inset(box.rect, TEXT_INSET), borderWidth: 0, backgroundColor: undefined, borderColor: undefined, font });
    place(box, text.acroField, field.label);
    text.acroField.setDefaultAppearance(`/${FONT_KEY} ${AUTO_FONT_SIZE} Tf 0 g`);
  }
  boxes.assertAllTaken();

  const acroForm = doc.catalog.lookup(PDFName.of('AcroForm'), PDFDict);
  acroForm.set(PDFName.of('DA'), PDFString.of(`/${FONT_KEY} ${AUTO_FONT_SIZE} Tf 0 g`));
  acroForm.set(PDFName.of('DR'), doc.context.obj({ Font: { [FONT_KEY]: font.ref } }));
  // Tab through the fields in the order of the structure tree, which is the reading order.
  for (const page of pagesWithFields) page.node.set(PDFName.of('Tabs'), PDFName.of('S'));

  setPdfMetadata(doc, metadata);
  // Appearances were made as each widget was added; made again at save, the multiline fields
  // would lose their fit-to-box text size.
  return doc.save({ useObjectStreams: true, updateFieldAppearances: false, objectsPerTick: Infinity });
}

function setAccessibleName(acroField: PDFAcroField, field: FormField): void {
  acroField.dict.set(PDFName.of('TU'), PDFHexString.fromText(field.label));
}

function lastKid(acroField: PDFAcroField): PDFRef {
  const kids = acroField.dict.lookup(PDFName.of('Kids'), PDFArray);
  const ref = kids.get(kids.size() - 1);
  if (!(ref instanceof PDFRef)) throw new GradepackError('RenderFailed', `The widget of field ${acroField.getFullyQualifiedName()} is not an indirect object.`);
  return ref;
}

function inset([left, bottom, right, top]: FieldBox['rect'], by: number) {
  const d = Math.min(by, (right - left) / 4, (top - bottom) / 4);
  return { x: left + d, y: bottom + d, width: right - left - 2 * d, height: top - bottom - 2 * d };
}

interface BoxIndex {
  take(name: string, option: string | null): FieldBox;
  assertAllTaken(): void;
}

/** Each field needs exactly one box; a box no field claims is a template error too. */
function indexBoxes(found: FieldBox[]): BoxIndex {
  const key = (name: string, option: string | null) => (option === null ? name : `${name} option ${option}`);
  const byKey = new Map<string, FieldBox>();
  for (const box of found) {
    const k = key(box.name, box.option);
    if (byKey.has(k)) {
      throw new GradepackError(
        'RenderFailed',
        `The box for form field ${k} appears twice in the printed form.`,
        {},
        'A box split by a page break prints twice: keep each box smaller than a page, with break-inside: avoid, and give each field one box in templates/forms/evidence-form.hbs.',
      );
    }
    byKey.set(k, box);
  }
  return {
    take(name, option) {
      const k = key(name, option);
      const box = byKey.get(k);
      if (!box) {
        throw new GradepackError(
          'RenderFailed',
          `The printed form has no box for field ${k}.`,
          {},
          "templates/forms/evidence-form.hbs must draw a box (a link with the field's href) for every field.",
        );
      }
      byKey.delete(k);
      return box;
    },
    assertAllTaken() {
      const left = [...byKey.keys()];
      if (left.length > 0) {
        throw new GradepackError(
          'RenderFailed',
          `The printed form has a box for ${left[0]}, which is not a field of this form.`,
          {},
          'Use only the hrefs the template data gives.',
        );
      }
    },
  };
}
