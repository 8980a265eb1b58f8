import { readInputText } from '../model/input-file';
import { z } from 'zod';
import { parseJsonFile } from '../model/parse-json';

/** Civil Service 1-7 rating scale, the default for evidence forms. */
export const CIVIL_SERVICE_SCALE = [
  { value: 1, label: 'Insufficient evidence' },
  { value: 2, label: 'Limited' },
  { value: 3, label: 'Moderate' },
  { value: 4, label: 'Acceptable' },
  { value: 5, label: 'Good' },
  { value: 6, label: 'Strong' },
  { value: 7, label: 'Outstanding' },
];

export const RuleSeverity = z.enum(['error', 'warning', 'off']);

export const Config = z
  .object({
    /** Severity per validation rule id, overriding each rule's default. */
    rules: z.record(z.string(), RuleSeverity).default({}),
    ratingScale: z
      .array(z.object({ value: z.number().int(), label: z.string().min(1) }).strict())
      .min(1, 'a rating scale needs at least one level')
      .refine((scale) => new Set(scale.map((l) => l.value)).size === scale.length, 'rating scale values must be unique')
      .default(CIVIL_SERVICE_SCALE),
    /** Word-count guidance per STAR example in the Word templates. */
    wordsPerExample: z.number().int().positive().default(250),
    /** Pages rendered in parallel in the one browser. */
    renderConcurrency: z.number().int().min(1).max(8).default(2),
  })
  .strict();
export type Config = z.infer<typeof Config>;

export const DEFAULT_CONFIG: Config = Config.parse({});

/** Reads gradepack.config.json if present; defaults otherwise. */
export async function loadConfig(file: string): Promise<Config> {
  const raw = await readInputText(file, file, 'settings');
  if (raw === null) return DEFAULT_CONFIG;
  return parseConfig(raw, file);
}

export function parseConfig(raw: string, file: string): Config {
  return parseJsonFile(Config, raw, file, 'ConfigInvalid', 'See the configuration section of the README.');
}
