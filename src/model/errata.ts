import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { jsonLine, nodeLine } from './document-lines';
import { GradepackError } from './errors';
import { parseJsonFile } from './parse-json';
import { FINDING_CODES, isFindingCode } from './findings';
import { GradeId, Polarity } from './schema';

/**
 * Errata: a person's corrections to a source, one file per source (`sources/<file>.errata.json`).
 * Every entry names its source location and gives a reason.
 *  - replace: change `find` to `replace` in the indicator (or intro sentence, or competency title) from that line or page;
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
    /** The finding's stable code, `rule/kind` (docs/validation-rules.md lists them). */
    code: z.string().refine(isFindingCode, { error: (issue) => `"${String(issue.input)}" is not a finding code${nearestCode(String(issue.input))}` }),
    reason: z.string().min(1),
  })
  .strict()
  .refine((e) => e.line !== undefined || e.page !== undefined, { message: 'an accept entry needs the line or page of the finding it accepts' });
export const ErrataEntry = z.discriminatedUnion('action', [ReplaceEntry, AddEntry, AcceptEntry]);
export type ErrataEntry = z.infer<typeof ErrataEntry>;
export type AcceptEntry = z.infer<typeof AcceptEntry>;

export const ErrataFile = z.object({ source: z.string().min(1), entries: z.array(ErrataEntry) }).strict();
export type ErrataFile = z.infer<typeof ErrataFile> & {
  /** When read from a file: the line each entry starts on, so that an error about an entry can name it. */
  entryLines?: number[];
};

export const errataFileName = (sourceFile: string) => `${sourceFile}.errata.json`;

const HINT = 'README, "Source defects and errata", describes the entries (replace, add, accept) and their fields.';

export function parseErrata(raw: string, displayName: string, sourceFile: string): ErrataFile {
  const errata = parseJsonFile(ErrataFile, raw, displayName, 'ErrataInvalid', HINT);
  if (errata.source !== sourceFile) {
    throw new GradepackError(
      'ErrataInvalid',
      `It names source "${errata.source}", not "${sourceFile}".`,
      { file: displayName, line: jsonLine(raw, ['source']) },
      `An errata file corrects the source it is named after: "source": "${sourceFile}".`,
    );
  }
  return { ...errata, entryLines: entryLines(raw, errata.entries.length) };
}

/** The line each entry of an errata file starts on (one parse of the file, only when it has entries). */
function entryLines(raw: string, count: number): number[] {
  if (count === 0) return [];
  const lineCounter = new LineCounter();
  const doc = parseDocument(raw, { lineCounter, schema: 'failsafe', uniqueKeys: false, logLevel: 'error' });
  return Array.from({ length: count }, (_, i) => nodeLine(doc, lineCounter, ['entries', i]));
}

/** ", did you mean ..." for a code close to a known one (same kind under another rule, or a typo). */
function nearestCode(code: string): string {
  const kind = code.slice(code.indexOf('/') + 1);
  const near = FINDING_CODES.filter((c) => c.endsWith(`/${kind}`) || c.startsWith(`${code}/`));
  return near.length > 0 ? `; did you mean ${near.map((c) => `"${c}"`).join(' or ')}?` : '';
}
