import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ERRORS, type ErrorName, isGradepackError } from '../../src/model/errors';
import { repairOutline } from '../../src/render/pdf/outline';
import {
  builtProject,
  copyOf,
  ERRATA,
  editErrata,
  editFramework,
  editSource,
  expectOneNamedError,
  FRAMEWORK,
  INDICATOR,
  INDICATOR_LINE,
  lineOf,
  outputState,
  pdfFramework,
  read,
  runCliProcess,
  SOURCE,
  withEnv,
  write,
} from '../helpers/hostile';
import { ROOT } from '../helpers/ingest';
import { runCli } from '../helpers/project';
import { encrypt, otherDocument } from '../ingest/behaviours-pdf-2018.pdfs';

/**
 * The whole error catalogue (src/model/errors.ts), each error made to happen the way a user would
 * make it: through the CLI, on a copy of a small project whose last build succeeded. For each, one
 * line `[file[:line]: ]error <Name>: ...` on stderr and a hint, no stack trace, a non-zero exit,
 * and output/ byte for byte as the last good build left it. The table is typed by ErrorName, so a
 * new error without a scenario here does not compile.
 */

interface CliScenario {
  /** Makes the mistake in `root`, a copy of the built project. */
  setUp?(root: string): unknown;
  /** The command line (--root and --quiet are added). */
  args: string[] | ((root: string) => string[]);
  /** What the error line starts with before `error <Name>:` (the file, and line where there is one); '' when it names no file. */
  where(root: string): string;
  /** What the message says. */
  says: RegExp;
  env?: Record<string, string>;
  /** Exit codes allowed (default 3). */
  exit?: number[];
  /** Run the CLI in a child process started with this preload (node --require), instead of in this process. */
  preload?: string;
  /** The project is an empty folder: there is no output/ before, and there must be none after. */
  noProject?: boolean;
}

interface FunctionScenario {
  /** Why no user can make this error through the CLI without breaking the machine. */
  why: string;
  /** Calls the lowest public function that throws it. */
  run(): unknown;
  says: RegExp;
}

type Scenario = { cli: CliScenario } | { fn: FunctionScenario };

// --- Making mistakes in a project -------------------------------------------------------------

/** The framework read from another kind of source: the registry entry points at `file`, read by `adapter`. */
function readBy(root: string, adapter: string, file: string, format: string, bytes: string | Uint8Array): void {
  write(root, `sources/${file}`, bytes);
  editFramework(root, (f) => {
    f.adapter = adapter;
    f.sources = [{ file, format }];
  });
}

const LAYOUT = 'templates/layouts/grade-pack.hbs';
/** Puts `text` into the grade pack layout on a line of its own; returns that line. */
function intoLayout(root: string, text: string): number {
  const lines = read(root, LAYOUT).split('\n');
  const at = lines.findIndex((l) => l.includes('<main id="main-content">')) + 1;
  lines.splice(at, 0, text);
  write(root, LAYOUT, lines.join('\n'));
  return at + 1;
}

/** A campaign on the small framework; `lines` replaced where given. */
const CAMPAIGN = [
  'campaign: Catalogue campaign', // 1
  `framework: ${FRAMEWORK}`, // 2
  'vacancies:', // 3
  '  - reference: "C-1"', // 4
  '    title: Deputy Director', // 5
  '    grade: scs1', // 6
  '    behaviours:', // 7
  '      - Seeing the big picture', // 8
  '    candidates: people.csv', // 9
];
function campaign(root: string, change: (lines: string[]) => string[] = (l) => l, candidates = 'number,name\n9001,\n'): void {
  mkdirSync(join(root, 'campaigns'), { recursive: true });
  write(root, 'campaigns/people.csv', candidates);
  write(root, 'campaigns/test.yaml', `${change([...CAMPAIGN]).join('\n')}\n`);
}

// --- The catalogue -----------------------------------------------------------------------------

const DOCX = ['build', '--format', 'docx'];
const HTML = ['build', '--format', 'html'];
const CAMPAIGN_ARGS = (root: string) => ['campaign', join(root, 'campaigns', 'test.yaml')];
const campaignFile = (root: string, name = 'test.yaml') => join(root, 'campaigns', name);

