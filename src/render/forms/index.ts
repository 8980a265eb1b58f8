/**
 * Evidence forms: what a form asks for, the fillable PDF, and every evidence output of a build.
 *
 *   renderEvidenceFormPdf(pool: BrowserPool, view: PackView, config: { ratingScale }, { date, layout? }): Promise<Uint8Array>
 *     output/forms/<grade>/<framework>.pdf: the form laid out by templates/forms/ (Handlebars + CSS),
 *     printed by Chromium as tagged PDF, then made fillable with pdf-lib: a multiline text field per
 *     indicator, single-line fields for candidate, role, assessor and date, a radio group on the
 *     rating scale per competency, a summary field; each with its accessible name (/TU), each widget
 *     tagged as a Form element in the structure tree. Same input, same bytes. Pass `layout` from
 *     loadFormLayout() to read the templates once per build.
 *
 *   evidenceForm(view, config) / evidenceOutline(view)
 *     The fields of a form and their names, shared by the PDF and Word forms:
 *       candidate, role, assessor, date, summary,
 *       <competency>.evidence.<n>          (n: the indicator's position in its section, from 1)
 *       <competency>.<level>.evidence.<n>  (packs spanning several levels: ODP SCS)
 *       <competency>.rating                (PDF radio group, export values the scale's values)
 *
 */
export { renderEvidenceFormPdf } from './evidence-form-pdf';
export { evidenceForm, ratingScale, type EvidenceForm } from './form-model';
export { loadFormLayout, formPageData, FORM_TEMPLATE_FILES, DEFAULT_TEMPLATES_DIR, type FormLayout } from './layout';
export { fieldHref, parseFieldHref } from './field-boxes';
