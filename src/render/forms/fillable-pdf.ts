import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString, type PDFAcroField, type PDFFont, type PDFPage } from 'pdf-lib';
import { GradepackError, isGradepackError } from '../../model/errors';
import type { BrowserPool, PageHeading } from '../browser/pool';
import { setPdfMetadata, type PdfMetadata } from '../pdf/metadata';
import { repairOutline } from '../pdf/outline';
import { findFieldBoxes, type FieldBox } from './field-boxes';
import { type AnnotationTag, annotationTags, retagAsFormField } from './structure-tree';

/**
 * What every fillable form shares (evidence forms; campaign sift and interview forms): printing
 * the form's page, then turning Chromium's tagged PDF, with a link marking each field's box, into a
 * fillable one. Each field gets its accessible name (/TU), and its widget is tagged as a Form
 * element where its box's link was, so the reading order holds. The widgets draw no border or
 * background of their own: the boxes are printed on the page, so a blank form prints like a paper
 * one, and a filled one shows its values in them.
 */

/** A4 with 20 mm margins; the bottom one holds the running footer. */
export const FORM_PDF_OPTIONS = {
  format: 'A4',
  margin: { top: '20mm', right: '20mm', bottom: '22mm', left: '20mm' },
  printBackground: true,
  displayHeaderFooter: true,
  headerTemplate: '<span></span>',
  tagged: true,
  outline: true,
} as const;

export async function printForm(
  pool: BrowserPool,
  html: string,
  footerTemplate: string,
  title: string,
): Promise<{ bytes: Uint8Array; headings: PageHeading[] }> {
  try {
    return await pool.print(html, { ...FORM_PDF_OPTIONS, footerTemplate });
  } catch (e) {
    if (isGradepackError(e)) throw e;
    throw new GradepackError('RenderFailed', `Chromium could not print "${title}": ${(e as Error).message}`);
  }
}

/** Space between a box's printed border and the text inside it, in points. */
const TEXT_INSET = 4;
/** Radio and check widgets sit inside the printed ring's 2px (1.5pt) border. */
const CHOICE_INSET = 2;
const FONT_KEY = 'Helvetica';
/**
 * Font size 0 sizes the text to fit: a long answer shrinks rather than being cut off at the box's
 * edge when printed. Scrolling stays on (no DoNotScroll) and there is no maximum length, so a
 * viewer keeps all of what is typed.
 */
export const AUTO_FONT_SIZE = 0;

export class FillablePdf {
  private readonly pages: PDFPage[];
  private readonly font: PDFFont;
  private readonly withFields = new Set<PDFPage>();

  private constructor(
    private readonly doc: PDFDocument,
    private readonly boxes: BoxIndex,
    private readonly tags: Map<string, AnnotationTag>,
  ) {
    this.pages = doc.getPages();
    this.font = doc.getForm().getDefaultFont();
  }

  /** `headings`: the printed page's headings, which the outline's titles are made to match; `template`: the layout that draws the boxes, for errors. */
  static async load(printed: Uint8Array, headings: PageHeading[], title: string, template: string): Promise<FillablePdf> {
    const doc = await PDFDocument.load(printed, { updateMetadata: false, parseSpeed: Infinity });
    repairOutline(doc, headings, title);
    return new FillablePdf(doc, indexBoxes(findFieldBoxes(doc), template), annotationTags(doc));
  }

  textField(name: string, label: string, options: { multiline: boolean; fontSize: number }): void {
    const box = this.boxes.take(name, null);
    const text = this.doc.getForm().createTextField(name);
    text.acroField.dict.set(PDFName.of('TU'), PDFHexString.fromText(label));
    if (options.multiline) text.enableMultiline();
    text.addToPage(this.pages[box.pageIndex]!, {
      ...inset(box.rect, TEXT_INSET),
      borderWidth: 0,
      backgroundColor: undefined,
      borderColor: undefined,
      font: this.font,
    });
    this.place(box, text.acroField, label);
    text.acroField.setDefaultAppearance(`/${FONT_KEY} ${options.fontSize} Tf 0 g`);
  }

