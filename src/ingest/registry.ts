import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { GradepackError } from '../model/errors';
import { parseJsonFile } from '../model/parse-json';
import { GradeId } from '../model/schema';

export const SourceEntry = z
  .object({
    file: z.string().min(1),
    format: z.enum(['text', 'markdown', 'pdf']),
    role: z.enum(['primary', 'capture']).default('primary'),
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
    licence: z.string().min(1),
    url: z.string().nullable(),
    adapter: z.string().min(1),
    sources: z.array(SourceEntry).min(1),
    expect: z.object({ competencies: z.number().int().positive() }).strict(),
    levels: z.array(z.object({ id: z.string().min(1), label: z.string().min(1), grades: z.array(GradeId) }).strict()).min(1),
  })
  .strict();
export type FrameworkEntry = z.infer<typeof FrameworkEntry>;

export const Registry = z.object({ frameworks: z.array(FrameworkEntry).min(1) }).strict();
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
