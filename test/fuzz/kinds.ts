import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { ROOT } from '../helpers/ingest';
import { type ByteEdit, bytesChange, type FileChange, jsonChange, NASTY, nastyString, textChange } from './mutations';
import { ERRATA_FILES, FUZZ_FILES, PDF_SOURCE, TEXT_SOURCES } from './project';

/**
 * One fuzz case: a change to one input file of the project (or none), and the command run on it.
 * `args` come before the project's `--root` and `--quiet`.
 */
export interface FuzzCase {
  kind: string;
  file: string | null;
  change: FileChange | null;
  args: string[];
}

export interface FuzzKind {
  name: string;
  /** What the kind mutates, for the report. */
  what: string;
  cases: fc.Arbitrary<FuzzCase>;
}

const html = (framework: string) => ['build', '--framework', framework, '--format', 'html'];

/** The commands that read a framework's sources: ingest, validate, and a build of its HTML pages. */
const frameworkCommands = (framework: string) =>
  fc.constantFrom(html(framework), ['validate', '--framework', framework], ['validate', '--framework', framework], ['ingest', '--framework', framework]);

const caseOf = (kind: string, file: fc.Arbitrary<string>, change: fc.Arbitrary<FileChange>, args: (file: string) => fc.Arbitrary<string[]>) =>
  file.chain((f) => fc.record({ kind: fc.constant(kind), file: fc.constant(f), change, args: args(f) }));

const frameworkOf = (pairs: [string, string][]) => (file: string) => pairs.find(([f]) => f === file)![1];

function templateFiles(): string[] {
  const dir = join(ROOT, 'templates');
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((p) => /\.(hbs|css)$/.test(p))
    .map((p) => `templates/${p.split('\\').join('/')}`)
    .sort();
}

/** Template syntax and text that templates must refuse or print as it is. */
const templateText = fc.oneof(
  nastyString,
  fc.constantFrom(
    '{{',
    '}}',
    '{{title}}',
    '{{{title}}}',
    '{{& title}}',
    '{{#if title}}',
    '{{/if}}',
    '{{> missing}}',
    '{{nope.field}}',
    '{{stylesheet "x.css"}}',
  ),
  fc.constantFrom(
    'url(https://example.com/x.png)',
    '\\75 rl(x)',
    '@import "x.css";',
    'image-set("x.png" 1x)',
    '</style>',
    '}',
    '{',
    '/*',
    '@font-face { src: local(x) }',
  ),
);

const templateChange: fc.Arbitrary<FileChange> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('text' as const),
      edits: fc.array(
        fc.record({ op: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), text: templateText }),
        { minLength: 1, maxLength: 4 },
      ),
      bytes: fc.constant<ByteEdit[]>([]),
    }),
  },
  { weight: 4, arbitrary: textChange },
);

function templateCommand(file: string): fc.Arbitrary<string[]> {
  if (file.startsWith('templates/forms/')) return fc.constant(['build', '--framework', 'cscf-2012-sms1', '--format', 'form']);
  if (file.startsWith('templates/campaign/')) return fc.constant(['campaign', FUZZ_FILES.campaign]);
  return fc.constant(html('cscf-2012-sms1'));
}

const COMMANDS = ['build', 'ingest', 'validate', 'check', 'diff', 'campaign', 'help', 'list', '--help', '--version'];
const OPTIONS = [
  '--framework',
  '--grade',
  '--format',
  '--json',
  '--strict',
  '--model-only',
  '--title',
  '--exit-code',
  '--help',
  '-h',
  '-q',
  '--grades',
  '--root',
];

/**
 * A command line anyone could type. A build always ends narrowed to HTML, so that a case never
 * prints every PDF of the project (minutes, and not what this kind is about).
 */
const argv: fc.Arbitrary<string[]> = fc
  .tuple(
    fc.constantFrom(...COMMANDS),
    fc.array(
      fc.oneof(
        fc.constantFrom(...OPTIONS),
        fc.constantFrom(...NASTY),
        fc.constantFrom('eo', 'EO', 'g7', 'cscf-2012-sms1', 'html,docx', 'pdf', FUZZ_FILES.model, FUZZ_FILES.campaign),
        nastyString,
      ),
      { maxLength: 6 },
    ),
  )
  .map(([command, rest]) => {
    const args = [command, ...rest.filter((a) => a !== '--root')];
    return command === 'build' || command === 'campaign' ? [...args, '--format', 'html'] : args;
  });

