import { withoutControlCharacters } from '../../model/text';
import type { Config } from '../../config/config';
import type { PackView } from '../../model/pack-view';
import type { BrowserPool } from '../browser/pool';
import { embedFonts, embedFontsInFragment } from '../fonts';
import { addFormFields } from './acroform';
import { printForm } from './fillable-pdf';
import { evidenceForm, type EvidenceForm } from './form-model';
import { formPageData, loadFormLayout, type FormLayout } from './layout';

export interface EvidenceFormPdfOptions {
  /** The document date, documentDate().instant from src/pipeline/document-date.ts; never the clock. */
  date: Date;
  /** The layout from loadFormLayout(); loaded from templates/forms/ when not given. Load it once per build. */
  layout?: FormLayout;
}

const LANG = 'en-GB';

export async function renderEvidenceFormPdf(
  pool: BrowserPool,
  view: PackView,
  config: Pick<Config, 'ratingScale'>,
  options: EvidenceFormPdfOptions,
): Promise<Uint8Array> {
  const form = evidenceForm(view, config);
  const layout = options.layout ?? (await loadFormLayout());
  const data = formPageData(form, LANG);
  const html = embedFonts(withoutControlCharacters(layout.page(data)), data.title);
  const footerTemplate = embedFontsInFragment(withoutControlCharacters(layout.footer(data)), data.title);
  const printed = await printForm(pool, html, footerTemplate, data.title);
  return addFormFields(printed.bytes, form, pdfMetadata(form, options.date), printed.headings);
}

function pdfMetadata(form: EvidenceForm, date: Date) {
  return {
    title: `Evidence form: ${form.targetLabel} (${form.frameworkTitle})`,
    subject: `Evidence and ratings for ${form.targetLabel}`,
    author: form.publisher,
    keywords: [form.frameworkId, form.targetKey, 'evidence form'],
    lang: LANG,
    date,
  };
}