const SCENARIOS: Record<ErrorName, Scenario> = {
  SourceMissing: {
    cli: { setUp: (root) => rmSync(join(root, 'sources', SOURCE)), args: DOCX, where: () => `sources/${SOURCE}: `, says: /was not found/ },
  },
  SourceEmpty: {
    cli: { setUp: (root) => write(root, `sources/${SOURCE}`, '\n \n'), args: DOCX, where: () => `sources/${SOURCE}: `, says: /no content/ },
  },
  SourceEncoding: {
    cli: {
      setUp: (root) => {
        const lines = read(root, `sources/${SOURCE}`).split('\n');
        const before = Buffer.from(`${lines.slice(0, INDICATOR_LINE - 1).join('\n')}\nAnticipate `);
        const after = Buffer.from(` ${lines.slice(INDICATOR_LINE - 1).join('\n')}`);
        write(root, `sources/${SOURCE}`, Buffer.concat([before, Buffer.from([0x92]), after]));
      },
      args: DOCX,
      where: () => `sources/${SOURCE}:${INDICATOR_LINE}: `,
      says: /\(0x92\) is not UTF-8/,
    },
  },
  SourceCorrupt: {
    cli: { setUp: (root) => pdfFramework(root, 'Seeing the Big Picture\nLevel 1\n'), args: DOCX, where: () => 'sources/behaviours.pdf: ', says: /not a PDF/ },
  },
  SourceEncrypted: {
    cli: {
      setUp: async (root) => pdfFramework(root, await encrypt(await otherDocument(['Secret', 'text']), 'secret')),
      args: DOCX,
      where: () => 'sources/behaviours.pdf: ',
      says: /encrypted|password/,
    },
  },
  SourceUnrecognised: {
    cli: {
      setUp: (root) => write(root, `sources/${SOURCE}`, 'Minutes of the meeting\n- apologies\n- any other business\n'),
      args: DOCX,
      where: () => `sources/${SOURCE}: `,
      says: /./,
    },
  },
  SourceIncomplete: {
    cli: {
      // The source cut off after its sixth competency.
      setUp: (root) => editSource(root, (text) => text.slice(0, text.indexOf('7. Achieving Commercial Outcomes\t'))),
      args: DOCX,
      where: () => `sources/${SOURCE}: `,
      says: /Found 6 of 10 competencies/,
    },
  },
  SpreadsheetUnreadable: {
    cli: {
      setUp: (root) => readBy(root, 'spreadsheet', 'framework.xlsx', 'xlsx', 'PK\u0003\u0004 not a workbook'),
      args: DOCX,
      where: () => 'sources/framework.xlsx: ',
      says: /not an XLSX workbook/,
    },
  },
  SpreadsheetInvalid: {
    cli: {
      setUp: (root) => readBy(root, 'spreadsheet', 'framework.csv', 'csv', 'Name,Colour\nSeeing the big picture,blue\n'),
      args: DOCX,
      where: () => 'sources/framework.csv:1: ',
      says: /The header row has no "Competency" or "Level" or "Indicator" column \(it has: Name, Colour\)/,
    },
  },
  CaseInvalid: {
    cli: {
      setUp: (root) => readBy(root, 'case-json', 'framework.json', 'json', '{\n  "CFDocument": {}\n}\n'),
      args: DOCX,
      where: () => 'sources/framework.json: ',
      says: /CFDocument/,
    },
  },
  RegistryInvalid: {
    cli: {
      setUp: (root) =>
        editFramework(root, (f) => {
          f.date = '9999-99-99';
        }),
      args: DOCX,
      where: (root) => `sources/registry.json:${lineOf(root, 'sources/registry.json', '9999-99-99')}: `,
      says: /frameworks\.0\.date: this date is not on the calendar/,
    },
  },
  ProjectMissing: { cli: { args: ['build'], where: () => '', says: /no sources\/registry\.json.*Looked in /, noProject: true } },
  ErrataInvalid: {
    cli: {
      setUp: (root) =>
        editErrata(root, (e) => e.push({ action: 'accept', line: 50, code: 'extraction-health/no-such-thing', reason: 'A code that does not exist.' })),
      args: DOCX,
      where: (root) => `sources/${ERRATA}:${lineOf(root, `sources/${ERRATA}`, 'no-such-thing')}: `,
      says: /"extraction-health\/no-such-thing" is not a finding code/,
    },
  },
  ConfigInvalid: {
    cli: {
      setUp: (root) => write(root, 'gradepack.config.json', '{\n  "wordsPerExample": 250,\n  "ratingScale": []\n}\n'),
      args: DOCX,
      where: () => 'gradepack.config.json:3: ',
      says: /ratingScale: a rating scale needs at least one level/,
    },
  },
  UnknownFramework: { cli: { args: ['build', '--framework', 'nope'], where: () => '', says: /"nope"/, exit: [2, 3] } },
  UnknownGrade: { cli: { args: ['build', '--grade', 'g9'], where: () => '', says: /"g9"/, exit: [2, 3] } },
  UnknownFormat: { cli: { args: ['build', '--format', 'xls'], where: () => '', says: /"xls"/, exit: [2] } },
  ModelInvalid: {
    cli: {
      // The model a build keeps its ids from, damaged by hand.
      setUp: (root) => write(root, `output/model/${FRAMEWORK}.json`, `{\n  "id": "${FRAMEWORK}",\n  "title": 7\n}\n`),
      args: DOCX,
      where: (root) => `${join(root, 'output', 'model', `${FRAMEWORK}.json`)}:3: `,
      says: /title: Invalid input/,
    },
  },
  ValidationFailed: {
    cli: {
      setUp: (root) => editErrata(root, (e) => e.push({ action: 'accept', line: 50, code: 'extraction-health/garbled', reason: 'Nothing is garbled there.' })),
      args: DOCX,
      where: () => `sources/${SOURCE}:50: `,
      says: /errata\/stale-accept/,
    },
  },
  ModelMissing: {
    cli: {
      args: (root) => ['diff', join(root, 'missing.json'), join(root, 'output', 'model', `${FRAMEWORK}.json`)],
      where: (root) => `${join(root, 'missing.json')}: `,
      says: /was not found/,
    },
  },
  TemplateSyntax: {
    cli: {
      setUp: (root) => write(root, 'line', String(intoLayout(root, '<p>{{title</p>'))),
      args: HTML,
      where: (root) => `${join(root, LAYOUT)}:${read(root, 'line')}: `,
      says: /Parse error on line \d+: Expecting /,
    },
  },
  TemplateField: {
    cli: {
      setUp: (root) => write(root, 'line', String(intoLayout(root, '<p>{{frameworkColour}}</p>'))),
      args: HTML,
      where: (root) => `${join(root, LAYOUT)}:${read(root, 'line')}: `,
      says: /frameworkColour/,
    },
  },
  BrowserMissing: {
    cli: {
      args: ['build', '--format', 'pdf', '--grade', 'scs1'],
      env: { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chromium' },
      where: () => '/nonexistent/chromium: ',
      says: /does not exist/,
    },
  },
  FontMissing: {
    cli: {
      // The font packages, as if never installed: a child process whose module resolution cannot find them.
      args: HTML,
      preload: join(ROOT, 'test', 'fixtures', 'hostile', 'without-fonts.cjs'),
      where: () => '',
      says: /@fontsource\/atkinson-hyperlegible is not installed/,
    },
  },
  CharacterUnsupported: {
    cli: {
      setUp: (root) => editSource(root, (t) => t.replace(INDICATOR, 'Anticipate and predict (預測) the long term impact')),
      args: HTML,
      where: () => `sources/${SOURCE}:${INDICATOR_LINE}: `,
      says: /"預" \(U\+9810\)/,
    },
  },
  OutlineMismatch: {
    fn: {
      why: "only a browser that writes a wrong outline makes it; the pinned Chromium does not, and a user's PUPPETEER_EXECUTABLE_PATH browser would have to be built to",
      run: async () => repairOutline(await PDFDocument.create(), [{ level: 1, text: 'Leadership' }], 'A pack'),
      says: /has 0 bookmarks for 1 headings/,
    },
  },
  RenderFailed: {
    cli: {
      setUp: (root) => write(root, LAYOUT, read(root, LAYOUT).replace('<html lang="{{lang}}">', '<html>')),
      args: HTML,
      where: (root) => `${join(root, LAYOUT)}: `,
      says: /its <html> has no lang/,
    },
  },
  BuildLocked: {
    cli: {
      // A build of another process (vitest's own, which is alive) holds the lock.
      setUp: (root) => write(root, 'output/.gradepack.lock', JSON.stringify({ pid: process.ppid, host: hostname(), started: null, token: 'catalogue' })),
      args: DOCX,
      where: (root) => `${join(root, 'output', '.gradepack.lock')}: `,
      says: new RegExp(`Process ${process.ppid} holds`),
    },
  },
  OutputUnwritable: {
    cli: {
      setUp: (root) => {
        rmSync(join(root, 'output'), { recursive: true });
        write(root, 'output', 'not a folder\n');
      },
      args: DOCX,
      where: (root) => `${join(root, 'output')}: `,
      says: /is a file, not a folder/,
    },
  },
  CampaignMissing: {
    cli: {
      args: (root) => ['campaign', campaignFile(root, 'nothing.yaml')],
      where: (root) => `${campaignFile(root, 'nothing.yaml')}: `,
      says: /does not exist/,
    },
  },
  CampaignSyntax: {
    cli: {
      setUp: (root) => campaign(root, (l) => l.map((x) => x.replace('grade: scs1', 'grade: scs1: scs2'))),
      args: CAMPAIGN_ARGS,
      where: (root) => `${campaignFile(root)}:6: `,
      says: /./,
    },
  },
  CampaignInvalid: {
    cli: {
      setUp: (root) => campaign(root, (l) => [...l.slice(0, 6), '    behaviours: []', l[8]!]),
      args: CAMPAIGN_ARGS,
      where: (root) => `${campaignFile(root)}:7: `,
      says: /at least one/,
    },
  },
  UnknownBehaviour: {
    cli: {
      setUp: (root) => campaign(root, (l) => l.map((x) => x.replace('Seeing the big picture', 'Seeing the small picture'))),
      args: CAMPAIGN_ARGS,
      where: (root) => `${campaignFile(root)}:8: `,
      says: /Seeing the small picture/,
    },
  },
  CandidatesMissing: {
    cli: {
      setUp: (root) => campaign(root, (l) => l.map((x) => x.replace('people.csv', 'nobody.csv'))),
      args: CAMPAIGN_ARGS,
      where: (root) => `${campaignFile(root)}:9: `,
      says: /nobody\.csv/,
    },
  },
  CandidatesInvalid: {
    cli: {
      setUp: (root) => campaign(root, undefined, 'number,name\n9001,"Unclosed\n'),
      args: CAMPAIGN_ARGS,
      where: (root) => `${campaignFile(root, 'people.csv')}:2: `,
      says: /./,
    },
  },
  UsageError: { cli: { args: ['build', '--colour'], where: () => '', says: /--colour/, exit: [2] } },
  EnvironmentInvalid: {
    cli: { args: DOCX, env: { SOURCE_DATE_EPOCH: '99999999999999' }, where: () => '', says: /SOURCE_DATE_EPOCH is "99999999999999"/ },
  },
  InputTooLarge: {
    cli: {
      // A sparse file: 50 MB that take no room on disk.
      setUp: (root) => truncateSync(join(root, 'sources', SOURCE), 50 * 1024 * 1024),
      args: DOCX,
      where: () => `sources/${SOURCE}: `,
      says: /is 50\.0 MB; a text source may be at most 4\.0 MB/,
    },
  },
  InputNotAFile: {
    cli: {
      setUp: (root) => {
        rmSync(join(root, 'sources', SOURCE));
        mkdirSync(join(root, 'sources', SOURCE));
      },
      args: DOCX,
      where: () => `sources/${SOURCE}: `,
      says: /is a folder, not a file/,
    },
  },
  InputUnreadable: {
    cli: {
      // A symbolic link to itself cannot be opened (ELOOP), whoever you are (these tests may run as root).
      setUp: (root) => {
        rmSync(join(root, 'sources', SOURCE));
        symlinkSync(SOURCE, join(root, 'sources', SOURCE));
      },
      args: DOCX,
      where: () => `sources/${SOURCE}: `,
      says: /ELOOP/,
    },
  },
  PathOutsideProject: {
    cli: {
      setUp: (root) =>
        editFramework(root, (f) => {
          f.sources = [{ file: '../../x.txt', format: 'text' }];
        }),
      args: DOCX,
      where: (root) => `sources/registry.json:${lineOf(root, 'sources/registry.json', '../../x.txt')}: `,
      says: /"\.\.\/\.\.\/x\.txt" leads outside sources\//,
    },
  },
};

// --- Running them ------------------------------------------------------------------------------

describe('the error catalogue', () => {
  let built: string;
  beforeAll(async () => {
    built = await builtProject();
  });

  it('has a scenario for every error, and every scenario is one of the catalogue', () => {
    expect(Object.keys(SCENARIOS).sort()).toEqual(Object.keys(ERRORS).sort());
  });

  const entries = Object.entries(SCENARIOS) as [ErrorName, Scenario][];
  for (const [name, scenario] of entries) {
    if ('fn' in scenario) {
      it(`${name}: from the lowest function that throws it (${scenario.fn.why})`, async () => {
        let error: unknown;
        try {
          await scenario.fn.run();
        } catch (e) {
          error = e;
        }
        expect(isGradepackError(error) && error.code).toBe(name);
        if (!isGradepackError(error)) return;
        expectOneNamedError(error.format(), name, '', scenario.fn.says);
      });
      continue;
    }
    const { cli } = scenario;
    it(`${name}: ${cli.noProject ? 'in a folder that is no project' : 'as a user makes it'}, one named error with a hint, exit ${(cli.exit ?? [3]).join(' or ')}, output/ untouched`, async () => {
      const root = cli.noProject ? mkdtempSync(join(tmpdir(), 'gradepack-catalogue-')) : copyOf(built);
      await cli.setUp?.(root);
      const args = [...(typeof cli.args === 'function' ? cli.args(root) : cli.args), '--root', root, '--quiet'];
      const before = outputState(root);
      const run = cli.preload ? await runCliProcess(args, { preload: cli.preload, env: cli.env }) : await withEnv(cli.env ?? {}, () => runCli(args));
      expect(cli.exit ?? [3], run.stderr).toContain(run.code);
      expectOneNamedError(run.stderr, name, cli.where(root), cli.says);
      expect(outputState(root)).toEqual(before);
      if (cli.noProject) expect(before).toBeNull();
    });
  }
});
