import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString, type PDFAcroField, type PDFPage } from 'pdf-lib';
import { GradepackError } from '../../model/errors';
import type { PageHeading } from '../browser/pool';
import { findFieldBoxes, type FieldBox } from '../forms/field-boxes';
import { annotationTags, retagAsFormField } from '../forms/structure-tree';
import { repairOutline } from '../pdf/outline';
import type { AssessmentField } from './assessment-form';

/**
 * Makes a printed sift or interview form fillable: a field in each box the layout drew (an empty
 * link whose address names the field, see src/render/forms/field-boxes.ts), with its accessible
 * name, tagged as a Form element where the box's link was, so the reading order holds. Single-line
 * and multi-line text fields, radio groups for choices, check boxes. The widgets draw nothing of
 * their own: the printed boxes are the look.
 */

export interface FormMetadata {
  title: string;
  subject: string;
  author: string;
  keywords: string[];
  lang: string;
  date: Date;
}

const TEXT_INSET = 4;
const CHOICE_INSET = 2;
const LINE_FONT_SIZE = 12;
const FONT_KEY = 'Helvetica';

export async function addAssessmentFields(
  printed: Uint8Array,
  fields: AssessmentField[],
  metadata: FormMetadata,
  headings: PageHeading[],
): Promise<Uint8Array> {
  const doc = await PDFDocument.load(printed, { updateMetadata: false, parseSpeed: Infinity });
  repairOutline(doc, headings, metadata.title);
  const boxes = indexBoxes(findFieldBoxes(doc));
  const tags = annotationTags(doc);
  const pages = doc.getPages();
  const form = doc.getForm();
  const font = form.getDefaultFont();
  const withFields = new Set<PDFPage>();

  const place = (box: FieldBox, acroField: PDFAcroField, name: string, alt?: string) => {
    const kids = acroField.dict.lookup(PDFName.of('Kids'), PDFArray);
    const widget = kids.get(kids.size() - 1);
    if (!(widget instanceof PDFRef))
      throw new GradepackError('RenderFailed', `The widget of field ${acroField.getFullyQualifiedName()} is not an indirect object.`);
    doc.context.lookup(widget, PDFDict).set(PDFName.of('TU'), PDFHexString.fromText(name));
    const tag = tags.get(box.annotation.toString());
    if (tag && box.structParent !== null) retagAsFormField(doc.context, tag, widget, box.structParent, alt);
    const page = pages[box.pageIndex]!;
    page.node.removeAnnot(box.annotation);
    doc.context.delete(box.annotation);
    withFields.add(page);
  };

  for (const f of fields) {
    if (f.kind === 'choice') {
      const group = form.createRadioGroup(f.name);
      group.acroField.dict.set(PDFName.of('TU'), PDFHexString.fromText(f.label));
      for (const option of f.options) {
        const box = boxes.take(f.name, option.value);
        group.addOptionToPage(option.value, pages[box.pageIndex]!, { ...inset(box.rect, CHOICE_INSET), borderWidth: 0 });
        const optionName = `${f.label}: ${option.value === option.label ? option.label : `${option.value} ${option.label}`}`;
        place(box, group.acroField, optionName, optionName);
      }
    } else if (f.kind === 'check') {
      const box = boxes.take(f.name, null);
      const check = form.createCheckBox(f.name);
      check.acroField.dict.set(PDFName.of('TU'), PDFHexString.fromText(f.label));
      check.addToPage(pages[box.pageIndex]!, { ...inset(box.rect, CHOICE_INSET), borderWidth: 0 });
      place(box, check.acroField, f.label);
    } else {
      const box = boxes.take(f.name, null);
      const text = form.createTextField(f.name);
      text.acroField.dict.set(PDFName.of('TU'), PDFHexString.fromText(f.label));
      if (f.kind === 'text') {
        text.enableMultiline();
        text.enableScrolling();
      }
      text.addToPage(pages[box.pageIndex]!, { ...inset(box.rect, TEXT_INSET), borderWidth: 0, backgroundColor: undefined, borderColor: undefined, font });
      place(box, text.acroField, f.label);
      text.acroField.setDefaultAppearance(`/${FONT_KEY} ${f.kind === 'line' ? LINE_FONT_SIZE : 0} Tf 0 g`);
    }
  }
  boxes.assertAllTaken();

  const acroForm = doc.catalog.lookup(PDFName.of('AcroForm'), PDFDict);
  acroForm.set(PDFName.of('DA'), PDFString.of(`/${FONT_KEY} 0 Tf 0 g`));
  acroForm.set(PDFName.of('DR'), doc.context.obj({ Font: { [FONT_KEY]: font.ref } }));
  for (const page of withFields) page.node.set(PDFName.of('Tabs'), PDFName.of('S'));

  doc.setTitle(metadata.title, { showInWindowTitleBar: true });
  doc.setSubject(metadata.subject);
  doc.setAuthor(metadata.author);
  doc.setKeywords(metadata.keywords);
  doc.setCreator('gradepack');
  doc.setProducer('gradepack (Chromium, pdf-lib)');
  doc.setCreationDate(metadata.date);
  doc.setModificationDate(metadata.date);
  doc.setLanguage(metadata.lang);
  // Object streams off: candidates' copies are this file plus an appended update (stamp.ts), and a
  // plain cross-reference table keeps every reader, old and new, able to follow the chain.
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false, objectsPerTick: Infinity });
}

function inset([left, bottom, right, top]: FieldBox['rect'], by: number) {
  const d = Math.min(by, (right - left) / 4, (top - bottom) / 4);
  return { x: left + d, y: bottom + d, width: right - left - 2 * d, height: top - bottom - 2 * d };
}

function indexBoxes(found: FieldBox[]) {
  const key = (name: string, option: string | null) => (option === null ? name : `${name} option ${option}`);
  const byKey = new Map<string, FieldBox>();
  for (const box of found) {
    const k = key(box.name, box.option);
    if (byKey.has(k)) {
      throw new GradepackError(
        'RenderFailed',
        `The box for form field ${k} appears twice in the printed form.`,
        {},
        'A box split by a page break prints twice: keep each box smaller than a page, inside an element with break-inside: avoid (templates/campaign/assessment-form.css).',
      );
    }
    byKey.set(k, box);
  }
  return {
    take(name: string, option: string | null): FieldBox {
      const k = key(name, option);
      const box = byKey.get(k);
      if (!box) {
        throw new GradepackError(
          'RenderFailed',
          `The printed form has no box for field ${k}.`,
          {},
          "templates/campaign/assessment-form.hbs must draw a box (a link with the field's href) for every field.",
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