export const FUZZ_KINDS: FuzzKind[] = [
  {
    name: 'text-source',
    what: 'the five text and markdown sources (GOV.UK page, CSCF, MMO, ODP core and SCS)',
    cases: caseOf('text-source', fc.constantFrom(...TEXT_SOURCES.map(([f]) => f)), textChange, (f) => frameworkCommands(frameworkOf(TEXT_SOURCES)(f))),
  },
  {
    name: 'pdf-source',
    what: 'the 2018 Success Profiles PDF, byte by byte',
    cases: caseOf('pdf-source', fc.constant(PDF_SOURCE[0]), bytesChange, () => frameworkCommands(PDF_SOURCE[1])),
  },
  {
    name: 'csv-source',
    what: 'a framework kept in a CSV table (spreadsheet adapter)',
    cases: caseOf('csv-source', fc.constant(FUZZ_FILES.csv), textChange, () => frameworkCommands('fuzz-csv')),
  },
  {
    name: 'xlsx-source',
    what: 'a framework kept in an XLSX workbook, byte by byte',
    cases: caseOf('xlsx-source', fc.constant(FUZZ_FILES.xlsx), bytesChange, () => frameworkCommands('fuzz-xlsx')),
  },
  {
    name: 'case-source',
    what: 'a CASE 1.1 package (case-json adapter)',
    cases: caseOf('case-source', fc.constant(FUZZ_FILES.case), jsonChange, () => frameworkCommands('fuzz-case')),
  },
  {
    name: 'errata',
    what: 'the four errata files',
    cases: caseOf('errata', fc.constantFrom(...ERRATA_FILES.map(([f]) => f)), jsonChange, (f) =>
      fc.constantFrom(html(frameworkOf(ERRATA_FILES)(f)), ['validate'], ['validate', '--framework', frameworkOf(ERRATA_FILES)(f)]),
    ),
  },
  {
    name: 'registry',
    what: 'sources/registry.json',
    cases: caseOf('registry', fc.constant(FUZZ_FILES.registry), jsonChange, () =>
      fc.constantFrom(html('cscf-2012-sms1'), ['validate'], ['check', '--model-only'], ['build', '--format', 'html', '--grade', 'scs1']),
    ),
  },
  {
    name: 'config',
    what: 'gradepack.config.json',
    cases: caseOf('config', fc.constant(FUZZ_FILES.config), jsonChange, () =>
      fc.constantFrom(html('cscf-2012-sms1'), ['validate'], ['build', '--framework', 'cscf-2012-sms1', '--format', 'docx']),
    ),
  },
  {
    name: 'campaign',
    what: 'a campaign file (YAML) and its candidates list (CSV)',
    cases: caseOf('campaign', fc.constantFrom(FUZZ_FILES.campaign, FUZZ_FILES.campaign, FUZZ_FILES.candidates), textChange, () =>
      fc.oneof({ weight: 24, arbitrary: fc.constant<string[]>(['check']) }, { weight: 1, arbitrary: fc.constant<string[]>(['campaign', FUZZ_FILES.campaign]) }),
    ),
  },
  {
    name: 'model',
    what: 'a model file given to validate and diff',
    cases: caseOf('model', fc.constant(FUZZ_FILES.model), jsonChange, () =>
      fc.constantFrom(['validate', FUZZ_FILES.model], ['validate', FUZZ_FILES.model], ['diff', FUZZ_FILES.modelOriginal, FUZZ_FILES.model]),
    ),
  },
  {
    name: 'template',
    what: 'every template and stylesheet (packs, forms, campaign documents)',
    // Pack templates mostly: a form or campaign template's case prints PDFs, ten times the cost.
    cases: caseOf(
      'template',
      fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom(...templateFiles().filter((f) => !/^templates\/(forms|campaign)\//.test(f))) },
        { weight: 1, arbitrary: fc.constantFrom(...templateFiles().filter((f) => f.startsWith('templates/forms/'))) },
        { weight: 1, arbitrary: fc.constantFrom(...templateFiles().filter((f) => f.startsWith('templates/campaign/'))) },
      ),
      templateChange,
      templateCommand,
    ),
  },
  {
    name: 'argv',
    what: 'the command line',
    cases: fc.record({ kind: fc.constant('argv'), file: fc.constant(null), change: fc.constant(null), args: argv }),
  },
];
