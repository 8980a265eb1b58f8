import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/model/diagnostic';
import { ROOT, SOURCES } from '../helpers/ingest';
import { runCli } from '../helpers/project';

/**
 * Defects planted in a temporary copy of the real sources, found by `gradepack validate` at the
 * right line, with the right exit code. The copy's errata for the 2024 page accept its one real
 * error (line 206) with a reason, so the unplanted copy validates clean and each plant is what
 * makes it fail.
 */
const SP2024 = 'success-profiles-behaviours-2024.txt';
const SP = 'success-profiles-2024';
const roots: string[] = [];

function project(options: { acceptRealDefect?: boolean } = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'gradepack-validate-'));
  roots.push(root);
  cpSync(SOURCES, join(root, 'sources'), { recursive: true });
  const entries =
    options.acceptRealDefect === false
      ? []
      : [
          {
            action: 'accept',
            line: 206,
            code: 'cumulative-consistency/intro-names-other',
            reason:
              'The published page introduces Changing and improving at HEO/SEO with the Seeing the big picture sentence; the behaviour under it is right.',
          },
        ];
  writeFileSync(join(root, 'sources', `${SP2024}.errata.json`), JSON.stringify({ source: SP2024, entries }, null, 2));
  return root;
}

afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function edit(root: string, file: string, change: (lines: string[]) => void): void {
  const path = join(root, 'sources', file);
  const lines = readFileSync(path, 'utf8').split('\n');
  change(lines);
  writeFileSync(path, lines.join('\n'));
}

/** Inserts a line so that it becomes line `at` (1-based). */
const insertAt = (lines: string[], at: number, text: string) => lines.splice(at - 1, 0, text);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  findings: Diagnostic[];
}

/** `gradepack validate`, its findings read from --json (a narrowed run writes no report file). */
async function validate(root: string, ...args: string[]): Promise<Run> {
  return run(root, [...args, ...(args.includes('--json') ? [] : ['--json'])]);
}

/** `gradepack validate` as people read it: the text report on stdout. */
async function validateText(root: string, ...args: string[]): Promise<string> {
  return (await run(root, args)).stdout;
}

async function run(root: string, args: string[]): Promise<Run> {
  const { code, stdout, stderr } = await runCli(['validate', '--root', root, ...args]);
  const findings = args.includes('--json') && stdout.trim().startsWith('[') ? (JSON.parse(stdout) as Diagnostic[]) : [];
  return { code, stdout, stderr, findings };
}

const at = (findings: Diagnostic[], file: string, line: number) => findings.filter((d) => d.file === `sources/${file}` && d.line === line);

describe('validate on the real 2024 source', () => {
  it('finds the real error at line 206; accepted with a reason it exits 0; --strict fails on the warning at line 400', async () => {
    const raw = await validate(project({ acceptRealDefect: false }), '--framework', SP);
    expect(raw.code).toBe(1);
    expect(at(raw.findings, SP2024, 206)).toEqual([
      expect.objectContaining({
        severity: 'error',
        rule: 'cumulative-consistency',
        competency: 'changing-and-improving',
        level: '3',
        message: expect.stringContaining('intro names "Seeing the big picture"'),
      }),
    ]);

    const root = project();
    const accepted = await validate(root, '--framework', SP);
    expect(accepted.code).toBe(0);
    expect(at(accepted.findings, SP2024, 206)[0]!.accepted).toContain('the behaviour under it is right');
    expect(accepted.findings.filter((d) => !d.accepted).map((d) => [d.severity, d.line])).toEqual([['warning', 400]]);
    expect(await validateText(root, '--framework', SP)).toContain(`sources/${SP2024}:206: error (accepted: The published page`);
    expect(accepted.stderr).toMatch(/validated 1 framework in \d+ ms: 0 errors, 1 warning, 1 accepted/);

    const strict = await validate(root, '--framework', SP, '--strict');
    expect(strict.code).toBe(1);
  });
});

