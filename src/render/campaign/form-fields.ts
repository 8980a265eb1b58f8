import type { PageHeading } from '../browser/pool';
import { AUTO_FONT_SIZE, FillablePdf } from '../forms/fillable-pdf';
import type { PdfMetadata } from '../pdf/metadata';
import type { AssessmentField } from './assessment-form';

/**
 * A printed sift or interview form made fillable (src/render/forms/fillable-pdf.ts): single-line
 * and multi-line text fields, radio groups for choices, check boxes.
 */
const LINE_FONT_SIZE = 12;

export async function addAssessmentFields(printed: Uint8Array, fields: AssessmentField[], metadata: PdfMetadata, headings: PageHeading[]): Promise<Uint8Array> {
  const pdf = await FillablePdf.load(printed, headings, metadata.title, 'templates/campaign/assessment-form.hbs');
  for (const f of fields) {
    if (f.kind === 'choice') {
      pdf.radioGroup(
        f.name,
        f.label,
        f.options.map((o) => ({ value: o.value, name: `${f.label}: ${o.value === o.label ? o.label : `${o.value} ${o.label}`}` })),
      );
    } else if (f.kind === 'check') pdf.checkBox(f.name, f.label);
    else pdf.textField(f.name, f.label, { multiline: f.kind === 'text', fontSize: f.kind === 'line' ? LINE_FONT_SIZE : AUTO_FONT_SIZE });
  }
  // No object streams: candidates' copies are this file plus an appended update (stamp.ts).
  return pdf.save(metadata, { objectStreams: false });
}
