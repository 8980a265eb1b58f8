import type { RatingLevel } from '../../config/config';
import { behavioursAt, type Stage, type VacancyBehaviourView, type VacancyView } from '../../model/vacancy-view';

/**
 * What a sift form (the application stage) or an interview form asks for, independent of format:
 * the PDF form and the Word form are both drawn from this, so a field has the same name in both.
 *
 * Field names: `candidate.number`, `candidate.name`; per behaviour `<behaviour>.comments` and
 * `<behaviour>.score` (a choice on the rating scale); then `total`, `lead-score`, `outcome`,
 * `assessors`, `date` and `declaration`.
 */

export type FieldKind = 'line' | 'text' | 'choice' | 'check';

export interface AssessmentField {
  name: string;
  kind: FieldKind;
  /** Accessible name (a PDF field's /TU, a Word control's alias). */
  label: string;
  /** For choices: the export values and what each means. */
  options: { value: string; label: string }[];
}

export interface AssessmentBehaviour {
  id: string;
  title: string;
  lead: boolean;
  description: string | null;
  /** The grade's indicators, as the candidate's pack shows them. */
  groups: { heading: string | null; intro: string | null; indicators: string[] }[];
  comments: AssessmentField;
  score: AssessmentField;
}

export interface AssessmentForm {
  stage: Stage;
  /** "Sift form" or "Interview form". */
  kind: string;
  title: string;
  campaign: string;
  reference: string;
  vacancyTitle: string;
  gradeLabel: string;
  frameworkTitle: string;
  edition: string;
  publisher: string;
  scale: RatingLevel[];
  candidateNumber: AssessmentField;
  candidateName: AssessmentField;
  behaviours: AssessmentBehaviour[];
  lead: { title: string; assessedHere: boolean };
  total: AssessmentField;
  leadScore: AssessmentField;
  outcome: AssessmentField;
  assessors: AssessmentField;
  date: AssessmentField;
  declaration: AssessmentField;
  declarationText: string;
  /** Every field in document order. */
  fields: AssessmentField[];
}

const STAGE_KIND: Record<Stage, string> = { application: 'Sift form', interview: 'Interview form' };

export const OUTCOMES: Record<Stage, { value: string; label: string }[]> = {
  application: [
    { value: 'progress', label: 'Progress to interview' },
    { value: 'do-not-progress', label: 'Do not progress' },
  ],
  interview: [
    { value: 'appointable', label: 'Appointable' },
    { value: 'not-appointable', label: 'Not appointable' },
  ],
};

export const DECLARATION =
  'I declare that I scored this candidate only on the evidence given, against the behaviours and the scale above, and that I have no conflict of interest with the candidate, or have declared it.';

const field = (name: string, kind: FieldKind, label: string, options: AssessmentField['options'] = []): AssessmentField => ({ name, kind, label, options });

export function gradeLabel(view: Pick<VacancyView, 'target'>): string {
  return view.target.kind === 'grade' ? view.target.label : `${view.target.label} level`;
}

/** The form for one stage of a vacancy, or null when no behaviour is assessed at that stage. */
export function assessmentForm(view: VacancyView, stage: Stage, scale: RatingLevel[]): AssessmentForm | null {
  const chosen = behavioursAt(view, stage);
  if (chosen.length === 0) return null;
  const kind = STAGE_KIND[stage];
  const options = scale.map((l) => ({ value: String(l.value), label: l.label }));
  const behaviours = chosen.map(
    (b): AssessmentBehaviour => ({
      id: b.id,
      title: b.title,
      lead: b.lead,
      description: b.description,
      groups: indicatorGroups(b),
      comments: field(`${b.id}.comments`, 'text', `Comments on the evidence for ${b.title}`),
      score: field(`${b.id}.score`, 'choice', `Score for ${b.title}`, options),
    }),
  );
  const leadBehaviour = view.behaviours.find((b) => b.lead)!;
  const max = scale[scale.length - 1]!.value;
  const form = {
    stage,
    kind,
    title: `${kind}: ${view.title} (${view.reference})`,
    campaign: view.campaign,
    reference: view.reference,
    vacancyTitle: view.title,
    gradeLabel: gradeLabel(view),
    frameworkTitle: view.framework.title,
    edition: view.framework.edition,
    publisher: view.framework.publisher,
    scale,
    candidateNumber: field('candidate.number', 'line', 'Candidate number'),
    candidateName: field('candidate.name', 'line', 'Candidate name'),
    behaviours,
    lead: { title: leadBehaviour.title, assessedHere: leadBehaviour.stages.includes(stage) },
    total: field('total', 'line', `Total score (out of ${max * behaviours.length})`),
    leadScore: field('lead-score', 'line', `Lead behaviour score: ${leadBehaviour.title}`),
    outcome: field('outcome', 'choice', 'Outcome', OUTCOMES[stage]),
    assessors: field('assessors', 'line', 'Assessor names'),
    date: field('date', 'line', `Date of the ${stage === 'application' ? 'sift' : 'interview'}`),
    declaration: field('declaration', 'check', `Declaration: ${DECLARATION}`),
    declarationText: DECLARATION,
  };
  return {
    ...form,
    fields: [
      form.candidateNumber,
      form.candidateName,
      ...behaviours.flatMap((b) => [b.comments, b.score]),
      form.total,
      form.leadScore,
      form.outcome,
      form.assessors,
      form.date,
      form.declaration,
    ],
  };
}

const POLARITY_HEADINGS = { effective: 'Effective behaviours', ineffective: 'Ineffective behaviours', neutral: 'Indicators' } as const;

function indicatorGroups(b: VacancyBehaviourView): AssessmentBehaviour['groups'] {
  return b.sections.flatMap((s) => {
    const polarities = (['effective', 'ineffective', 'neutral'] as const).filter((p) => s[p].length > 0);
    return polarities.map((p, i) => ({
      heading: [b.sections.length > 1 ? s.levelLabel : null, polarities.length > 1 ? POLARITY_HEADINGS[p] : null].filter(Boolean).join(': ') || null,
      intro: i === 0 ? (s.intro?.text ?? null) : null,
      indicators: s[p].map((ind) => ind.text),
    }));
  });
}
