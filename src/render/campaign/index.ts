/**
 * Recruitment campaign documents, per vacancy (see SPEC.md, "Recruitment campaigns"):
 *
 *   loadCampaignTemplates(templatesDir)            templates/campaign/, checked and compiled once
 *   renderVacancyPackHtml / renderVacancyPackPdf   behaviours.html / .pdf, the candidate's pack
 *   renderStatementDocx(view, { date })            statement.docx, the statement template
 *   assessmentForm(view, stage, scale)             the fields of the sift (application) or interview form
 *   renderAssessmentPdf(pool, form, templates, { date })   sift.pdf / interview.pdf, blank and fillable
 *   renderAssessmentDocx(form, { date })           sift.docx / interview.docx
 *   prepareStamp(blank) + stampCandidate(base, { number, name })   a candidate's copy of a blank
 *     form, by incremental update, without printing again (stamp.ts)
 *   renderScoresXlsx / renderScoresCsv             scores.xlsx / scores.csv
 *
 * `view` is vacancyView() from src/model/vacancy-view.ts; `date` the document date. All outputs
 * are the same bytes for the same input.
 */
export { loadCampaignTemplates } from './templates';
export { CAMPAIGN_TEMPLATE_FILES, type CampaignTemplates } from './layouts';
export { renderVacancyPackHtml, renderVacancyPackPdf } from './vacancy-pack';
export { assessmentForm } from './assessment-form';
export { renderAssessmentPdf } from './assessment-pdf';
export { renderAssessmentDocx, renderStatementDocx } from './word';
export { prepareStamp, stampCandidate } from './stamp';
export { renderScoresCsv, renderScoresXlsx } from './scores';
