import { isCollection, LineCounter, parseDocument, visit } from 'yaml';
import { z } from 'zod';
import { nodeLine } from '../model/document-lines';
import { GradepackError } from '../model/errors';
import { FOLDER_NAME, MAX_BEHAVIOURS, STAGES, type Stage } from './campaign';

/**
 * Reads a campaign file: YAML (with the failsafe schema, so every value is text as written:
 * reference "012345" keeps its zero), checked against the campaign format. Any problem is one
 * GradepackError naming the file and the line of the value at fault.
 */

export interface RawBehaviour {
  /** As written: a title or a competency id. */
  name: string;
  stages: Stage[];
  line: number;
}

export interface RawVacancy {
  reference: string;
  title: string;
  /** The vacancy's own framework, or null for the campaign's. */
  framework: string | null;
  grade: string;
  behaviours: RawBehaviour[];
  words: number | null;
  /** As written, relative to the campaign file. */
  candidates: string | null;
  line: number;
  lines: { reference: number; framework: number | null; grade: number; behaviours: number; words: number | null; candidates: number | null };
}

export interface RawCampaign {
  file: string;
  title: string;
  framework: string | null;
  frameworkLine: number | null;
  vacancies: RawVacancy[];
}

const HINT = 'See the campaign file format in the README (section "Recruitment campaigns") and examples/campaigns/.';

const text = (what: string) =>
  z
    .string({ error: `${what} must be text` })
    .trim()
    .min(1, `${what} must not be empty`);
const StageName = z.enum(STAGES as [Stage, ...Stage[]], { error: 'each stage must be "application" or "interview"' });
const Assessed = z.union([StageName.transform((s) => [s]), z.array(StageName).min(1, 'assessed needs at least one stage')]);
const BehaviourEntry = z.union([
  text('a behaviour'),
  z
    .object({ behaviour: text('behaviour'), assessed: Assessed.optional() }, { error: 'a behaviour is its title, or { behaviour: ..., assessed: [...] }' })
    .strict(),
]);

const VacancyEntry = z
  .object({
    reference: text('reference').regex(FOLDER_NAME, 'reference becomes a folder name: use letters, digits, - and _ only'),
    title: text('title'),
    framework: text('framework').optional(),
    grade: text('grade'),
    behaviours: z
      .array(BehaviourEntry, { error: 'behaviours must be a list' })
      .min(1, 'a vacancy needs at least one behaviour')
      .max(MAX_BEHAVIOURS, `a vacancy can assess at most ${MAX_BEHAVIOURS} behaviours`),
    words: text('words')
      .regex(/^[1-9]\d{0,4}$/, 'words must be a whole number above 0')
      .optional(),
    candidates: text('candidates').optional(),
  })
  .strict();

const CampaignFile = z
  .object({
    campaign: text('campaign'),
    framework: text('framework').optional(),
    vacancies: z.array(VacancyEntry, { error: 'vacancies must be a list' }).min(1, 'a campaign needs at least one vacancy'),
  })
  .strict();

export function readCampaignYaml(source: string, file: string): RawCampaign {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, schema: 'failsafe', prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  const syntax = doc.errors[0];
  if (syntax) {
    const line = lineCounter.linePos(syntax.pos[0]).line;
    throw new GradepackError('CampaignSyntax', `${syntax.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}.`, { file, line }, HINT);
  }
  // A list or map used as a key ("{ x }: 1") would be turned into text by toJS: refuse it where it is.
  let collectionKey: number | null = null;
  visit(doc, {
    Pair(_, pair) {
      if (collectionKey === null && isCollection(pair.key)) collectionKey = pair.key.range?.[0] ?? 0;
    },
  });
  if (collectionKey !== null)
    throw new GradepackError(
      'CampaignSyntax',
      'A key is a list or a map; keys are plain words such as "title".',
      { file, line: lineCounter.linePos(collectionKey).line },
      HINT,
    );
  const lineOf = (path: (string | number)[]) => nodeLine(doc, lineCounter, path);
  const parsed = CampaignFile.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = innermost(parsed.error.issues[0]!);
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const where = keys.length > 0 ? [...path, keys[0]!] : path;
    const message = keys.length > 0 ? `${describe(path)} has a setting gradepack does not know: "${keys[0]}"` : `${describe(path)}: ${issue.message}`;
    throw new GradepackError('CampaignInvalid', `${message}.`, { file, line: lineOf(where) }, HINT);
  }
  const data = parsed.data;
  if (!data.framework && data.vacancies.some((v) => !v.framework)) {
    const at = data.vacancies.findIndex((v) => !v.framework);
    throw new GradepackError(
      'CampaignInvalid',
      `Vacancy ${data.vacancies[at]!.reference} names no framework, and the campaign gives none for every vacancy.`,
      { file, line: lineOf(['vacancies', at]) },
      'Add `framework: success-profiles-2024` (or another framework id) at the top of the file or to the vacancy.',
    );
  }
  const vacancies = data.vacancies.map((v, i): RawVacancy => {
    const at = (key: string) => lineOf(['vacancies', i, key]);
    return {
      reference: v.reference,
      title: v.title,
      framework: v.framework ?? null,
      grade: v.grade,
      behaviours: v.behaviours.map((b, j) => ({
        name: typeof b === 'string' ? b : b.behaviour,
        stages: typeof b === 'string' || !b.assessed ? [...STAGES] : STAGES.filter((s) => b.assessed!.includes(s)),
        line: lineOf(['vacancies', i, 'behaviours', j]),
      })),
      words: v.words ? Number(v.words) : null,
      candidates: v.candidates ?? null,
      line: lineOf(['vacancies', i]),
      lines: {
        reference: at('reference'),
        framework: v.framework ? at('framework') : null,
        grade: at('grade'),
        behaviours: at('behaviours'),
        words: v.words ? at('words') : null,
        candidates: v.candidates ? at('candidates') : null,
      },
    };
  });
  const seen = new Map<string, number>();
  for (const v of vacancies) {
    const first = seen.get(v.reference);
    if (first !== undefined) {
      throw new GradepackError(
        'CampaignInvalid',
        `The reference "${v.reference}" is used twice (first on line ${first}).`,
        { file, line: v.lines.reference },
        'Each vacancy needs its own reference: its outputs go into a folder of that name.',
      );
    }
    seen.set(v.reference, v.lines.reference);
  }
  return { file, title: data.campaign, framework: data.framework ?? null, frameworkLine: data.framework ? lineOf(['framework']) : null, vacancies };
}

/**
 * A value that matches no branch of a union (a behaviour that is neither a title nor a
 * { behaviour, assessed } map) is reported by the branch that got furthest: the map's, once the
 * value is a map.
 */
function innermost(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  const branches = issue.errors.filter((b) => b.length > 0);
  const further = branches.find((b) => b.some((i) => i.path.length > 0 || i.code !== 'invalid_type')) ?? branches[0];
  if (!further) return issue;
  const inner = innermost(further[0]!);
  return { ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue;
}

/** "vacancies[2].behaviours[9]" as a person reads it: "vacancy 3, behaviour 10". */
function describe(path: (string | number)[]): string {
  if (path.length === 0) return 'The campaign file';
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    const next = path[i + 1];
    if (typeof next === 'number' && (key === 'vacancies' || key === 'behaviours' || key === 'assessed')) {
      parts.push(`${key === 'vacancies' ? 'vacancy' : key === 'behaviours' ? 'behaviour' : 'stage'} ${next + 1}`);
      i++;
    } else {
      parts.push(String(key));
    }
  }
  return parts.join(', ');
}
