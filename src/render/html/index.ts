/**
 * Grade packs and framework references as HTML, from the Handlebars templates in templates/.
 *
 * API
 * - `loadPackTemplates(templatesDir): Promise<PackTemplates>`: reads, parses, checks and compiles
 *   every template and stylesheet once. Throws GradepackError `TemplateSyntax` (a syntax error,
 *   triple braces, a partial that does not exist, a stylesheet with url()/@import/</style or GDS
 *   Transport, a missing layout) or `TemplateField` (a field the data does not have), naming the
 *   file and line. `templates.files` and `templates.digest` are the templates' content hashes, for
 *   the build manifest.
 * - `renderPackHtml(view, templates, { date }): string`: a pack's accessible HTML page (what
 *   output/packs/<grade>/<framework>.html holds). `view` is `packView(framework, target)`.
 * - `renderReferenceHtml(framework, templates, { date }): string`: the reference document's page
 *   (all levels side by side; output/reference/<framework>.html).
 * - `packDocument` / `referenceDocument(…, { date, print, pages })`: the same with `print: true`
 *   for PDF: contents with page numbers, and Chromium's running header and footer. Used by
 *   src/render/pdf; a caller rarely needs them directly.
 * - `packOutputPath(target, ext)`, `referenceOutputPath(frameworkId, ext)`: paths under output/.
 * - `packData`, `referenceData`: the data the layouts see (documented in templates/README.md).
 *
 * `date` is the document date, `documentDate(framework)` from src/pipeline/document-date.ts: a
 * DocumentDate, which says what the date is (the source's, at its precision; the capture day of an
 * undated source; SOURCE_DATE_EPOCH), so that documents print it truthfully.
 * All functions here are pure apart from loadPackTemplates' reads; rendering errors at run time
 * (strict mode) are GradepackError `TemplateField` / `RenderFailed` with the template's file.
 */
export { loadPackTemplates, LAYOUT_FILES, type PackTemplates } from './templates';
export { renderPackHtml, renderReferenceHtml, packDocument } from './render';
export { packData, packTitle } from './pack-data';
export { referenceData, referenceTitle } from './reference-data';
export { packOutputPath, referenceOutputPath } from './output-paths';
