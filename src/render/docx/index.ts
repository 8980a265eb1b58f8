/**
 * Word documents: the evidence template and the Word evidence form.
 *
 *   renderEvidenceTemplate(view: PackView, config: { wordsPerExample }, { date }): Promise<Uint8Array>
 *     output/templates/<grade>/<framework>.docx: title block, STAR guidance, then per competency its
 *     heading and description, the indicators at the pack's grade or level as guidance, and a STAR
 *     table (Situation, Task, Action, Result prompts with space to write) with word-count guidance.
 *
 *   renderEvidenceFormDocx(view: PackView, config: { ratingScale }, { date }): Promise<Uint8Array>
 *     output/forms/<grade>/<framework>.docx: the evidence form as Word content controls, tagged with
 *     the same field names as the PDF form (see src/render/forms/form-model.ts): plain text controls
 *     for candidate, role, assessor, date, each indicator's evidence and the summary; a drop-down
 *     list of the rating scale for each competency's rating.
 *
 * `view` is packView(framework, target) from src/model/pack-view.ts; `date` is documentDate().instant
 * from src/pipeline/document-date.ts. Both are pure: same input, same bytes (docProps dates and zip entry
 * times come from `date`, never the clock, in any time zone). Bad configuration (wordsPerExample
 * not a positive whole number, a rating scale with no levels or repeated values) throws
 * GradepackError ConfigInvalid before anything is made.
 *
 * Everything is styled through Word's built-in styles (Normal, Title, Heading 1-3, List Paragraph,
 * footer, Table Grid), so an organisation restyles the documents by changing styles.
 *
 * Lower-level parts, for tests and other renderers: contentControlXml (w:sdt XML), normaliseDocx
 * and zipDeterministic (reproducible packages), STAR_PARTS, PLACEHOLDERS.
 */
export { renderEvidenceTemplate, STAR_PARTS, wordGuidance } from './evidence-template';
export { renderEvidenceFormDocx, PLACEHOLDERS, RATING_PROMPT } from './evidence-form';
export { normaliseDocx, withCoreDates, zipDeterministic, zipTime } from './deterministic-docx';
export { TABLE_STYLE } from './document-style';
