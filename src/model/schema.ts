import { z } from 'zod';

/** The grade ladder, lowest first. */
export const GRADES = ['aa', 'ao', 'eo', 'heo', 'seo', 'g7', 'g6', 'scs1', 'scs2', 'scs3'] as const;
export const GradeId = z.enum(GRADES);
export type GradeId = z.infer<typeof GradeId>;

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

export const SourceFile = z
  .object({
    file: z.string().min(1),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    format: z.enum(['text', 'markdown', 'pdf']),
  })
  .strict();
export type SourceFile = z.infer<typeof SourceFile>;

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
    licence: z.string().min(1),
    url: z.string().nullable(),
    sources: z.array(SourceFile).min(1),
    levels: z.array(Level).min(1),
    competencies: z.array(Competency),
  })
  .strict();
export type Framework = z.infer<typeof Framework>;

export function modelJsonSchema(): unknown {
  return z.toJSONSchema(Framework, { target: 'draft-2020-12' });
}
