import { CIVIL_SERVICE_SCALE } from '../../config/config';
import { packTargets } from '../../model/pack-view';
import { vacancyView, type VacancyView } from '../../model/vacancy-view';
import { SPECIMEN_DATE, SPECIMEN_FRAMEWORK } from '../html/specimen';
import { assessmentForm } from './assessment-form';
import { assessmentPageData } from './assessment-pdf';
import { vacancyPackData, type VacancyRunningData } from './vacancy-pack';

/** Template data with every field filled in, against which the campaign templates are checked when loaded. */
export function specimenVacancy(): VacancyView {
  const target = packTargets(SPECIMEN_FRAMEWORK).find((t) => t.key === 'heo')!;
  return vacancyView(SPECIMEN_FRAMEWORK, target, {
    campaign: 'Specimen campaign',
    reference: 'SPEC-1',
    title: 'Specimen vacancy',
    behaviours: [{ id: 'specimen-competency', lead: true, stages: ['application', 'interview'] }],
    words: 250,
  });
}

export function specimenCampaignData() {
  const view = specimenVacancy();
  const date = SPECIMEN_DATE;
  const pages = new Map([['competency-specimen-competency', 3]]);
  const packs = [vacancyPackData(view, CIVIL_SERVICE_SCALE, { date, print: true, pages }), vacancyPackData(view, CIVIL_SERVICE_SCALE, { date, print: false })];
  const running: VacancyRunningData[] = [{ campaign: 'c', vacancyTitle: 't', reference: 'r', gradeLabel: 'g', documentDate: 'd' }];
  const forms = (['application', 'interview'] as const).map((stage) => assessmentPageData(assessmentForm(view, stage, CIVIL_SERVICE_SCALE)!));
  return { packs, running, forms };
}
