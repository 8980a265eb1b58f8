import { withoutControlCharacters } from '../../model/text';
import type { BrowserPool } from '../browser/pool';
import { embedFonts, embedFontsInFragment } from '../fonts';
import { fieldHref } from '../forms/field-boxes';
import { printForm } from '../forms/fillable-pdf';
import { DOCUMENT_LANG } from '../html/document-data';
import { makeDeterministic } from '../pdf/deterministic';
import type { AssessmentField, AssessmentForm } from './assessment-form';
import { addAssessmentFields } from './form-fields';
import type { CampaignTemplates } from './layouts';

/**
 * The blank sift or interview form of a vacancy as a fillable, tagged PDF: laid out by
 * templates/campaign/assessment-form.hbs, printed once by Chromium, then given its fields. Each
 * candidate's copy is this file with the candidate stamped on (stamp.ts), never a new print.
 */

const box = (f: AssessmentField) => ({ label: f.label, href: fieldHref(f.name) });
const choice = (f: AssessmentField) => ({
  label: f.label,
  options: f.options.map((o) => ({ value: o.value, label: o.label, href: fieldHref(f.name, o.value) })),
});

export function assessmentPageData(form: AssessmentForm) {
  return {
    lang: DOCUMENT_LANG,
    title: form.title,
    kind: form.kind,
    campaign: form.campaign,
    reference: form.reference,
    vacancyTitle: form.vacancyTitle,
    gradeLabel: form.gradeLabel,
    frameworkTitle: form.frameworkTitle,
    edition: form.edition,
    candidate: [box(form.candidateNumber), box(form.candidateName)],
    scale: form.scale.map((l) => ({ value: l.value, label: l.label, description: l.description ?? '' })),
    leadTitle: form.lead.title,
    leadAssessedHere: form.lead.assessedHere,
    behaviours: form.behaviours.map((b) => ({
      title: b.title,
      lead: b.lead,
      description: b.description,
      groups: b.groups,
      comments: box(b.comments),
      score: choice(b.score),
    })),
    total: box(form.total),
    leadScore: box(form.leadScore),
    outcome: choice(form.outcome),
    assessors: box(form.assessors),
    date: box(form.date),
    declaration: { ...box(form.declaration), text: form.declarationText },
  };
}

export async function renderAssessmentPdf(pool: BrowserPool, form: AssessmentForm, templates: CampaignTemplates, options: { date: Date }): Promise<Uint8Array> {
  const data = assessmentPageData(form);
  const html = embedFonts(withoutControlCharacters(templates.render('assessmentForm', data)), form.title);
  const footerTemplate = embedFontsInFragment(withoutControlCharacters(templates.render('assessmentFooter', data)), form.title);
  const printed = await printForm(pool, html, footerTemplate, form.title);
  return addAssessmentFields(
    makeDeterministic(printed.bytes, options.date),
    form.fields,
    {
      title: form.title,
      subject: `${form.kind} for vacancy ${form.reference}, ${form.campaign}`,
      author: form.campaign,
      keywords: [form.reference, form.stage, 'recruitment', 'assessment form'],
      lang: DOCUMENT_LANG,
      date: options.date,
    },
    printed.headings,
  );
}
