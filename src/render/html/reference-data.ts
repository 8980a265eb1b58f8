import type { DocumentDate } from '../../model/document-date';
import { packView, type IndicatorView, type PackTarget } from '../../model/pack-view';
import { gradeOf, ladderOrder } from '../../model/grades';
import type { Framework, GradeId, Polarity } from '../../model/schema';
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
import { POLARITY_HEADINGS } from './pack-data';

/**
 * The data the reference layout sees: every level of a framework side by side, one table per
 * competency with a column per level and a row per strand (effective / ineffective, and for ODP
 * SCS one per grade). New and carried indicators are worked out as in packs, through packView
 * with a target that spans every level.
 */
export interface ReferenceIndicatorData {
  id: string;
  text: string;
  /** True when the level below has the same or nearly the same indicator. */
  isCarried: boolean;
  correction: string | null;
}

export interface ReferenceCellData {
  levelLabel: string;
  note: string | null;
  indicators: ReferenceIndicatorData[];
  isEmpty: boolean;
}

export interface ReferenceRowData {
  /** "Effective behaviours", "Deputy Director (SCS1)"; null when the table has a single row. */
  heading: string | null;
  cells: ReferenceCellData[];
}

export interface ReferenceCompetencyData {
  anchor: string;
  title: string;
  cluster: string | null;
  description: string | null;
  page: string;
  hasRowHeadings: boolean;
  rows: ReferenceRowData[];
}

export interface ReferenceData extends MediumData {
  title: string;
  kindLabel: string;
  heading: string;
  framework: FrameworkData;
  levels: { id: string; label: string }[];
  contents: ContentsEntry[];
  competencies: ReferenceCompetencyData[];
}

export interface ReferenceDataOptions {
  date: DocumentDate;
  print: boolean;
  pages?: PageNumbers;
}

export const REFERENCE_KEY = 'reference';

export function referenceTitle(framework: Pick<Framework, 'title'>): string {
  return `All levels – ${framework.title}`;
}

export function referenceData(framework: Framework, options: ReferenceDataOptions): ReferenceData {
  const pages = options.pages ?? null;
  const levels = [...framework.levels].sort((a, b) => a.order - b.order);
  const strandGrades = gradesWrittenSeparately(framework);
  const views = strandGrades.map((grade) => ({ grade, view: packView(framework, spanningTarget(framework, grade)) }));

  const competencies = framework.competencies.map((c, index): ReferenceCompetencyData => {
    const anchor = competencyAnchor(c.id);
    const rows: ReferenceRowData[] = [];
    for (const { grade, view } of views) {
      const sections = view.competencies[index]!.sections;
      const polarities = (['effective', 'ineffective', 'neutral'] as Polarity[]).filter((p) => sections.some((s) => s[p].length > 0));
      for (const polarity of polarities.length > 0 ? polarities : (['neutral'] as Polarity[])) {
        const heading = [grade ? gradeOf(framework, grade).label : null, polarities.length > 1 ? POLARITY_HEADINGS[polarity] : null].filter(Boolean).join(': ');
        rows.push({
          heading: heading || null,
          cells: levels.map((level) => {
            const section = sections.find((s) => s.level === level.id);
            const indicators = (section?.[polarity] ?? []).map(referenceIndicator);
            const note = section?.note ?? null;
            return { levelLabel: level.label, note, indicators, isEmpty: indicators.length === 0 && !note };
          }),
        });
      }
    }
    const hasRowHeadings = rows.length > 1;
    return {
      anchor,
      title: c.title,
      cluster: c.cluster,
      description: c.description,
      page: pageText(pages, anchor, options.print),
      hasRowHeadings,
      rows: hasRowHeadings ? rows : rows.map((r) => ({ ...r, heading: null })),
    };
  });

  return {
    ...mediumData(options.date, options.print),
    title: referenceTitle(framework),
    kindLabel: 'Framework reference',
    heading: 'All levels side by side',
    framework: frameworkData(framework),
    levels: levels.map((l) => ({ id: l.id, label: l.label })),
    contents: competencies.map((c) => ({ anchor: c.anchor, title: c.title, page: c.page })),
    competencies,
  };
}

/** The grades a framework writes its text for separately (ODP SCS), or [null] when it does not. */
function gradesWrittenSeparately(framework: Framework): (GradeId | null)[] {
  const used = new Set(framework.competencies.flatMap((c) => c.levels.flatMap((l) => l.indicators.map((i) => i.grade))));
  const grades = ladderOrder(
    framework,
    [...used].filter((g): g is GradeId => g !== null),
  );
  return grades.length > 0 ? grades : [null];
}

function spanningTarget(framework: Framework, grade: GradeId | null): PackTarget {
  return {
    framework: framework.id,
    key: REFERENCE_KEY,
    label: 'All levels',
    kind: 'grade',
    levels: [...framework.levels].sort((a, b) => a.order - b.order).map((l) => l.id),
    grade,
  };
}

function referenceIndicator(i: IndicatorView): ReferenceIndicatorData {
  return { id: i.id, text: i.text, isCarried: i.status === 'carried', correction: i.corrected?.reason ?? null };
}
