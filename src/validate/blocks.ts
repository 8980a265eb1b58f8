import { gradeOf } from '../model/grades';
import type { Competency, CompetencyLevel, Framework, GradeId, Indicator } from '../model/schema';

/**
 * The unit that levels build on: a level, or where a level is written per grade (ODP SCS) one
 * grade's text within a level.
 */
export interface Block {
  level: CompetencyLevel;
  grade: GradeId | null;
  indicators: Indicator[];
}

/** A competency's blocks in model order (levels in order; within a level, grades in order of appearance). */
export function blocksOf(competency: Competency): Block[] {
  const blocks: Block[] = [];
  for (const level of competency.levels) {
    const byGrade = new Map<GradeId | null, Block>();
    for (const indicator of level.indicators) {
      let block = byGrade.get(indicator.grade);
      if (!block) {
        block = { level, grade: indicator.grade, indicators: [] };
        byGrade.set(indicator.grade, block);
        blocks.push(block);
      }
      block.indicators.push(indicator);
    }
  }
  return blocks;
}

/** "level 3" for numbered levels, the label ("Working") for named ones. */
export function levelName(framework: Framework, levelId: string): string {
  if (/^\d+$/.test(levelId)) return `level ${levelId}`;
  const level = framework.levels.find((l) => l.id === levelId);
  return level ? level.label : levelId;
}

/** "EO", "Grade 7": the grade's short name on the framework's ladder. */
export const gradeName = (framework: Pick<Framework, 'grades'>, grade: GradeId): string => gradeOf(framework, grade).short;

/** "level 3", "Working SCS2". */
export function blockName(framework: Framework, levelId: string, grade: GradeId | null): string {
  return grade ? `${levelName(framework, levelId)} ${gradeName(framework, grade)}` : levelName(framework, levelId);
}

/** Frameworks that write each level twice, as effective and ineffective behaviours: by policy, or as their text shows. */
export function isPaired(framework: Framework): boolean {
  return (
    framework.policy.pairsEffectiveIneffective ||
    framework.competencies.some((c) => c.levels.some((l) => l.indicators.some((i) => i.polarity === 'ineffective')))
  );
}

/** Frameworks whose levels are written per grade (ODP SCS): some indicator carries a grade. */
export function isWrittenPerGrade(framework: Framework): boolean {
  return framework.competencies.some((c) => c.levels.some((l) => l.indicators.some((i) => i.grade !== null)));
}
