import { containedPath, readInputText } from '../model/input-file';
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import { GradepackError } from '../model/errors';
import { errataFileName, parseErrata, type ErrataFile } from '../model/errata';
import type { ExtractedCompetency, ExtractedIndicator } from './types';

/** Reads the errata of one source; a source without an errata file has none. */
export async function loadErrata(sourcesDir: string, sourceFile: string): Promise<ErrataFile> {
  const display = `sources/${errataFileName(sourceFile)}`;
  const raw = await readInputText(await containedPath(sourcesDir, 'sources', errataFileName(sourceFile), 'sources/registry.json'), display, 'settings');
  if (raw === null) return { source: sourceFile, entries: [] };
  return parseErrata(raw, display, sourceFile);
}

export interface CorrectedIndicator extends ExtractedIndicator {
  corrected?: { kind: 'replace' | 'add'; original: string | null; reason: string };
}

type Slugger = (title: string) => string;

const atLocation = (entry: { line?: number; page?: number }, indicator: ExtractedIndicator) =>
  (entry.line === undefined || indicator.source.line === entry.line) && (entry.page === undefined || indicator.source.page === entry.page);

/**
 * Applies replace and add entries to extracted competencies (pure; returns new objects).
 * An entry that matches nothing is reported, so stale errata do not go unnoticed.
 */
export function applyCorrections(
  competencies: ExtractedCompetency[],
  errata: ErrataFile,
  slug: Slugger,
  framework: string,
): { competencies: ExtractedCompetency[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const result = competencies.map((c) => ({
    ...c,
    levels: c.levels.map((l) => ({ ...l, indicators: l.indicators.map((i) => ({ ...i }) as CorrectedIndicator) })),
  }));
  const file = `sources/${errata.source}`;
  for (const [index, entry] of errata.entries.entries()) {
    if (entry.action === 'accept') continue;
    /** The text a replace entry leaves: never empty (a correction cannot remove a title, intro or indicator). */
    const corrected = (text: string, find: string, replace: string, what: string): string => {
      const result = text.replace(find, replace);
      if (result.trim() === '') throw emptiedBy(errata, index, what);
      return result;
    };
    let applied = false;
    for (const competency of result) {
      if (entry.competency && slug(competency.title) !== entry.competency) continue;
      // A title corrected (or renamed) by errata; the competency keeps its id (see assignStableIds).
      if (
        entry.action === 'replace' &&
        !entry.level &&
        competency.source?.file === errata.source &&
        atLocation(entry, { source: competency.source } as ExtractedIndicator) &&
        competency.title.includes(entry.find)
      ) {
        competency.title = corrected(competency.title, entry.find, entry.replace, `the title of "${competency.title}"`).replace(/\s+/g, ' ').trim();
        applied = true;
      }
      for (const level of competency.levels) {
        if (entry.level && level.level !== entry.level) continue;
        if (entry.action === 'replace') {
          const intro = level.intro;
          if (
            intro &&
            intro.source.file === errata.source &&
            atLocation(entry, { source: intro.source } as ExtractedIndicator) &&
            intro.text.includes(entry.find)
          ) {
            level.intro = {
              ...intro,
              text: corrected(intro.text, entry.find, entry.replace, `the introduction of level ${level.level}`),
              corrected: { kind: 'replace', original: intro.corrected?.original ?? intro.text, reason: entry.reason },
            };
            applied = true;
          }
          for (const indicator of level.indicators as CorrectedIndicator[]) {
            if (indicator.source.file !== errata.source || !atLocation(entry, indicator)) continue;
            if (!indicator.text.includes(entry.find)) continue;
            const original = indicator.corrected?.original ?? indicator.text;
            indicator.text = corrected(indicator.text, entry.find, entry.replace, 'an indicator').replace(/\s+/g, ' ').trim();
            indicator.corrected = { kind: 'replace', original, reason: entry.reason };
            applied = true;
          }
        } else {
          const added: CorrectedIndicator = {
            text: entry.text,
            polarity: entry.polarity,
            grade: entry.grade,
            source: { file: errata.source, line: entry.line ?? null, page: entry.page ?? null },
            corrected: { kind: 'add', original: null, reason: entry.reason },
          };
          const at = entry.after ? level.indicators.findIndex((i) => i.text.startsWith(entry.after!)) : -1;
          if (entry.after && at < 0) continue;
          level.indicators.splice(at < 0 ? level.indicators.length : at + 1, 0, added);
          applied = true;
        }
      }
    }
    if (!applied) {
      diagnostics.push(
        diagnostic({
          severity: 'error',
          code: 'errata/unmatched-correction',
          message: `errata entry (${entry.action}) matches nothing in the extracted text: ${entry.reason}`,
          framework,
          competency: entry.competency ?? null,
          level: entry.level ?? null,
          file,
          line: entry.line ?? null,
          page: entry.page ?? null,
        }),
      );
    }
  }
  return { competencies: result, diagnostics };
}

/** A replace entry that would leave text empty: named at its line in the errata file. */
function emptiedBy(errata: ErrataFile, index: number, what: string): GradepackError {
  const entry = errata.entries[index]!;
  const at = entry.line !== undefined ? `line ${entry.line}` : entry.page !== undefined ? `page ${entry.page}` : 'no location';
  const line = errata.entryLines?.[index];
  return new GradepackError(
    'ErrataInvalid',
    `Entry ${index + 1}, a replace for ${at}, would leave ${what} empty.`,
    { file: `sources/${errataFileName(errata.source)}`, ...(line ? { line } : {}) },
    'A replace entry corrects text; it cannot remove it. Correct the source instead, or accept the finding.',
  );
}
