import { readInputText } from '../model/input-file';
import { z } from 'zod';
import { parseJsonFile } from '../model/parse-json';

/**
 * The 1-7 scale built into Civil Service Jobs, with each level's one-line description, as The
 * National Archives quoted it in reply to FOI request F0049382 (June 2017: "The National Archives
 * utilises the Civil Service Jobs e-Recruitment system which has the following built-in scoring
 * metric"). That reply, from the days of the competency framework, says "competency" where Success
 * Profiles say "behaviour"; the descriptions here say "behaviour", as recruiters now use them.
 */
export const CIVIL_SERVICE_SCALE: RatingLevel[] = [
  { value: 1, label: 'Not demonstrated', description: 'No positive evidence of the behaviour' },
  { value: 2, label: 'Minimal demonstration', description: 'Limited positive evidence of the behaviour' },
  { value: 3, label: 'Moderate demonstration', description: 'Moderate positive evidence of the behaviour' },
  { value: 4, label: 'Acceptable demonstration', description: 'Adequate positive evidence of the behaviour' },
  { value: 5, label: 'Good demonstration', description: 'Substantial positive evidence of the behaviour' },
  {
    value: 6,
    label: 'Strong demonstration',
    description: 'Substantial, positive evidence of the behaviour and includes some evidence of exceeding expectations',
  },
  { value: 7, label: 'Outstanding demonstration', description: 'Evidence provided wholly exceeds expectation at this level' },
];

const RatingLevel = z
  .object({
    value: z.number().int(),
    label: z.string().trim().min(1),
    /** One line saying what the level means; shown where the scale is explained. */
    description: z.string().trim().min(1).optional(),
  })
  .strict();
export type RatingLevel = z.infer<typeof RatingLevel>;

/** The first level whose value is not its position (1, 2, 3 ...), as words; null when the scale is 1..n in order. */
export function scaleOrderProblem(scale: { value: number }[]): string | null {
  const at = scale.findIndex((level, i) => level.value !== i + 1);
  if (at < 0) return null;
  return `values must run 1, 2, 3 ... in order, one per level, but level ${at + 1} of ${scale.length} has the value ${scale[at]!.value}`;
}

export const RuleSeverity = z.enum(['error', 'warning', 'off']);

export const Config = z
  .object({
    /** Severity per validation rule id, overriding each rule's default. */
    rules: z.record(z.string(), RuleSeverity).default({}),
    /** The scale that assessors score on: 1..n in order, each with a label and, ideally, a description. */
    ratingScale: z
      .array(RatingLevel)
      .min(1, 'a rating scale needs at least one level')
      .refine((scale) => new Set(scale.map((l) => l.value)).size === scale.length, 'rating scale values must be unique')
      .superRefine((scale, context) => {
        const problem = scaleOrderProblem(scale);
        if (problem) context.addIssue({ code: 'custom', message: problem });
      })
      .default(CIVIL_SERVICE_SCALE),
    /** Word-count guidance per STAR example in the Word templates. */
    wordsPerExample: z.number().int().positive().default(250),
    /** Pages rendered in parallel in the one browser. */
    renderConcurrency: z.number().int().min(1).max(8).default(2),
  })
  .strict();
export type Config = z.infer<typeof Config>;

export const DEFAULT_CONFIG: Config = Config.parse({});

/** Reads gradepack.config.json if present (errors name it as the project has it); defaults otherwise. */
export async function loadConfig(file: string, display = CONFIG_FILE): Promise<Config> {
  const raw = await readInputText(file, display, 'settings');
  if (raw === null) return DEFAULT_CONFIG;
  return parseConfig(raw, display);
}

export const CONFIG_FILE = 'gradepack.config.json';

export function parseConfig(raw: string, file: string): Config {
  return parseJsonFile(Config, raw, file, 'ConfigInvalid', 'See the configuration section of the README.');
}
