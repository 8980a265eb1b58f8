import type { KindOf } from '../../model/findings';
import { diagnostic, type Diagnostic } from '../../model/diagnostic';
import { Framework, type SourceRef } from '../../model/schema';
import { blockName, levelName } from '../blocks';
import type { Rule } from '../rule';
import { firstPosition, positionOf, sourcePath, type Position } from '../where';

/**
 * The model matches the published schema (src/model/schema.ts), and its parts refer to each
 * other consistently: every competency level is one of the framework's levels, once; every
 * indicator's grade belongs to its level; ids are unique; every source reference names one of
 * the framework's sources, with a line for text and a page for PDF.
 */
export const schemaRule: Rule = {
  id: 'schema',
  defaultSeverity: 'error',
  description: 'The model matches the published schema and its references are consistent.',
  docs: 'docs/validation-rules.md#schema',
  check({ results }) {
    return results.flatMap((r) => checkFramework(r.framework as unknown));
  },
};

const isRef = (x: unknown): x is SourceRef => typeof x === 'object' && x !== null && typeof (x as SourceRef).file === 'string' && 'line' in x && 'page' in x;

/** The source of the nearest part along a path that has one (indicator, intro, competency). */
function positionAlong(root: unknown, path: PropertyKey[]): Position | null {
  let node: unknown = root;
  let found: Position | null = null;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) break;
    const source = (node as { source?: unknown }).source;
    if (isRef(source)) found = positionOf(source);
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  if (typeof node === 'object' && node !== null && isRef((node as { source?: unknown }).source)) {
    found = positionOf((node as { source: SourceRef }).source);
  }
  return found;
}

function fallbackFile(raw: unknown): Position {
  const sources = (raw as { sources?: { file?: unknown }[] } | null)?.sources;
  const file = Array.isArray(sources) && typeof sources[0]?.file === 'string' ? sourcePath(sources[0].file) : null;
  return { file, line: null, page: null };
}

export function checkFramework(raw: unknown): Diagnostic[] {
  const id = typeof (raw as { id?: unknown } | null)?.id === 'string' ? (raw as { id: string }).id : null;
  const parsed = Framework.safeParse(raw);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => {
      const at = positionAlong(raw, issue.path) ?? fallbackFile(raw);
      return diagnostic({
        severity: 'error',
        code: 'schema/invalid',
        message: `${issue.path.join('.') || '(framework)'}: ${issue.message}`,
        framework: id,
        ...at,
      });
    });
  }
  return references(parsed.data);
}

function references(framework: Framework): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (kind: KindOf<'schema'>, message: string, at: Position, competency: string | null = null, level: string | null = null) =>
    out.push(diagnostic({ severity: 'error', code: `schema/${kind}`, message, framework: framework.id, competency, level, ...at }));
  const formats = new Map(framework.sources.map((s) => [s.file, s.format]));
  const levels = new Map(framework.levels.map((l) => [l.id, l]));
  const checkRef = (ref: SourceRef, what: string, competency: string, level: string | null) => {
    const format = formats.get(ref.file);
    const at = positionOf(ref)!;
    if (!format) {
      report('unknown-source', `${what} cites ${ref.file}, which is not one of the framework's sources`, at, competency, level);
    } else if (format === 'pdf' ? ref.page == null : ref.line == null) {
      report('missing-location', `${what} has no ${format === 'pdf' ? 'page' : 'line'} in ${ref.file}`, at, competency, level);
    }
  };
  const ladder = new Set(framework.grades.map((g) => g.id));
  for (const level of framework.levels) {
    for (const grade of level.grades) {
      if (!ladder.has(grade))
        report(
          'unknown-grade',
          `${levelName(framework, level.id)} names grade "${grade}", which is not on the framework's ladder (${[...ladder].join(', ') || 'none'})`,
          fallbackFile(framework),
        );
    }
  }
  const ids = new Map<string, SourceRef>();
  for (const competency of framework.competencies) {
    if (competency.source) checkRef(competency.source, `competency "${competency.title}"`, competency.id, null);
    const seenLevels = new Set<string>();
    for (const cl of competency.levels) {
      const at = firstPosition(framework, cl.intro?.source, cl.indicators[0]?.source, competency.source);
      const level = levels.get(cl.level);
      if (!level) {
        report(
          'unknown-level',
          `"${competency.title}" has a level "${cl.level}" that the framework does not define (levels: ${[...levels.keys()].join(', ')})`,
          at,
          competency.id,
          cl.level,
        );
      }
      if (seenLevels.has(cl.level))
        report('level-twice', `"${competency.title}" has ${blockName(framework, cl.level, null)} twice`, at, competency.id, cl.level);
      seenLevels.add(cl.level);
      if (cl.intro) checkRef(cl.intro.source, 'intro', competency.id, cl.level);
      for (const indicator of cl.indicators) {
        const where = positionOf(indicator.source)!;
        checkRef(indicator.source, `indicator ${indicator.id}`, competency.id, cl.level);
        if (indicator.grade && level && !level.grades.includes(indicator.grade)) {
          report(
            'grade-outside-level',
            `indicator ${indicator.id} has grade ${indicator.grade}, which is not a grade of ${blockName(framework, cl.level, null)} (${level.grades.join(', ') || 'none'})`,
            where,
            competency.id,
            cl.level,
          );
        }
        if (!indicator.id.startsWith(`${competency.id}.${cl.level}.`)) {
          report('id-prefix', `indicator id ${indicator.id} does not start with "${competency.id}.${cl.level}."`, where, competency.id, cl.level);
        }
        const previous = ids.get(indicator.id);
        if (previous) report('id-twice', `indicator id ${indicator.id} is used twice`, where, competency.id, cl.level);
        else ids.set(indicator.id, indicator.source);
      }
    }
  }
  return out;
}
