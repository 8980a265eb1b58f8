import { packView, type CompetencyView, type PackTarget, type PackView } from './pack-view';
import type { Framework } from './schema';

/**
 * What one vacancy of a recruitment campaign shows: its chosen behaviours, in the advert's order
 * (the first is the lead behaviour), each with the stages at which it is assessed and that grade's
 * indicators, and nothing of the behaviours not chosen. Every campaign document of the vacancy (the
 * candidate's pack, the statement template, the sift and interview forms, the score sheet) is
 * drawn from this.
 */

export type Stage = 'application' | 'interview';
export const STAGES: readonly Stage[] = ['application', 'interview'];

export const STAGE_LABELS: Record<Stage, string> = { application: 'Application', interview: 'Interview' };

/** What a campaign says about a vacancy, as the renderers need it. */
export interface VacancySpec {
  campaign: string;
  reference: string;
  title: string;
  behaviours: { id: string; lead: boolean; stages: Stage[] }[];
  /** Word limit per application statement. */
  words: number;
}

export interface VacancyBehaviourView extends CompetencyView {
  lead: boolean;
  stages: Stage[];
}

export interface VacancyView {
  campaign: string;
  reference: string;
  title: string;
  framework: PackView['framework'];
  target: PackTarget;
  words: number;
  behaviours: VacancyBehaviourView[];
}

export function vacancyView(framework: Framework, target: PackTarget, spec: VacancySpec): VacancyView {
  const pack = packView(framework, target);
  return {
    campaign: spec.campaign,
    reference: spec.reference,
    title: spec.title,
    framework: pack.framework,
    target: pack.target,
    words: spec.words,
    behaviours: spec.behaviours.map((b) => {
      const competency = pack.competencies.find((c) => c.id === b.id);
      if (!competency) throw new Error(`vacancyView: ${framework.id} has no competency ${b.id}`);
      return { ...competency, lead: b.lead, stages: b.stages };
    }),
  };
}

/** The behaviours assessed at a stage, in the advert's order. */
export function behavioursAt(view: VacancyView, stage: Stage): VacancyBehaviourView[] {
  return view.behaviours.filter((b) => b.stages.includes(stage));
}
