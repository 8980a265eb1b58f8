import { append } from '../model/arrays';
import { createHash } from 'node:crypto';
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import { GradepackError } from '../model/errors';
import { CIVIL_SERVICE_GRADES } from '../model/grades';
import { Framework, type Competency, type Grade, type Indicator } from '../model/schema';
import { slugify } from '../model/slug';
import { assignStableIds, idPlace } from '../model/stable-ids';
import { adapterFor } from './adapters';
import type { ErrataFile } from '../model/errata';
import type { IngestResult } from '../model/ingest-result';
import { applyCorrections, loadErrata, type CorrectedIndicator } from './errata';
import { readSource } from './read-source';
import type { FrameworkEntry, Registry } from './registry';
import type { ExtractedCompetency, SourceInput } from './types';

/** Reads a framework's sources and errata from disk, then ingests them. */
export async function ingestFromDisk(sourcesDir: string, entry: FrameworkEntry, ladder: Grade[] = CIVIL_SERVICE_GRADES): Promise<IngestResult> {
  const sources = await Promise.all(entry.sources.map((s) => readSource(sourcesDir, s)));
  const errata = await Promise.all(entry.sources.map((s) => loadErrata(sourcesDir, s.file)));
  return ingestFramework(entry, sources, errata, ladder);
}

export async function ingestAll(sourcesDir: string, registry: Registry, ids?: string[]): Promise<IngestResult[]> {
  const entries = ids ? registry.frameworks.filter((f) => ids.includes(f.id)) : registry.frameworks;
  return Promise.all(entries.map((entry) => ingestFromDisk(sourcesDir, entry, registry.grades)));
}

/**
 * Pure: source bytes, errata, the registry's grades (`ladder`) and the model committed before
 * (null the first time) in, model and diagnostics out. Ids are kept from the previous model (see
 * assignStableIds).
 */
export async function ingestFramework(
  entry: FrameworkEntry,
  sources: SourceInput[],
  errata: ErrataFile[],
  ladder: Grade[] = CIVIL_SERVICE_GRADES,
  previous: Framework | null = null,
): Promise<IngestResult> {
  const adapter = await adapterFor(entry.adapter);
  const extracted = await adapter({ framework: entry, sources });
  const diagnostics = [...extracted.diagnostics];
  let competencies = extracted.competencies;
  for (const e of errata) {
    const corrected = applyCorrections(competencies, e, slugify, entry.id);
    competencies = corrected.competencies;
    append(diagnostics, corrected.diagnostics);
  }
  const primary = sources.find((s) => s.role === 'primary') ?? sources[0]!;
  const incomplete = incompleteness(entry, competencies);
  if (incomplete) {
    throw new GradepackError(
      'SourceIncomplete',
      `${incomplete} (${entry.id}).`,
      { file: `sources/${primary.file}` },
      'Check that the file is complete and is the document sources/registry.json says it is.',
    );
  }
  const fresh = parseExtracted(`sources/${primary.file}`, {
    id: entry.id,
    title: entry.title,
    publisher: entry.publisher,
    edition: entry.edition,
    date: entry.date,
    ...(entry.captured ? { captured: entry.captured } : {}),
    licence: entry.licence,
    url: entry.url,
    sources: sources.map((s) => ({ file: s.file, sha256: sha256(s.bytes), format: s.format })),
    grades: ladder.filter((g) => entry.levels.some((l) => l.grades.includes(g.id))),
    policy: entry.policy,
    levels: entry.levels.map((l, order) => ({ id: l.id, label: l.label, order: order + 1, grades: l.grades })),
    competencies: competencies.map(toCompetency),
  });
  const pinned = new Set(competencies.flatMap((c) => c.levels.flatMap((l) => l.indicators.flatMap((i) => (i.id ? [i.id] : [])))));
  const framework = parseExtracted(`sources/${primary.file}`, assignStableIds(previous, fresh, { renames: entry.renames, pinned }));
  append(diagnostics, duplicateIdDiagnostics(framework));
  return { framework, diagnostics: diagnostics.map((d) => ({ ...d, framework: d.framework ?? entry.id })), captures: extracted.captures ?? {}, errata };
}

/**
 * The model as the schema has it. What an adapter read from a strange source can fail the schema
 * (an empty title, say): that is a named error at the source, not a crash.
 */
function parseExtracted(display: string, model: unknown): Framework {
  const parsed = Framework.safeParse(model);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new GradepackError(
    'SourceUnrecognised',
    `What was read from it does not make a valid model: ${issue.path.join('.')}: ${issue.message}.`,
    { file: display },
    'Check that the file is the document sources/registry.json says it is, and that its errata leave no text empty.',
  );
}

/**
 * A truncated source loses whole competencies or whole levels; a defect inside one competency
 * (a level cut off, a garbled table) is left to validation, which reports it at its line.
 */
function incompleteness(entry: FrameworkEntry, competencies: ExtractedCompetency[]): string | null {
  const withContent = competencies.filter((c) => c.levels.some((l) => l.indicators.length > 0));
  if (withContent.length < entry.expect.competencies) {
    return `Found ${withContent.length} of ${entry.expect.competencies} competencies with indicators`;
  }
  const missing = entry.levels.filter((level) => !competencies.some((c) => c.levels.some((l) => l.level === level.id && (l.indicators.length > 0 || l.note))));
  if (missing.length > 0) return `No competency has level ${missing.map((l) => l.id).join(', ')}`;
  return null;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Ids for a framework seen for the first time: the id its source gives (a spreadsheet's id
 * column), else positional within competency, level, grade and polarity, skipping numbers the
 * source gives: `seeing-the-big-picture.4.e3`, `power-of-connections.working.scs1.n2`. Once a
 * model is committed, assignStableIds keeps them for life.
 */
export function toCompetency(c: ExtractedCompetency): Competency {
  const id = c.id ?? slugify(c.title);
  const given = new Set(c.levels.flatMap((l) => l.indicators.flatMap((i) => (i.id ? [i.id] : []))));
  return {
    id,
    title: c.title,
    cluster: c.cluster,
    description: c.description,
    source: c.source,
    levels: c.levels.map((l) => {
      const counters = new Map<string, number>();
      return {
        level: l.level,
        note: l.note,
        intro: l.intro,
        indicators: l.indicators.map((i: CorrectedIndicator): Indicator => {
          let indicatorId = i.id;
          if (!indicatorId) {
            const place = idPlace(id, l.level, i.grade, i.polarity);
            let n = counters.get(place) ?? 0;
            do n++;
            while (given.has(`${place}${n}`));
            counters.set(place, n);
            indicatorId = `${place}${n}`;
          }
          return {
            id: indicatorId,
            text: i.text,
            polarity: i.polarity,
            grade: i.grade,
            source: i.source,
            ...(i.corrected ? { corrected: i.corrected } : {}),
          };
        }),
      };
    }),
  };
}

function duplicateIdDiagnostics(framework: Framework): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const c of framework.competencies) {
    if (seen.has(c.id)) {
      out.push(
        diagnostic({
          severity: 'error',
          code: 'extraction-health/duplicate-competency',
          message: `competency "${c.title}" appears twice`,
          framework: framework.id,
          competency: c.id,
          file: c.source ? `sources/${c.source.file}` : null,
          line: c.source?.line ?? null,
          page: c.source?.page ?? null,
        }),
      );
    }
    seen.add(c.id);
  }
  return out;
}
