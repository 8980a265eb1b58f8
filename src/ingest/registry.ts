import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { GradepackError } from '../model/errors';
import { parseJsonFile } from '../model/parse-json';
import { CIVIL_SERVICE_GRADES } from '../model/grades';
import { CalendarDay, FrameworkPolicy, Grade, GradeId, SourceFormat } from '../model/schema';

export const SourceEntry = z
  .object({
    file: z.string().min(1),
    format: SourceFormat,
    role: z.enum(['primary', 'capture']).default('primary'),
    sheet: z.string().min(1).optional().describe('For an xlsx source: the worksheet to read (default: the first)'),
  })
  .strict();
export type SourceEntry = z.infer<typeof SourceEntry>;

export const FrameworkEntry = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    title: z.string().min(1),
    publisher: z.string().min(1),
    edition: z.string().min(1),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}(-\d{2})?$/)
      .nullable(),
    /** When the source (a capture of web pages) was taken; required where the source has no date. */
    captured: CalendarDay.optional(),
    licence: z.string().min(1),
    url: z.string().nullable(),
    adapter: z.string().min(1),
    sources: z.array(SourceEntry).min(1),
    expect: z.object({ competencies: z.number().int().positive() }).strict(),
    /** What validation expects of this framework (pairs, adaptations); see docs/validation-rules.md. */
    policy: FrameworkPolicy.default({ pairsEffectiveIneffective: false, adaptationOf: null }),
    levels: z.array(z.object({ id: z.string().min(1), label: z.string().min(1), grades: z.array(GradeId) }).strict()).min(1),
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
    for (const [i, f] of registry.frameworks.entries()) {
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
  const file = join(sourcesDir, REGISTRY_FILE);
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch {
    throw new GradepackError('RegistryInvalid', 'The file cannot be read.', { file }, 'Restore sources/registry.json from git.');
  }
  return parseRegistry(raw, file);
}

export function parseRegistry(raw: string, file: string): Registry {
  return parseJsonFile(Registry, raw, file, 'RegistryInvalid');
}

export function findFramework(registry: Registry, id: string): FrameworkEntry {
  const entry = registry.frameworks.find((f) => f.id === id);
  if (!entry) {
    throw new GradepackError(
      'UnknownFramework',
      `"${id}" is not in sources/registry.json.`,
      {},
      `Known frameworks: ${registry.frameworks.map((f) => f.id).join(', ')}.`,
    );
  }
  return entry;
}
