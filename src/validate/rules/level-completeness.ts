import type { KindOf } from '../../model/findings';
import { diagnostic, type Diagnostic } from '../../model/diagnostic';
import type { Competency, CompetencyLevel, Framework, Polarity } from '../../model/schema';
import { gradeName, isPaired, isWrittenPerGrade, levelName } from '../blocks';
import type { Rule } from '../rule';
import { firstPosition, type Position } from '../where';

/**
 * Every competency has every level of its framework's scheme; no level is empty unless a note
 * says why (ODP SCS Awareness); where levels are written per grade (ODP SCS), every grade of the
 * level has text; where the framework pairs effective with ineffective behaviours, both sides
 * are present at every level.
 */
export const levelCompletenessRule: Rule = {
  id: 'level-completeness',
  defaultSeverity: 'error',
  description: 'Every competency has every level (and grade, and effective/ineffective side) of its scheme, none empty.',
  docs: 'docs/validation-rules.md#level-completeness',
  check({ results }) {
    return results.flatMap((r) => checkFramework(r.framework));
  },
};

export function checkFramework(framework: Framework): Diagnostic[] {
  const paired = isPaired(framework);
  const perGrade = isWrittenPerGrade(framework);
  return framework.competencies.flatMap((c) => checkCompetency(framework, c, paired, perGrade));
}

/** Where a missing level would be: after the nearest level below it that is present, else before the one above. */
function whereMissing(framework: Framework, competency: Competency, index: number): Position {
  const present = (i: number) => competency.levels.find((l) => l.level === framework.levels[i]?.id);
  for (let i = index - 1; i >= 0; i--) {
    const level = present(i);
    const last = level?.indicators.at(-1);
    if (last || level?.intro) return firstPosition(framework, last?.source, level?.intro?.source);
  }
  for (let i = index + 1; i < framework.levels.length; i++) {
    const level = present(i);
    if (level && (level.intro || level.indicators[0])) return firstPosition(framework, level.intro?.source, level.indicators[0]?.source);
  }
  return firstPosition(framework, competency.source);
}

function checkCompetency(framework: Framework, competency: Competency, paired: boolean, perGrade: boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (kind: KindOf<'level-completeness'>, message: string, level: string, at: Position) =>
    out.push(diagnostic({ severity: 'error', code: `level-completeness/${kind}`, message, framework: framework.id, competency: competency.id, level, ...at }));
  const ordered = [...framework.levels].sort((a, b) => a.order - b.order);
  ordered.forEach((level, index) => {
    const cl: CompetencyLevel | undefined = competency.levels.find((l) => l.level === level.id);
    const name = levelName(framework, level.id);
    if (!cl) {
      report('missing-level', `"${competency.title}" has no ${name}`, level.id, whereMissing(framework, competency, index));
      return;
    }
    const at = firstPosition(framework, cl.intro?.source, cl.indicators[0]?.source, competency.source);
    if (cl.indicators.length === 0) {
      if (!cl.note) report('empty-level', `${name} of "${competency.title}" is empty: no indicators and no note saying why`, level.id, at);
      return;
    }
    if (perGrade && level.grades.length > 0) {
      const written = new Set(cl.indicators.map((i) => i.grade));
      for (const grade of level.grades) {
        if (!written.has(grade)) report('missing-grade', `${name} of "${competency.title}" has no indicators for ${gradeName(framework, grade)}`, level.id, at);
      }
    }
    if (paired) {
      const sides: Polarity[] = ['effective', 'ineffective'];
      for (const side of sides) {
        if (!cl.indicators.some((i) => i.polarity === side)) {
          report('missing-side', `${name} of "${competency.title}" has no ${side} indicators; this framework pairs effective with ineffective`, level.id, at);
        }
      }
    }
  });
  return out;
}
