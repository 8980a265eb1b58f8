import { type ErrorLocation, GradepackError, isGradepackError } from '../model/errors';
import type { Framework } from '../model/schema';
import { subsetsFor } from '../render/fonts';

/** The texts of a framework that documents print, each with where it stands in the project. */
function* printedTexts(framework: Framework): Generator<{ text: string; location: ErrorLocation }> {
  yield { text: [framework.title, framework.publisher, framework.edition, framework.licence].join(' '), location: { file: 'sources/registry.json' } };
  const at = (source: { file: string; line: number | null; page: number | null } | null): ErrorLocation =>
    source ? { file: `sources/${source.file}`, ...(source.line ? { line: source.line } : source.page ? { page: source.page } : {}) } : {};
  for (const c of framework.competencies) {
    yield { text: [c.title, c.cluster ?? '', c.description ?? ''].join(' '), location: at(c.source) };
    for (const level of c.levels) {
      if (level.intro) yield { text: level.intro.text, location: at(level.intro.source) };
      if (level.note) yield { text: level.note, location: at(c.source) };
      for (const indicator of level.indicators) yield { text: indicator.text, location: at(indicator.source) };
    }
  }
}

/**
 * A document with a character no embedded font can show fails with CharacterUnsupported naming
 * the document; when the character comes from the framework's text, the error names the source
 * file and line it stands on instead, where the user can correct it (with an errata entry).
 */
export function atSourceOfCharacter(error: unknown, framework: Framework): unknown {
  if (!isGradepackError(error) || error.code !== 'CharacterUnsupported' || error.location.file) return error;
  for (const { text, location } of printedTexts(framework)) {
    if (location.file && subsetsFor(text).uncovered.length > 0) return new GradepackError(error.code, error.message, location, error.hint);
  }
  return error;
}
