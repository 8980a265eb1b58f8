/**
 * Grade packs and framework references as tagged PDF, printed by the system Chromium through
 * BrowserPool (src/render/browser.ts: one browser per build, pooled pages, JavaScript off, every
 * request refused).
 *
 * API
 * - `renderPackPdf(pool, view, templates, { date }): Promise<PdfDocument>`: a pack's PDF
 *   (output/packs/<grade>/<framework>.pdf), `{ bytes, pages, passes }`. Two prints: the first
 *   finds the page of each competency heading, the second fills in the contents' page numbers.
 * - `renderReferencePdf(pool, framework, templates, { date })`: the reference (A4 landscape).
 * - `renderPdf(pool, html, { title, lang, date, author?, subject?, keywords?, header?, footer?, landscape? }): Promise<Uint8Array>`:
 *   one print of self-contained HTML: A4, tagged, outline from the headings, running header and
 *   footer (Chromium templates; the defaults are the escaped title and "Page X of Y"), backgrounds
 *   printed; /CreationDate and /ModDate set to `date` and the structure elements' ids renumbered,
 *   so that the same input gives the same bytes; the Info dictionary and an XMP packet (metadata.ts)
 *   give title, author, subject, keywords, language and dates. Throws GradepackError `RenderFailed` when Chromium fails or the PDF lacks tags, a
 *   title or a language.
 * - `makeDeterministic(bytes, date)` (= `setPdfDates` + `renumberStructureIds`), `pdfDates(bytes)`.
 * - `namedDestinationPages(bytes)`: the page each named destination lands on.
 *
 * Callers launch the pool (`BrowserPool.launch(config.renderConcurrency)`, which throws
 * `BrowserMissing`), may run many renders concurrently on it, and close it at the end.
 */
export { renderPdf } from './render-pdf';
export { renderPackPdf, renderReferencePdf, type PdfDocument } from './documents';
export { setPdfDates, renumberStructureIds, pdfDates, pdfDate } from './deterministic';
