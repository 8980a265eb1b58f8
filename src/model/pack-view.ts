import { closest } from './closest';
import { GradepackError } from './errors';
import { gradeOf } from './grades';
import type { Competency, CompetencyLevel, Correction, Framework, GradeId, Indicator, Intro, Polarity } from './schema';
import { NEAR_DUPLICATE, similarity } from './similarity';

/**
 * What one pack covers. For a framework with grades, one target per grade (its level's indicators);
 * for ODP SCS, one per SCS grade (that grade's text at every proficiency level); for ODP core
 * skills, which have no grades, one per proficiency level.
 */
export interface PackTarget {
  framework: string;
  /** Output path segment: a grade id (`eo`, `scs1`) or a proficiency level id (`working`). */
  key: string;
  label: string;
  kind: 'grade' | 'proficiency';
  /** The framework levels this target shows, lowest first. */
  levels: string[];
  /** The grade an indicator must carry (ODP SCS), or null. */
  grade: GradeId | null;
}

export function packTargets(framework: Framework): PackTarget[] {
  const levels = [...framework.levels].sort((a, b) => a.order - b.order);
  const graded = levels.filter((l) => l.grades.length > 0);
  if (graded.length === 0) {
    return levels.map((l) => ({ framework: framework.id, key: l.id, label: l.label, kind: 'proficiency', levels: [l.id], grade: null }));
  }
  const writtenPerGrade = framework.competencies.some((c) => c.levels.some((l) => l.indicators.some((i) => i.grade !== null)));
  const targets: PackTarget[] = [];
  for (const level of graded) {
    for (const grade of level.grades) {
      if (targets.some((t) => t.key === grade)) continue;
      targets.push({
        framework: framework.id,
        key: grade,
        label: gradeOf(framework, grade).label,
        kind: 'grade',
        levels: writtenPerGrade ? levels.map((l) => l.id) : [level.id],
        grade: writtenPerGrade ? grade : null,
      });
    }
  }
  return targets;
}

/**
 * The target a person named: by its key, its label or any of the ladder's names for its grade,
 * in any case ("EO", "Grade 7", "SCS 1", "Working").
 */
export function targetNamed(framework: Framework, written: string): PackTarget | undefined {
  const wanted = written.trim().toLowerCase();
  const names = (key: string) => framework.grades.find((g) => g.id === key)?.names ?? [];
  return packTargets(framework).find((t) => t.key.toLowerCase() === wanted || t.label.toLowerCase() === wanted || names(t.key).includes(wanted));
}

export function findTarget(framework: Framework, key: string): PackTarget {
  const target = targetNamed(framework, key);
  if (!target) {
    const keys = packTargets(framework).map((t) => t.key);
    const near = closest(key, keys);
    throw new GradepackError(
      'UnknownGrade',
      `${framework.id} has no grade or level "${key}"${near ? `; did you mean "${near}"?` : '.'}`,
      {},
      `It has: ${keys.join(', ')}.`,
    );
  }
  return target;
}

export interface IndicatorView {
  id: string;
  text: string;
  polarity: Polarity;
  /** "carried" when the level below has the same or nearly the same indicator. */
  status: 'new' | 'carried';
  corrected: Correction | null;
  source: Indicator['source'];
}

export interface SectionView {
  level: string;
  levelLabel: string;
  note: string | null;
  intro: Intro | null;
  effective: IndicatorView[];
  ineffective: IndicatorView[];
  neutral: IndicatorView[];
  indicators: IndicatorView[];
}

export interface CompetencyView {
  id: string;
  title: string;
  cluster: string | null;
  description: string | null;
  sections: SectionView[];
}

export interface PackView {
  framework: Pick<Framework, 'id' | 'title' | 'publisher' | 'edition' | 'date' | 'captured' | 'licence' | 'url'> & {
    /** Source files without their hashes: a pack changes only when its own content does. */
    sources: { file: string; format: string }[];
  };
  target: PackTarget;
  competencies: CompetencyView[];
}

/** The content of one pack: everything the framework expects at the target, and nothing above it. */
export function packView(framework: Framework, target: PackTarget): PackView {
  const { id, title, publisher, edition, date, captured, licence, url, sources } = framework;
  const order = new Map(framework.levels.map((l) => [l.id, l.order]));
  const labels = new Map(framework.levels.map((l) => [l.id, l.label]));
  return {
    framework: {
      id,
      title,
      publisher,
      edition,
      date,
      ...(captured ? { captured } : {}),
      licence,
      url,
      sources: sources.map(({ file, format }) => ({ file, format })),
    },
    target,
    competencies: framework.competencies.map((c) => ({
      id: c.id,
      title: c.title,
      cluster: c.cluster,
      description: c.description,
      sections: target.levels.flatMap((levelId) => {
        const level = c.levels.find((l) => l.level === levelId);
        if (!level) return [];
        const below = levelBelow(c, levelId, order);
        return [sectionView(level, below, target.grade, labels.get(levelId) ?? levelId)];
      }),
    })),
  };
}

function levelBelow(c: Competency, levelId: string, order: Map<string, number>): CompetencyLevel | null {
  const own = order.get(levelId) ?? 0;
  const lower = c.levels.filter((l) => (order.get(l.level) ?? 0) < own).sort((a, b) => (order.get(b.level) ?? 0) - (order.get(a.level) ?? 0));
  return lower.find((l) => l.indicators.length > 0) ?? null;
}

function sectionView(level: CompetencyLevel, below: CompetencyLevel | null, grade: GradeId | null, levelLabel: string): SectionView {
  const ofGrade = (i: Indicator) => grade === null || i.grade === null || i.grade === grade;
  const lower = (below?.indicators ?? []).filter(ofGrade);
  const indicators = level.indicators.filter(ofGrade).map(
    (i): IndicatorView => ({
      id: i.id,
      text: i.text,
      polarity: i.polarity,
      status: lower.some((l) => l.polarity === i.polarity && similarity(l.text, i.text) >= NEAR_DUPLICATE) ? 'carried' : 'new',
      corrected: i.corrected ?? null,
      source: i.source,
    }),
  );
  return {
    level: level.level,
    levelLabel,
    note: level.note,
    intro: level.intro,
    indicators,
    effective: indicators.filter((i) => i.polarity === 'effective'),
    ineffective: indicators.filter((i) => i.polarity === 'ineffective'),
    neutral: indicators.filter((i) => i.polarity === 'neutral'),
  };
}
