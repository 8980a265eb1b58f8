import type { DocumentDate } from '../../model/document-date';
import type { IndicatorView, PackView, SectionView } from '../../model/pack-view';
import type { Polarity } from '../../model/schema';
import {
  competencyAnchor,
  frameworkData,
  mediumData,
  pageText,
  type ContentsEntry,
  type FrameworkData,
  type MediumData,
  type PageNumbers,
} from './document-data';

/**
 * The data a pack layout sees (documented field by field in templates/README.md): a PackView
 * turned into display strings and lists, with the new/carried split made explicit, so that
 * templates need no logic beyond `if` and `each`.
 */
export interface IndicatorData {
  id: string;
  text: string;
  /** Set when an errata entry corrected the source's text: why. */
  correction: string | null;
}

export interface GroupData {
  polarity: Polarity;
  /** "Effective behaviours" and the like; null when the section has only one kind of indicator. */
  heading: string | null;
  newIndicators: IndicatorData[];
  carriedIndicators: IndicatorData[];
  hasNew: boolean;
  hasCarried: boolean;
}

export interface SectionData {
  anchor: string;
  /** The level's label, e.g. "Level 2: Executive Officer (EO)" or "Working". */
  heading: string;
  note: string | null;
  intro: string | null;
  groups: GroupData[];
  /** No indicators and no note: the source has nothing at this level. */
  isEmpty: boolean;
}

export interface CompetencyData {
  anchor: string;
  title: string;
  cluster: string | null;
  description: string | null;
  page: string;
  sections: SectionData[];
}

export interface PackData extends MediumData {
  /** The document title: <title>, PDF metadata, running header. */
  title: string;
  /** "Grade pack" or "Proficiency level pack". */
  kindLabel: string;
  /** The cover's main heading: the grade, or the proficiency level. */
  heading: string;
  framework: FrameworkData;
  target: { key: string; label: string; kind: 'grade' | 'proficiency'; levelLabels: string };
  contents: ContentsEntry[];
  competencies: CompetencyData[];
}

export interface PackDataOptions {
  date: DocumentDate;
  print: boolean;
  pages?: PageNumbers;
}

export const POLARITY_HEADINGS: Record<Polarity, string> = {
  effective: 'Effective behaviours',
  ineffective: 'Ineffective behaviours',
  neutral: 'Indicators',
};

const POLARITY_ORDER: Polarity[] = ['effective', 'ineffective', 'neutral'];

export function packHeading(view: PackView): string {
  return view.target.kind === 'proficiency' ? `${view.target.label} level` : view.target.label;
}

export function packTitle(view: PackView): string {
  return `${packHeading(view)} – ${view.framework.title}`;
}

export function packData(view: PackView, options: PackDataOptions): PackData {
  const pages = options.pages ?? null;
  const competencies = view.competencies.map((c): CompetencyData => {
    const anchor = competencyAnchor(c.id);
    return {
      anchor,
      title: c.title,
      cluster: c.cluster,
      description: c.description,
      page: pageText(pages, anchor, options.print),
      sections: c.sections.map((s) => sectionData(s, `${anchor}-level-${s.level}`)),
    };
  });
  const levelLabels = [...new Set(view.competencies.flatMap((c) => c.sections.map((s) => s.levelLabel)))];
  return {
    ...mediumData(options.date, options.print),
    title: packTitle(view),
    kindLabel: view.target.kind === 'proficiency' ? 'Proficiency level pack' : 'Grade pack',
    heading: packHeading(view),
    framework: frameworkData(view.framework),
    target: { key: view.target.key, label: view.target.label, kind: view.target.kind, levelLabels: levelLabels.join(', ') },
    contents: competencies.map((c) => ({ anchor: c.anchor, title: c.title, page: c.page })),
    competencies,
  };
}

function sectionData(section: SectionView, anchor: string): SectionData {
  const present = POLARITY_ORDER.filter((p) => section[p].length > 0);
  return {
    anchor,
    heading: section.levelLabel,
    note: section.note,
    intro: section.intro?.text ?? null,
    groups: present.map((polarity) => groupData(section[polarity], polarity, present.length > 1)),
    isEmpty: section.indicators.length === 0 && !section.note,
  };
}

function groupData(indicators: IndicatorView[], polarity: Polarity, withHeading: boolean): GroupData {
  const newIndicators = indicators.filter((i) => i.status === 'new').map(indicatorData);
  const carriedIndicators = indicators.filter((i) => i.status === 'carried').map(indicatorData);
  return {
    polarity,
    heading: withHeading ? POLARITY_HEADINGS[polarity] : null,
    newIndicators,
    carriedIndicators,
    hasNew: newIndicators.length > 0,
    hasCarried: carriedIndicators.length > 0,
  };
}

function indicatorData(i: IndicatorView): IndicatorData {
  return { id: i.id, text: i.text, correction: i.corrected?.reason ?? null };
}
