import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { closest } from '../model/closest';
import { leavesFolder, readInputText } from '../model/input-file';
import { z } from 'zod';
import { GradepackError } from '../model/errors';
import { namedIssue, parseJsonFile } from '../model/parse-json';
import { ADAPTER_NAMES } from './adapters/names';
import { CIVIL_SERVICE_GRADES } from '../model/grades';
import { CalendarDay, FrameworkPolicy, Grade, GradeId, SourceFormat } from '../model/schema';

const Slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case letters, digits and hyphens only');

/** "2024-10-14" or "2018-05": a date that is on the calendar, as precise as the source gives it. */
const PublicationDate = z
  .string()
  .regex(/^\d{4}-\d{2}(-\d{2})?$/, 'a date is YYYY-MM-DD or YYYY-MM')
  .refine((text) => {
    const [y, m, d] = text.split('-').map(Number);
    if (m! < 1 || m! > 12) return false;
    if (d === undefined) return true;
    const date = new Date(Date.UTC(y!, m! - 1, d));
    return date.getUTCMonth() === m! - 1 && date.getUTCDate() === d;
  }, 'this date is not on the calendar');

/** Links printed into documents: https only (a javascript: or file: link must never become live). */
const Link = z.string().refine((text) => {
  try {
    return new URL(text).protocol === 'https:';
  } catch {
    return false;
  }
}, 'a link must be an https: address');

/** A source's file name: inside sources/, refused as PathOutsideProject (at its line) otherwise. */
const SourceFileName = z
  .string()
  .min(1)
  .refine((file) => !leavesFolder(file), {
    error: (issue) => `"${String(issue.input)}" leads outside sources/`,
    params: namedIssue('PathOutsideProject', 'Paths in project files are relative to their folder and stay inside it: copy the file into sources/ instead.'),
  });

const AdapterName = z.string().refine((name) => (ADAPTER_NAMES as readonly string[]).includes(name), {
  error: (issue) => `"${String(issue.input)}" is not an adapter; adapters: ${ADAPTER_NAMES.join(', ')}`,
});

export const SourceEntry = z
  .object({
    file: SourceFileName,
    format: SourceFormat,
    role: z.enum(['primary', 'capture']).default('primary'),
    sheet: z.string().min(1).optional().describe('For an xlsx source: the worksheet to read (default: the first)'),
  })
  .strict();
export type SourceEntry = z.infer<typeof SourceEntry>;

export const FrameworkEntry = z
  .object({
    id: Slug,
    title: z.string().min(1),
    publisher: z.string().min(1),
    edition: z.string().min(1),
    date: PublicationDate.nullable(),
    /** When the source (a capture of web pages) was taken; required where the source has no date. */
    captured: CalendarDay.optional(),
    licence: z.string().min(1),
    url: Link.nullable(),
    adapter: AdapterName,
    sources: z.array(SourceEntry).min(1),
    expect: z.object({ competencies: z.number().int().positive() }).strict(),
    /** What validation expects of this framework (pairs, adaptations); see docs/validation-rules.md. */
    policy: FrameworkPolicy.default({ pairsEffectiveIneffective: false, adaptationOf: null }),
    levels: z.array(z.object({ id: Slug, label: z.string().min(1), grades: z.array(GradeId) }).strict()).min(1),
    renames: z
      .record(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/), z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/))
      .optional()
      .describe('Renamed competencies: the slug of the new title to the id it keeps ("seeing-the-wider-picture": "seeing-the-big-picture")'),
  })
  .strict()
  .refine((entry) => entry.date !== null || entry.captured !== undefined, {
    path: ['captured'],
    message: 'the source has no publication date ("date": null), so give the day it was captured, YYYY-MM-DD: documents are dated from it',
  });
export type FrameworkEntry = z.infer<typeof FrameworkEntry>;

