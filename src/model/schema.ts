import { z } from 'zod';

/** A grade's id on its ladder (`eo`, `g7`): lower-case letters, digits and hyphens. */
export const GradeId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a grade id is lower-case letters, digits and hyphens');
export type GradeId = z.infer<typeof GradeId>;

export const Grade = z
  .object({
    id: GradeId,
    label: z.string().min(1).describe('As a pack names it: "Executive Officer (EO)"'),
    short: z.string().min(1).describe('As a message names it: "EO", "Grade 7"'),
    names: z.array(z.string().min(1)).min(1).describe('How documents write it, in lower case: "executive officer", "eo"'),
  })
  .strict();
export type Grade = z.infer<typeof Grade>;

/** What validation expects of a framework, declared in sources/registry.json. */
export const FrameworkPolicy = z
  .object({
    pairsEffectiveIneffective: z.boolean().default(false).describe('Every level is written as effective and ineffective behaviours'),
    adaptationOf: z
      .object({
        framework: z.string().min(1).describe('The framework this one adapts'),
        level: z.string().min(1).describe("The level at which this framework's text should read as the original's"),
        substitutions: z
          .array(
            z
              .object({
                adapted: z.string().min(1).describe('Words as the adaptation writes them (lower case, no punctuation)'),
                original: z.string().min(1).describe('The words they stand for in the original'),
                reason: z.string().min(1),
              })
              .strict(),
          )
          .default([])
          .describe('Expected differences, not reported'),
      })
      .strict()
      .nullable()
      .default(null),
  })
  .strict();
export type FrameworkPolicy = z.infer<typeof FrameworkPolicy>;

export const Polarity = z.enum(['effective', 'ineffective', 'neutral']);
export type Polarity = z.infer<typeof Polarity>;

export const SourceRef = z
  .object({
    file: z.string().min(1).describe('Source file, relative to sources/'),
    line: z.number().int().positive().nullable().describe('1-based line in a text source'),
    page: z.number().int().positive().nullable().describe('1-based page in a PDF source'),
  })
  .strict();
export type SourceRef = z.infer<typeof SourceRef>;

export const Correction = z
  .object({
    kind: z.enum(['replace', 'add']),
    original: z.string().nullable().describe('The text as extracted, before the correction'),
    reason: z.string().min(1),
  })
  .strict();
export type Correction = z.infer<typeof Correction>;

export const Indicator = z
  .object({
    id: z.string().min(1),
    text: z.string().min(1),
    polarity: Polarity,
    grade: GradeId.nullable().describe('Set where a level is written per grade (ODP SCS)'),
    source: SourceRef,
    corrected: Correction.optional().describe('Present when an errata entry changed this indicator'),
  })
  .strict();
export type Indicator = z.infer<typeof Indicator>;

export const Intro = z
  .object({ text: z.string().min(1), source: SourceRef, corrected: Correction.optional() })
  .strict()
  .describe('The sentence that introduces a competency at a level, e.g. "Examples of leadership at EO grade are when you:"');
export type Intro = z.infer<typeof Intro>;

export const CompetencyLevel = z
  .object({
    level: z.string().min(1),
    note: z.string().nullable().describe('An explicit statement about the level, e.g. that it is not required'),
    intro: Intro.nullable(),
    indicators: z.array(Indicator),
  })
  .strict();
export type CompetencyLevel = z.infer<typeof CompetencyLevel>;

export const Competency = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    title: z.string().min(1),
    cluster: z.string().nullable(),
    description: z.string().nullable(),
    source: SourceRef.nullable(),
    levels: z.array(CompetencyLevel),
  })
  .strict();
export type Competency = z.infer<typeof Competency>;

export const Level = z
  .object({
    id: z.string().min(1),
    label: z.string().min(1),
    order: z.number().int(),
    grades: z.array(GradeId).describe('Empty for proficiency levels'),
  })
  .strict();
export type Level = z.infer<typeof Level>;

/** How a source file is read: text and markdown as UTF-8 text, pdf by page, csv and xlsx as tables, json as a CASE package. */
export const SourceFormat = z.enum(['text', 'markdown', 'pdf', 'csv', 'xlsx', 'json']);
export type SourceFormat = z.infer<typeof SourceFormat>;

export const RetiredId = z
  .object({
    id: z.string().min(1).describe('An indicator id (with dots) or a competency id (without) that the model no longer uses'),
    text: z.string().min(1).describe("The indicator's last text, or the competency's last title"),
  })
  .strict()
  .describe('An id that is no longer in use and is never handed out again');
export type RetiredId = z.infer<typeof RetiredId>;

export const SourceFile = z
  .object({
    file: z.string().min(1),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    format: SourceFormat,
  })
  .strict();
export type SourceFile = z.infer<typeof SourceFile>;

/** A real day of the calendar, YYYY-MM-DD ("2026-02-30" is refused). */
export const CalendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day, YYYY-MM-DD')
  .refine((day) => new Date(`${day}T00:00:00Z`).toISOString().startsWith(day), 'not a day of the calendar');

export const Framework = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    title: z.string().min(1),
    publisher: z.string().min(1),
    edition: z.string().min(1),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}(-\d{2})?$/)
      .nullable()
      .describe('Publication date of the source, where known'),
    captured: CalendarDay.optional().describe(
      'The day the source was captured (copied from web pages), where recorded: the date of documents made from a source with no publication date',
    ),
    licence: z.string().min(1),
    url: z.string().nullable(),
    sources: z.array(SourceFile).min(1),
    // Defaults let models written before these fields existed still be read (and diffed).
    grades: z.array(Grade).default([]).describe('The grades of the ladder that the levels name, lowest first'),
    policy: FrameworkPolicy.default({ pairsEffectiveIneffective: false, adaptationOf: null }),
    levels: z.array(Level).min(1),
    competencies: z.array(Competency),
    retired: z
      .array(RetiredId)
      .default([])
      .describe(
        'Ids stable for life: every id that earlier builds of this model used and this one does not, in the order they were retired. ' +
          'A retired id is never given to other text; a new indicator gets the next number never used at its place.',
      ),
  })
  .strict();
export type Framework = z.infer<typeof Framework>;

export function modelJsonSchema(): unknown {
  return z.toJSONSchema(Framework, { target: 'draft-2020-12' });
}