describe('planted defects', () => {
  it('an indicator duplicated at another level', async () => {
    const root = project();
    // Level 2's "understand how your work ..." (line 128) again under level 4 of Seeing the big picture.
    edit(root, SP2024, (lines) => insertAt(lines, 273, lines[127]!));
    const run = await validate(root, '--framework', SP);
    expect(run.code).toBe(1);
    expect(at(run.findings, SP2024, 273)).toEqual([
      expect.objectContaining({
        severity: 'error',
        rule: 'cumulative-consistency',
        competency: 'seeing-the-big-picture',
        level: '4',
        message: expect.stringContaining('repeats word for word the indicator at level 2, line 128'),
      }),
    ]);
    expect(await validateText(root, '--framework', SP)).toContain(`sources/${SP2024}:273: error cumulative-consistency/repeated repeats word for word`);
  });

  it('an indicator reworded slightly at another level', async () => {
    const root = project();
    // Level 2's "take responsibility for making effective and fair decisions, ..." (line 143), one word changed, under level 5.
    edit(root, SP2024, (lines) => insertAt(lines, 367, lines[142]!.replace('fair', 'impartial')));
    const run = await validate(root, '--framework', SP);
    expect(run.code).toBe(1);
    expect(at(run.findings, SP2024, 367)).toEqual([
      expect.objectContaining({
        severity: 'error',
        competency: 'making-effective-decisions',
        level: '5',
        message: expect.stringContaining('nearly repeats the indicator at level 2, line 143 (similarity 0.92; "fair" → "impartial")'),
      }),
    ]);
  });

  it('an intro sentence naming the wrong grade', async () => {
    const root = project();
    edit(root, SP2024, (lines) => {
      expect(lines[148]).toBe('Examples of leadership at EO grade or equivalent are when you:');
      lines[148] = 'Examples of leadership at HEO grade or equivalent are when you:';
    });
    const run = await validate(root, '--framework', SP);
    expect(run.code).toBe(1);
    expect(at(run.findings, SP2024, 149)).toEqual([
      expect.objectContaining({
        severity: 'error',
        competency: 'leadership',
        level: '2',
        message: expect.stringContaining('intro names HEO (level 3) but stands under "Leadership", level 2 (EO)'),
      }),
    ]);
  });

  it('every indicator of one level deleted', async () => {
    const root = project();
    edit(root, SP2024, (lines) => {
      expect(lines[296]).toMatch(/^Examples of leadership at Grade 6 and Grade 7/);
      lines.splice(297, 4); // lines 298-301, Leadership level 4's bullets
      expect(lines[297]).toBe('Communicating and influencing');
    });
    const run = await validate(root, '--framework', SP);
    expect(run.code).toBe(1);
    expect(at(run.findings, SP2024, 297)).toEqual([
      expect.objectContaining({
        severity: 'error',
        rule: 'level-completeness',
        competency: 'leadership',
        level: '4',
        message: expect.stringContaining('level 4 of "Leadership" is empty'),
      }),
    ]);
  });

  it('a word changed in the Power of connections capture, reported in both files', async () => {
    const capture = 'odp-scs-power-of-connections.txt';
    const baseline = await validate(project(), '--framework', 'odp-scs-capabilities');
    expect(baseline.findings.filter((d) => d.rule === 'cross-source-consistency')).toEqual([]);

    const root = project();
    edit(root, capture, (lines) => {
      expect(lines[20]).toMatch(/^- Adopts a strategic lens in identifying and building adequate collaborative relationships/);
      lines[20] = lines[20]!.replace('adequate', 'effective');
    });
    const run = await validate(root, '--framework', 'odp-scs-capabilities');
    expect(run.code).toBe(1);
    const differences = run.findings.filter((d) => d.rule === 'cross-source-consistency');
    expect(differences).toEqual([
      expect.objectContaining({
        severity: 'error',
        file: 'sources/odp-core-skills.txt',
        line: 224,
        level: 'working',
        message: expect.stringContaining(
          'Working SCS3 differs from the capture sources/odp-scs-power-of-connections.txt:21 (here "adequate" / there "effective")',
        ),
      }),
      expect.objectContaining({
        severity: 'error',
        file: `sources/${capture}`,
        line: 21,
        level: 'working',
        message: expect.stringContaining('differs from sources/odp-core-skills.txt:224'),
      }),
    ]);
  });
});

