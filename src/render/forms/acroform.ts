import type { PageHeading } from '../browser/pool';
import type { PdfMetadata } from '../pdf/metadata';
import { AUTO_FONT_SIZE, FillablePdf } from './fillable-pdf';
import type { EvidenceForm } from './form-model';

/**
 * The evidence form made fillable (fillable-pdf.ts): a text field in each box, multi-line but for
 * the details at the top, and a radio group for each rating.
 */
export async function addFormFields(printed: Uint8Array, form: EvidenceForm, metadata: PdfMetadata, headings: PageHeading[]): Promise<Uint8Array> {
  const pdf = await FillablePdf.load(printed, headings, metadata.title, 'templates/forms/evidence-form.hbs');
  const singleLine = new Set(form.details.map((f) => f.name));
  const ratings = new Map(form.competencies.map((c) => [c.rating.name, c.rating]));
  for (const field of form.fields) {
    if (ratings.has(field.name)) {
      pdf.radioGroup(
        field.name,
        field.label,
        form.scale.map((level) => ({ value: String(level.value), name: `${field.label}: ${level.value} ${level.label}` })),
      );
    } else {
      pdf.textField(field.name, field.label, { multiline: !singleLine.has(field.name), fontSize: AUTO_FONT_SIZE });
    }
  }
  return pdf.save(metadata, { objectStreams: true });
}
