import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/ingest';
import { runCli, tempProject } from '../helpers/project';

const VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;

/** The first line of what a failed run printed, and the hint under it. */
function errorOf(run: { stderr: string }): { line: string; hint: string } {
  const [line = '', hint = ''] = run.stderr.trim().split('\n');
  return { line, hint };
}

describe('the command line', () => {
  let root: string;
  beforeAll(() => {
    // odp-core-skills.txt's errata cover both ODP frameworks: a project has both or neither.
    root = tempProject(['cscf-2012-sms1', 'odp-core-skills', 'odp-scs-capabilities']);
  });

  it('--version prints the version of package.json, alone or with a command', async () => {
    for (const args of [['--version'], ['check', '--version'], ['--root', root, '--version']]) {
      const run = await runCli(args);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`gradepack ${VERSION}\n`);
    }
  });

  it('help <command> is the command’s help; help alone the list of commands; an unknown one is a usage error', async () => {
    const help = await runCli(['help', 'diff']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: gradepack diff <a\.json> <b\.json> /);
    expect(help.stdout).toContain('--restyled');
    expect((await runCli(['diff', '--help'])).stdout).toBe(help.stdout);
    const all = await runCli(['help']);
    expect(all.code).toBe(0);
    for (const name of ['list', 'ingest', 'validate', 'build', 'campaign', 'check', 'diff', 'help'])
      expect(all.stdout).toMatch(new RegExp(`^ {2}${name} `, 'm'));
    expect(all.stdout).toContain('--version');
    const unknown = await runCli(['help', 'biuld']);
    expect(unknown.code).toBe(2);
    expect(errorOf(unknown).line).toBe('error UsageError: unknown command "biuld"; did you mean build?');
  });

  it('a misspelt option or command gets "did you mean", exit 2', async () => {
    const cases: [string[], string][] = [
      [['build', '--grades', 'eo'], 'error UsageError: unknown option --grades for build; did you mean --grade?'],
      [['validate', '--framwork', 'mmo-2014'], 'error UsageError: unknown option --framwork for validate; did you mean --framework?'],
      [['diff', 'a.json', 'b.json', '--restyle'], 'error UsageError: unknown option --restyle for diff; did you mean --restyled?'],
      [['chek'], 'error UsageError: unknown command "chek"; did you mean check?'],
      [['--grade', 'eo', 'build'], 'error UsageError: unknown option --grade before the command; did you mean --grade?'],
      [['build', '--colour'], 'error UsageError: unknown option --colour for build.'],
    ];
    for (const [args, line] of cases) {
      const run = await runCli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(errorOf(run).line).toBe(line);
    }
  });

  it('global options go before or after the command', async () => {
    const after = await runCli(['check', '--model-only', '--root', root, '--quiet']);
    const before = await runCli(['--root', root, '-q', 'check', '--model-only']);
    const equals = await runCli([`--root=${root}`, 'check', '--model-only']);
    expect(after.code).toBe(1);
    expect(after.stdout).toContain('stale model: output/model/cscf-2012-sms1.json');
    expect(before).toEqual(after);
    expect(equals).toEqual(after);
  });

  it('grades, levels, formats and framework ids are read in any case; a grade by its name too', async () => {
    const run = await runCli(['build', '--root', root, '--quiet', '--framework', 'CSCF-2012-SMS1', '--grade', 'SCS1', '--format', 'Template-Docx']);
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(join(root, 'output', 'templates', 'scs1', 'cscf-2012-sms1.docx'))).toBe(true);
    const named = await runCli(['build', '--root', root, '--quiet', '--grade', 'Deputy Director,WORKING', '--format', 'template-docx']);
    expect(named.code, named.stderr).toBe(0);
    expect(named.stdout).toMatch(/built: 2 rendered, 1 unchanged/);
    expect(existsSync(join(root, 'output', 'templates', 'working', 'odp-core-skills.docx'))).toBe(true);
    expect(existsSync(join(root, 'output', 'templates', 'scs1', 'odp-scs-capabilities.docx'))).toBe(true);
  });

  it('an unknown grade or framework exits 2 and lists the valid ones', async () => {
    const grade = await runCli(['build', '--root', root, '--quiet', '--grade', 'e0']);
    expect(grade.code).toBe(2);
    expect(errorOf(grade).line).toMatch(/^error UnknownGrade: .*"e0"/);
    expect(errorOf(grade).hint).toBe('  hint: Known: scs1, awareness, working, practitioner, expert, scs2, scs3.');
    const framework = await runCli(['validate', '--root', root, '--framework', 'odp-core-skill']);
    expect(framework.code).toBe(2);
    expect(errorOf(framework).line).toMatch(/^error UnknownFramework: .*"odp-core-skill" is not in sources\/registry\.json; did you mean "odp-core-skills"\?$/);
    expect(errorOf(framework).hint).toBe('  hint: Known frameworks: cscf-2012-sms1, odp-core-skills, odp-scs-capabilities.');
  });

  it('ingest --framework takes a list like the other commands', async () => {
    const project = tempProject(['cscf-2012-sms1', 'odp-core-skills', 'odp-scs-capabilities']);
    const run = await runCli(['ingest', '--root', project, '--quiet', '--framework', 'cscf-2012-sms1, ODP-core-skills']);
    expect(run.code, run.stderr).toBe(0);
    const model = (id: string) => existsSync(join(project, 'output', 'model', `${id}.json`));
    expect([model('cscf-2012-sms1'), model('odp-core-skills'), model('odp-scs-capabilities')]).toEqual([true, true, false]);
  });
});

describe('outside a project', () => {
  const nowhere = mkdtempSync(join(tmpdir(), 'gradepack-nowhere-'));
  const campaign = join(ROOT, 'examples', 'campaigns', 'policy-spring-2027.yaml');
  const NO_PROJECT = `error ProjectMissing: No gradepack project here (no sources/registry.json). Looked in ${nowhere}.`;

  for (const args of [['list'], ['ingest'], ['validate'], ['build'], ['check'], ['check', '--model-only'], ['campaign', campaign]]) {
    it(`${args[0]} says there is no gradepack project here, exit 3`, async () => {
      const run = await runCli([...args, '--root', nowhere]);
      expect(run.code).toBe(3);
      expect(errorOf(run)).toEqual({
        line: NO_PROJECT,
        hint: '  hint: Run gradepack in a project folder (one with sources/registry.json), or name one with --root <folder>.',
      });
      expect(existsSync(join(nowhere, 'output'))).toBe(false);
    });
  }

  it('diff and validate of model files need no project', async () => {
    const model = join(ROOT, 'output', 'model', 'cscf-2012-sms1.json');
    const copy = join(nowhere, 'copy.json');
    writeFileSync(copy, readFileSync(model));
    const diff = await runCli(['diff', model, copy, '--root', nowhere]);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('No indicator was added, removed or reworded.');
    const validate = await runCli(['validate', copy, '--root', nowhere, '--quiet']);
    expect(validate.code).toBe(0);
    expect(validate.stdout).toMatch(/^Summary: /);
  });
});