export const Registry = z
  .object({
    /** The grade ladder the frameworks' levels name, lowest first; the Civil Service's by default. */
    grades: z.array(Grade).min(1).default(CIVIL_SERVICE_GRADES),
    frameworks: z.array(FrameworkEntry).min(1),
  })
  .strict()
  .superRefine((registry, ctx) => {
    const grades = new Set(registry.grades.map((g) => g.id));
    const ids = new Set(registry.frameworks.map((f) => f.id));
    const twice = <T>(items: T[], key: (item: T) => string, path: (i: number) => (string | number)[], what: string) => {
      const seen = new Set<string>();
      for (const [i, item] of items.entries()) {
        const k = key(item);
        if (seen.has(k)) ctx.addIssue({ code: 'custom', path: path(i), message: `${what} "${k}" appears twice` });
        seen.add(k);
      }
    };
    twice(
      registry.frameworks,
      (f) => f.id,
      (i) => ['frameworks', i, 'id'],
      'the framework id',
    );
    twice(
      registry.grades,
      (g) => g.id,
      (i) => ['grades', i, 'id'],
      'the grade id',
    );
    for (const [i, f] of registry.frameworks.entries()) {
      twice(
        f.levels,
        (l) => l.id,
        (j) => ['frameworks', i, 'levels', j, 'id'],
        'the level id',
      );
      twice(
        f.sources,
        (s) => s.file,
        (j) => ['frameworks', i, 'sources', j, 'file'],
        'the source file',
      );
      for (const [j, level] of f.levels.entries()) {
        for (const [k, grade] of level.grades.entries()) {
          if (!grades.has(grade)) {
            ctx.addIssue({
              code: 'custom',
              path: ['frameworks', i, 'levels', j, 'grades', k],
              message: `"${grade}" is not a grade of the ladder (${[...grades].join(', ')})`,
            });
          }
        }
      }
      const adapted = f.policy.adaptationOf;
      if (adapted && !ids.has(adapted.framework)) {
        ctx.addIssue({
          code: 'custom',
          path: ['frameworks', i, 'policy', 'adaptationOf', 'framework'],
          message: `"${adapted.framework}" is not a framework of this registry`,
        });
      }
      if (adapted && !f.levels.some((l) => l.id === adapted.level)) {
        ctx.addIssue({ code: 'custom', path: ['frameworks', i, 'policy', 'adaptationOf', 'level'], message: `"${adapted.level}" is not a level of ${f.id}` });
      }
    }
  });
export type Registry = z.infer<typeof Registry>;

export const REGISTRY_FILE = 'registry.json';

export async function loadRegistry(sourcesDir: string): Promise<Registry> {
  const display = `sources/${REGISTRY_FILE}`;
  const raw = await readInputText(join(sourcesDir, REGISTRY_FILE), display, 'settings');
  if (raw === null) throw projectMissing(sourcesDir);
  return parseRegistry(raw, display);
}

/** For what writes into the project before reading it (a build's lock): no project, no output/ folder made. */
export function requireProject(sourcesDir: string): void {
  if (!existsSync(join(sourcesDir, REGISTRY_FILE))) throw projectMissing(sourcesDir);
}

function projectMissing(sourcesDir: string): GradepackError {
  return new GradepackError(
    'ProjectMissing',
    `Looked in ${dirname(resolve(sourcesDir))}.`,
    {},
    'Run gradepack in a project folder (one with sources/registry.json), or name one with --root <folder>.',
  );
}

export function parseRegistry(raw: string, file: string): Registry {
  return parseJsonFile(
    Registry,
    raw,
    file,
    'RegistryInvalid',
    'README, "The registry", describes each field; sources/registry.json in gradepack\'s repository is a full example.',
  );
}

/** The registry's framework with that id, in any case ("SUCCESS-PROFILES-2024" too). */
export function findFramework(registry: Registry, id: string): FrameworkEntry {
  const wanted = id.trim().toLowerCase();
  const entry = registry.frameworks.find((f) => f.id === wanted);
  if (!entry) {
    const known = registry.frameworks.map((f) => f.id);
    const near = closest(wanted, known);
    throw new GradepackError(
      'UnknownFramework',
      `"${id}" is not in sources/registry.json${near ? `; did you mean "${near}"?` : '.'}`,
      {},
      `Known frameworks: ${known.join(', ')}.`,
    );
  }
  return entry;
}
