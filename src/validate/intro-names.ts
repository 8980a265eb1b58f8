import { gradeOf } from '../model/grades';
import type { Framework, GradeId } from '../model/schema';

/**
 * Which competencies, levels and grades a heading or intro sentence names, e.g. "Examples of
 * developing yourself and others at Grade 6 and Grade 7 or equivalent are when you:" names
 * "Developing self and others" and Grade 6 and Grade 7 (level 4).
 *
 * Matching is on folded text (case, punctuation, "&", "yourself" → "self"), whole words only and
 * longest name first, each stretch of text used once, so "Deputy Director" is not also read as
 * "Director", nor "Director General" as "Director".
 */

/** Lower case, punctuation to spaces, "&" to "and", "yourself" to "self"; padded with spaces for whole-word search. */
export function foldForNames(text: string): string {
  const folded = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[\u2018\u2019']/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\byour ?self\b/g, 'self')
    .replace(/\byour ?selves\b/g, 'selves')
    .trim();
  return ` ${folded} `;
}

export interface LevelMention {
  name: string;
  level: string;
  /** The grades this name stands for (all the level's grades when the name is the level's). */
  grades: GradeId[];
}

export interface NameTable {
  competencies: { name: string; id: string }[];
  levels: LevelMention[];
}

const LABEL_NOISE = /\b(level \d+|or equivalent|grades?|equiv)\b/g;

/** Names of competencies (their titles) and of levels (grade names, label words, "level N"). */
export function nameTable(framework: Framework): NameTable {
  const competencies = framework.competencies.map((c) => ({ name: foldForNames(c.title).trim(), id: c.id }));
  const levels: LevelMention[] = [];
  const seen = new Set<string>();
  const add = (name: string, level: string, grades: GradeId[]) => {
    const n = name.trim();
    if (n.length < 2 || seen.has(n)) return;
    seen.add(n);
    levels.push({ name: n, level, grades });
  };
  // The framework's own labels first: they win over the generic grade names ("Directors" is MMO level 5).
  for (const level of framework.levels) {
    if (/^\d+$/.test(level.id)) add(`level ${level.id}`, level.id, level.grades);
    const label = foldForNames(level.label.replace(/^\s*Level\s+\d+\s*:?/i, '')).replace(LABEL_NOISE, ' ');
    const parts = label
      .split(/\band\b/)
      .map((p) => p.replace(/\s+/g, ' ').trim())
      .filter(Boolean);
    for (const part of parts) {
      const own = level.grades.filter((g) => gradeOf(framework, g).names.some((n) => ` ${part} `.includes(` ${n} `)));
      const grades = own.length > 0 ? own : level.grades;
      if (own.length === 0) add(part, level.id, grades);
    }
    if (level.grades.length === 0) add(foldForNames(level.label), level.id, []);
  }
  // A grade names a level only where it belongs to one level (not in ODP SCS, where every level has SCS1-3).
  const levelsOf = (grade: GradeId) => framework.levels.filter((l) => l.grades.includes(grade));
  for (const level of framework.levels) {
    for (const grade of level.grades) {
      if (levelsOf(grade).length !== 1) continue;
      for (const name of gradeOf(framework, grade).names) add(name, level.id, [grade]);
    }
  }
  return { competencies, levels };
}

export interface Mentions {
  competencies: string[];
  levels: LevelMention[];
}

/** The names a text mentions, longest first, each stretch of text read once. */
export function mentions(text: string, table: NameTable): Mentions {
  let rest = foldForNames(text);
  const take = (name: string): boolean => {
    const needle = ` ${name} `;
    if (!rest.includes(needle)) return false;
    rest = rest.split(needle).join(' \u0000 ');
    return true;
  };
  const byLength = <T extends { name: string }>(xs: T[]) => [...xs].sort((a, b) => b.name.length - a.name.length);
  const competencies = byLength(table.competencies)
    .filter((c) => take(c.name))
    .map((c) => c.id);
  const levels = byLength(table.levels).filter((l) => take(l.name));
  return { competencies, levels };
}
