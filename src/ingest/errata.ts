import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import { GradepackError } from '../model/errors';
import { parseJsonFile } from '../model/parse-json';
import { GradeId, Polarity } from '../model/schema';
import type { ExtractedCompetency, ExtractedIndicator } from './types';

/**
 * Errata: a person's corrections to a source, one file per source (`sources/<file>.errata.json`).
 * Every entry names its source location and gives a reason.
 *  - replace: change `find` to `replace` in the indicator (or intro sentence) from that line or page;
 *  - add: insert an indicator the extraction could not recover (from the document itself);
 *  - accept: accept a validation finding that cannot be fixed; it is then reported as accepted.
 */
const Location = {
  line: z.number().int().positive().optional(),
  page: z.number().int().positive().optional(),
};
const Scope = {
  competency: z.string().optional().describe('Competency id (slug)'),
  level: z.string().optional(),
};

export const ReplaceEntry = z
  .object({
    action: z.literal('replace'),
    ...Location,
    ...Scope,
    find: z.string().min(1),
    replace: z.string(),
    reason: z.string().min(1),
  })
  .strict();
export const AddEntry = z
  .object({
    action: z.literal('add'),
    ...Location,
    competency: z.string().min(1),
    level: z.string().min(1),
    polarity: Polarity,
    grade: GradeId.nullable().default(null),
    /** Insert after the indicator whose text starts with this; at the end of the level if absent. */
    after: z.string().optional(),
    text: z.string().min(1),
    reason: z.string().min(1),
  })
  .strict();
export const AcceptEntry = z
  .object({
    action: z.literal('accept'),
    ...Location,
    ...Scope,
    rule: z.string().min(1),
    /** Accept only findings whose message contains this. */
    match: z.string().optional(),
    reason: z.string().min(1),
  })
  .strict();
export const ErrataEntry = z.discriminatedUnion('action', [ReplaceEntry, AddEntry, AcceptEntry]);
export type ErrataEntry = z.infer<typeof ErrataEntry>;
export type AcceptEntry = z.infer<typeof AcceptEntry>;

export const ErrataFile = z.object({ source: z.string().min(1), entries: z.array(ErrataEntry) }).strict();
export type ErrataFile = z.infer<typeof ErrataFile>;

export const errataFileName = (sourceFile: string) => `${sourceFile}.errata.json`;

/** Reads the errata of one source; a source without an errata file has none. */
export async function loadErrata(sourcesDir: string, sourceFile: string): Promise<ErrataFile> {
  const file = join(sourcesDir, errataFileName(sourceFile));
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { source: sourceFile, entries: [] };
    throw e;
  }
  return parseErrata(raw, `sources/${errataFileName(sourceFile)}`, sourceFile);
}

export function parseErrata(raw: string, displayName: string, sourceFile: string): ErrataFile {
  const errata = parseJsonFile(ErrataFile, raw, displayName, 'ErrataInvalid');
  if (errata.source !== sourceFile) {
    throw new GradepackError('ErrataInvalid', `It names source "${errata.source}", not "${sourceFile}".`, { file: displayName });
  }
  return errata;
}

export interface CorrectedIndicator extends ExtractedIndicator {
  corrected?: { kind: 'replace' | 'add'; original: string | null; reason: string };
}

type Slugger = (title: string) => string;

const atLocation = (entry: { line?: number; page?: number }, indicator: ExtractedIndicator) =>
  (entry.line === undefined || indicator.source.line === entry.line) &&
  (entry.page === undefined || indicator.source.page === entry.page);

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
  for (const entry of errata.entries) {
    if (entry.action === 'accept') continue;
    let applied = false;
    for (const competency of result) {
      if (entry.competency && slug(competency.title) !== entry.competency) continue;
      for (const level of competency.levels) {
        if (entry.level && level.level !== entry.level) continue;
        if (entry.action === 'replace') {
          const intro = level.intro;
          if (intro && intro.source.file === errata.source && atLocation(entry, { source: intro.source } as ExtractedIndicator) && intro.text.includes(entry.find)) {
            level.intro = {
              ...intro,
              text: intro.text.replace(entry.find, entry.replace),
              corrected: { kind: 'replace', original: intro.corrected?.original ?? intro.text, reason: entry.reason },
            };
            applied = true;
          }
          for (const indicator of level.indicators as CorrectedIndicator[]) {
            if (indicator.source.file !== errata.source || !atLocation(entry, indicator)) continue;
            if (!indicator.text.includes(entry.find)) continue;
            const original = indicator.corrected?.original ?? indicator.text;
            indicator.text = indicator.text.replace(entry.find, entry.replace).replace(/\s+/g, ' ').trim();
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
          rule: 'errata',
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

/** Marks the findings an accept entry covers; returns new diagnostics. */
export function applyAcceptances(diagnostics: Diagnostic[], errata: ErrataFile[]): Diagnostic[] {
  const accepts = errata.flatMap((e) =>
    e.entries.filter((x): x is AcceptEntry => x.action === 'accept').map((entry) => ({ entry, file: `sources/${e.source}` })),
  );
  return diagnostics.map((d) => {
    const hit = accepts.find(
      ({ entry, file }) =>
        entry.rule === d.rule &&
        file === d.file &&
        (entry.line === undefined || entry.line === d.line) &&
        (entry.page === undefined || entry.page === d.page) &&
        (entry.competency === undefined || entry.competency === d.competency) &&
        (entry.level === undefined || entry.level === d.level) &&
        (entry.match === undefined || d.message.includes(entry.match)),
    );
    return hit ? { ...d, accepted: hit.entry.reason } : d;
  });
}
