import type { RatingLevel } from '../../config/config';
import type { DocumentDate } from '../../model/document-date';
import { withoutControlCharacters } from '../../model/text';
import { STAGE_LABELS, type VacancyView } from '../../model/vacancy-view';
import type { BrowserPool } from '../browser/pool';
import { embedFonts, embedFontsInFragment } from '../fonts';
import {
  competencyAnchor,
  frameworkData,
  mediumData,
  pageText,
  type ContentsEntry,
  type FrameworkData,
  type MediumData,
  type PageNumbers,
} from '../html/document-data';
import type { HtmlDocument } from '../html/render';
import { renderWithContents } from '../pdf/documents';
import { gradeLabel } from './assessment-form';
import type { CampaignTemplates } from './layouts';

/**
 * The candidate's pack for one vacancy (output/campaigns/<campaign>/<reference>/behaviours.html and
 * .pdf): cover, contents, the chosen behaviours with where each is assessed (the lead marked), each
 * behaviour's description and indicators at the vacancy's grade, and how statements and interviews
 * are scored. Printed like a grade pack: tagged, bookmarks checked against the headings, contents
 * with page numbers (two prints), fonts embedded.
 */

export interface VacancyPackData extends MediumData {
  title: string;
  campaign: string;
  vacancy: { reference: string; title: string };
  grade: { key: string; label: string; noun: string };
  framework: FrameworkData;
  words: number;
  leadTitle: string;
  behaviourCount: number;
  summaryAnchor: string;
  assessmentAnchor: string;
  contents: ContentsEntry[];
  behaviours: {
    anchor: string;
    title: string;
    description: string | null;
    lead: boolean;
    application: boolean;
    interview: boolean;
    stagesText: string;
    sections: {
      heading: string;
      note: string | null;
      intro: string | null;
      isEmpty: boolean;
      groups: { heading: string | null; indicators: { text: string }[] }[];
    }[];
  }[];
  hasApplication: boolean;
  hasInterview: boolean;
  applicationList: string;
  interviewList: string;
  scale: { value: number; label: string; description: string }[];
}

export interface VacancyRunningData {
  campaign: string;
  vacancyTitle: string;
  reference: string;
  gradeLabel: string;
  documentDate: string;
}

const SUMMARY_ANCHOR = 'vacancy-behaviours';
const ASSESSMENT_ANCHOR = 'how-you-will-be-assessed';
const POLARITY_HEADINGS = { effective: 'Effective behaviours', ineffective: 'Ineffective behaviours', neutral: 'Indicators' } as const;

export function vacancyPackTitle(view: VacancyView): string {
  return `${view.title} (${view.reference}) – behaviours for candidates`;
}

/** "A, B and C". */
export function listInWords(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function vacancyPackData(
  view: VacancyView,
  scale: RatingLevel[],
  options: { date: DocumentDate; print: boolean; pages?: PageNumbers },
): VacancyPackData {
  const pages = options.pages ?? null;
  const label = gradeLabel(view);
  const behaviours = view.behaviours.map((b) => {
    const anchor = competencyAnchor(b.id);
    return {
      anchor,
      title: b.title,
      description: b.description,
      lead: b.lead,
      application: b.stages.includes('application'),
      interview: b.stages.includes('interview'),
      stagesText: listInWords(b.stages.map((s) => STAGE_LABELS[s].toLowerCase())),
      page: pageText(pages, anchor, options.print),
      sections: b.sections.map((s) => {
        const polarities = (['effective', 'ineffective', 'neutral'] as const).filter((p) => s[p].length > 0);
        return {
          heading: `What this looks like at ${b.sections.length > 1 ? s.levelLabel : label}`,
          note: s.note,
          intro: s.intro?.text ?? null,
          isEmpty: s.indicators.length === 0 && !s.note,
          groups: polarities.map((p) => ({ heading: polarities.length > 1 ? POLARITY_HEADINGS[p] : null, indicators: s[p].map((i) => ({ text: i.text })) })),
        };
      }),
    };
  });
  const at = (stage: 'application' | 'interview') => view.behaviours.filter((b) => b.stages.includes(stage)).map((b) => b.title);
  const contents: ContentsEntry[] = [
    { anchor: SUMMARY_ANCHOR, title: 'The behaviours for this vacancy', page: pageText(pages, SUMMARY_ANCHOR, options.print) },
    ...behaviours.map((b) => ({ anchor: b.anchor, title: b.title, page: b.page })),
    { anchor: ASSESSMENT_ANCHOR, title: 'How you will be assessed', page: pageText(pages, ASSESSMENT_ANCHOR, options.print) },
  ];
  return {
    ...mediumData(options.date, options.print),
    title: vacancyPackTitle(view),
    campaign: view.campaign,
    vacancy: { reference: view.reference, title: view.title },
    grade: { key: view.target.key, label, noun: view.target.kind === 'grade' ? 'Grade' : 'Proficiency level' },
    framework: frameworkData(view.framework),
    words: view.words,
    leadTitle: view.behaviours.find((b) => b.lead)!.title,
    behaviourCount: view.behaviours.length,
    summaryAnchor: SUMMARY_ANCHOR,
    assessmentAnchor: ASSESSMENT_ANCHOR,
    contents,
    behaviours: behaviours.map(({ page: _page, ...b }) => b),
    hasApplication: at('application').length > 0,
    hasInterview: at('interview').length > 0,
    applicationList: listInWords(at('application')),
    interviewList: listInWords(at('interview')),
    scale: scale.map((l) => ({ value: l.value, label: l.label, description: l.description ?? '' })),
  };
}

export function vacancyDocument(
  view: VacancyView,
  scale: RatingLevel[],
  templates: CampaignTemplates,
  options: { date: DocumentDate; print: boolean; pages?: PageNumbers },
): HtmlDocument {
  const data = vacancyPackData(view, scale, options);
  const running: VacancyRunningData = {
    campaign: view.campaign,
    vacancyTitle: view.title,
    reference: view.reference,
    gradeLabel: data.grade.label,
    documentDate: data.documentDate,
  };
  return {
    html: embedFonts(withoutControlCharacters(templates.render('vacancyPack', data)), data.title),
    title: data.title,
    lang: data.lang,
    anchors: data.contents.map((c) => c.anchor),
    header: data.print ? embedFontsInFragment(withoutControlCharacters(templates.render('runningHeader', running)), data.title) : '',
    footer: data.print ? embedFontsInFragment(withoutControlCharacters(templates.render('runningFooter', running)), data.title) : '',
    landscape: false,
    metadata: {
      author: data.framework.publisher,
      subject: `Behaviours for ${view.title} (${view.reference}), ${data.grade.label}: ${data.framework.title} (${data.framework.edition})`,
      keywords: [view.reference, data.framework.id, data.grade.key, 'vacancy'],
    },
  };
}

export function renderVacancyPackHtml(view: VacancyView, scale: RatingLevel[], templates: CampaignTemplates, options: { date: DocumentDate }): string {
  return vacancyDocument(view, scale, templates, { date: options.date, print: false }).html;
}

export async function renderVacancyPackPdf(
  pool: BrowserPool,
  view: VacancyView,
  scale: RatingLevel[],
  templates: CampaignTemplates,
  options: { date: DocumentDate },
): Promise<Uint8Array> {
  return (await renderWithContents(pool, (pages) => vacancyDocument(view, scale, templates, { date: options.date, print: true, pages }), options.date)).bytes;
}