describe('planted defects in the other sources', () => {
  it('a word changed in the 2012 SMS 1 text, beyond the MMO substitutions: a warning at the MMO line', async () => {
    const cscf = 'cs-competency-framework-2012-sms1.txt';
    const frameworks = 'cscf-2012-sms1,mmo-2014';
    const baseline = await validate(project(), '--framework', frameworks);
    expect(at(baseline.findings, 'mmo-competency-framework-2014-15.md', 508)).toEqual([]);

    const root = project();
    edit(root, cscf, (lines) => {
      expect(lines[112]).toMatch(/^Lead from the front, communicating and motivating people towards stretching goals\t/);
      lines[112] = lines[112]!.replace('stretching', 'ambitious');
    });
    const run = await validate(root, '--framework', frameworks);
    expect(at(run.findings, 'mmo-competency-framework-2014-15.md', 508)).toEqual([
      expect.objectContaining({
        severity: 'warning',
        rule: 'cross-source-consistency',
        competency: 'leading-and-communicating',
        level: '5',
        message: expect.stringContaining(
          `differs from cscf-2012-sms1 (sources/${cscf}:113) beyond the expected substitutions: cscf-2012-sms1 "ambitious" / here "stretching"`,
        ),
      }),
    ]);
  });

  it("an empty bullet in the 2024 page: the adapter's extraction finding, at its line", async () => {
    const root = project();
    edit(root, SP2024, (lines) => insertAt(lines, 300, '- '));
    const run = await validate(root, '--framework', SP);
    expect(at(run.findings, SP2024, 300)).toEqual([expect.objectContaining({ severity: 'warning', rule: 'extraction-health', message: 'empty bullet' })]);
  });
});

describe('the validate command', () => {
  it('prints JSON with --json, the same as output/validation.json; a narrowed run leaves that full report as it was', async () => {
    const root = project();
    const run = await validate(root, '--json');
    const file = join(root, 'output', 'validation.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(run.findings);
    expect(new Set(run.findings.map((d) => d.file)).size).toBeGreaterThan(1);
    const full = readFileSync(file, 'utf8');
    edit(root, SP2024, (lines) => insertAt(lines, 273, lines[127]!));
    const narrowed = await validate(root, '--framework', SP);
    expect(at(narrowed.findings, SP2024, 273)).toHaveLength(1);
    expect(readFileSync(file, 'utf8')).toBe(full);
  });

  it('applies severities from gradepack.config.json: a planted error made a warning passes, and fails with --strict', async () => {
    const root = project();
    edit(root, SP2024, (lines) => insertAt(lines, 273, lines[127]!));
    writeFileSync(join(root, 'gradepack.config.json'), JSON.stringify({ rules: { 'cumulative-consistency': 'warning' } }));
    const run = await validate(root, '--framework', SP);
    expect(at(run.findings, SP2024, 273)[0]!.severity).toBe('warning');
    expect(run.code).toBe(0);
    expect((await validate(root, '--framework', SP, '--strict')).code).toBe(1);
  });

  it('exits 3 on bad input, naming the file, and writes nothing (2 for an unknown framework)', async () => {
    const root = project();
    writeFileSync(join(root, 'gradepack.config.json'), JSON.stringify({ rules: { 'cumulative-consistancy': 'warning' } }));
    const run = await validate(root, '--framework', SP);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/gradepack\.config\.json: error ConfigInvalid: .*"cumulative-consistancy" is neither a validation rule nor a finding code/);
    expect(existsSync(join(root, 'output', 'validation.json'))).toBe(false);

    // A framework the command line names but the registry lacks is a usage error.
    const unknown = await validate(project(), '--framework', 'no-such-framework');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('UnknownFramework');
  });

  it('sets the process exit code when run as a program', async () => {
    const root = project();
    edit(root, SP2024, (lines) => insertAt(lines, 273, lines[127]!));
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts'), 'validate', '--root', root, '--framework', SP], {
      cwd: ROOT,
    });
    const failure = await run.then(
      () => null,
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stdout).toContain(`sources/${SP2024}:273: error cumulative-consistency/repeated repeats word for word`);
    expect(failure?.stderr).toMatch(/1 error, 1 warning, 1 accepted/);
  });
});