  /** A radio group, each option in the box drawn for it; `name` of an option is its widget's accessible name. */
  radioGroup(name: string, label: string, options: { value: string; name: string }[]): void {
    const group = this.doc.getForm().createRadioGroup(name);
    group.acroField.dict.set(PDFName.of('TU'), PDFHexString.fromText(label));
    for (const option of options) {
      const box = this.boxes.take(name, option.value);
      group.addOptionToPage(option.value, this.pages[box.pageIndex]!, { ...inset(box.rect, CHOICE_INSET), borderWidth: 0 });
      this.place(box, group.acroField, option.name, option.name);
    }
  }

  checkBox(name: string, label: string): void {
    const box = this.boxes.take(name, null);
    const check = this.doc.getForm().createCheckBox(name);
    check.acroField.dict.set(PDFName.of('TU'), PDFHexString.fromText(label));
    check.addToPage(this.pages[box.pageIndex]!, { ...inset(box.rect, CHOICE_INSET), borderWidth: 0 });
    this.place(box, check.acroField, label);
  }

  /**
   * Every box must have had its field. `objectStreams: false` where the file will get incremental
   * updates (campaign candidates' copies): a plain cross-reference table keeps every reader able to
   * follow the chain.
   */
  async save(metadata: PdfMetadata, options: { objectStreams: boolean }): Promise<Uint8Array> {
    this.boxes.assertAllTaken();
    const acroForm = this.doc.catalog.lookup(PDFName.of('AcroForm'), PDFDict);
    acroForm.set(PDFName.of('DA'), PDFString.of(`/${FONT_KEY} ${AUTO_FONT_SIZE} Tf 0 g`));
    acroForm.set(PDFName.of('DR'), this.doc.context.obj({ Font: { [FONT_KEY]: this.font.ref } }));
    // Tab through the fields in the order of the structure tree, which is the reading order.
    for (const page of this.withFields) page.node.set(PDFName.of('Tabs'), PDFName.of('S'));
    setPdfMetadata(this.doc, metadata);
    // Appearances were made as each widget was added; made again at save, the multiline fields
    // would lose their fit-to-box text size.
    return this.doc.save({ useObjectStreams: options.objectStreams, updateFieldAppearances: false, objectsPerTick: Infinity });
  }

  /** `name` is the widget's own accessible name: the field's, or a radio option's. */
  private place(box: FieldBox, acroField: PDFAcroField, name: string, alt?: string): void {
    const kids = acroField.dict.lookup(PDFName.of('Kids'), PDFArray);
    const widget = kids.get(kids.size() - 1);
    if (!(widget instanceof PDFRef))
      throw new GradepackError('RenderFailed', `The widget of field ${acroField.getFullyQualifiedName()} is not an indirect object.`);
    // /TU belongs to the field; viewers built on pdf.js read it from the widget only.
    this.doc.context.lookup(widget, PDFDict).set(PDFName.of('TU'), PDFHexString.fromText(name));
    const tag = this.tags.get(box.annotation.toString());
    if (tag && box.structParent !== null) retagAsFormField(this.doc.context, tag, widget, box.structParent, alt);
    const page = this.pages[box.pageIndex]!;
    page.node.removeAnnot(box.annotation);
    this.doc.context.delete(box.annotation);
    this.withFields.add(page);
  }
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
function indexBoxes(found: FieldBox[], template: string): BoxIndex {
  const key = (name: string, option: string | null) => (option === null ? name : `${name} option ${option}`);
  const byKey = new Map<string, FieldBox>();
  for (const box of found) {
    const k = key(box.name, box.option);
    if (byKey.has(k)) {
      throw new GradepackError(
        'RenderFailed',
        `The box for form field ${k} appears twice in the printed form.`,
        { file: template },
        'A box split by a page break prints twice: keep each box smaller than a page (its stylesheet keeps boxes whole), and give each field one box.',
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
          { file: template },
          "Draw a box (a link with the field's href) for every field.",
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
          { file: template },
          'Use only the hrefs the template data gives.',
        );
      }
    },
  };
}
