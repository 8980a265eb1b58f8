import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers/project';

// odp-core-skills.txt's errata cover both ODP frameworks: a project has both or neither.
const FRAMEWORKS = ['cscf-2012-sms1', 'odp-core-skills', 'odp-scs-capabilities'];

describe('gradepack list', () => {
  let root: string;
  let stdout: string;
  beforeAll(async () => {
    root = tempProject(FRAMEWORKS);
    const run = await runCli(['list', '--root', root]);
    expect(run.code, run.stderr).toBe(0);
    stdout = run.stdout;
  });

  it('prints each framework with its levels and grades, and the outputs it gets', () => {
    expect(stdout).toContain(
      [
        'cscf-2012-sms1: Civil Service Competency Framework by Grade: SMS 1 (July 2012)',
        '  levels and their grades: level 5: scs1',
        '  --grade takes: scs1',
        '  for each grade (1): packs/<grade>/cscf-2012-sms1.html, .pdf; templates/<grade>/cscf-2012-sms1.docx; forms/<grade>/cscf-2012-sms1.pdf, .docx',
        '  once: reference/cscf-2012-sms1.html, .pdf; exports/cscf-2012-sms1.case.json, .csv, .xlsx',
        '  10 outputs',
      ].join('\n'),
    );
  });

  it('names proficiency levels where a framework has no grades, and says when a grade’s outputs cover every level', () => {
    expect(stdout).toContain(
      'odp-core-skills: Operational Delivery Profession: Core ODP Skills (Web pages as captured)\n' +
        '  proficiency levels (no grades): awareness, working, practitioner, expert\n' +
        '  --grade takes: awareness, working, practitioner, expert\n' +
        '  for each level (4): packs/<level>/odp-core-skills.html, .pdf;',
    );
    expect(stdout).toContain('  levels and their grades: awareness: none; working: scs1, scs2, scs3; practitioner: scs1, scs2, scs3; expert: scs1, scs2, scs3');
    expect(stdout).toContain("  --grade takes: scs1, scs2, scs3 (each grade's outputs cover every level)");
  });

  it('counts the outputs a build makes: the same number check finds to make in a project never built', async () => {
    const total = Number(/^3 frameworks, (\d+) outputs\./m.exec(stdout)?.[1]);
    const perFramework = [...stdout.matchAll(/^ {2}(\d+) outputs$/gm)].map((m) => Number(m[1]));
    expect(perFramework).toEqual([10, 25, 20]);
    expect(total).toBe(55);
    const check = await runCli(['check', '--root', root]);
    expect(check.stdout).toContain(`stale output: nothing is built yet (output/manifest.json lists no outputs): ${total} outputs to make`);
  });
});

describe('gradepack check names what is stale and the next step for each', () => {
  let root: string;
  beforeAll(() => {
    root = tempProject(FRAMEWORKS);
  });
  const check = (...args: string[]) => runCli(['check', '--root', root, ...args]);
  const MODEL_STEP =
    'Next: run `gradepack ingest` to rewrite the model from the sources (or `gradepack build`, which also lists what changed in output/CHANGES.md), review the change, then commit output/model/.';

  it('never ingested or built: the model files, then the outputs, each with its step', async () => {
    const run = await check();
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toEqual([
      'stale model: output/model/schema.json differs from a fresh ingest of the sources',
      'stale model: output/model/cscf-2012-sms1.json differs from a fresh ingest of the sources',
      'stale model: output/model/odp-core-skills.json differs from a fresh ingest of the sources',
      'stale model: output/model/odp-scs-capabilities.json differs from a fresh ingest of the sources',
      'stale output: nothing is built yet (output/manifest.json lists no outputs): 55 outputs to make',
      `model: 4 files stale (schema.json, cscf-2012-sms1.json, odp-core-skills.json, odp-scs-capabilities.json). ${MODEL_STEP}`,
      'outputs: 55 stale. Next: run `gradepack build` (outputs are build artefacts: nothing to commit); the same build rewrites the model.',
    ]);
  });

  it('after ingest: the model is up to date, the outputs are not', async () => {
    expect((await runCli(['ingest', '--root', root, '--quiet'])).code).toBe(0);
    const modelOnly = await check('--model-only');
    expect(modelOnly.code).toBe(0);
    expect(modelOnly.stdout).toBe('model: up to date (output/model/ matches the sources).\noutputs: not checked (--model-only).\n');
    const all = await check();
    expect(all.code).toBe(1);
    expect(all.stdout.trimEnd().split('\n').slice(-2)).toEqual([
      'model: up to date (output/model/ matches the sources).',
      'outputs: 55 stale. Next: run `gradepack build` (outputs are build artefacts: nothing to commit).',
    ]);
  });

  it('a source changed after ingest: the model file it feeds is named, with the step for the model', async () => {
    const source = join(root, 'sources', 'cs-competency-framework-2012-sms1.txt');
    writeFileSync(source, readFileSync(source, 'utf8').replace('Anticipate and predict the long term impact', 'Anticipate and foresee the long term impact'));
    const run = await check('--model-only');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      'stale model: output/model/cscf-2012-sms1.json differs from a fresh ingest of the sources\n' +
        `model: 1 file stale (cscf-2012-sms1.json). ${MODEL_STEP}\n` +
        'outputs: not checked (--model-only).\n',
    );
  });

  it('many outputs stale for one reason: one line for the reason, with the count and the first few', async () => {
    const project = tempProject(['odp-core-skills', 'odp-scs-capabilities']);
    expect((await runCli(['build', '--root', project, '--quiet', '--format', 'html'])).code).toBe(0);
    const css = join(project, 'templates', 'css', 'gradepack.css');
    writeFileSync(css, `${readFileSync(css, 'utf8')}\n.gp-check-test { color: black; }\n`);
    const run = await runCli(['check', '--root', project]);
    expect(run.code).toBe(1);
    const stale = run.stdout.split('\n').filter((l) => l.startsWith('stale output:'));
    // The HTML pages (built, then their stylesheet changed), and the rest (never built): two lines.
    expect(stale).toHaveLength(2);
    const edited = stale.find((l) => l.endsWith('templates or configuration changed'))!;
    expect(edited).toMatch(
      /^stale output: \d+ outputs \(output\/\S+\.html, output\/\S+\.html, output\/\S+\.html, \.\.\.\): templates or configuration changed$/,
    );
    expect(Number(/(\d+) outputs/.exec(edited)![1])).toBeGreaterThan(3);
    expect(stale.find((l) => l !== edited)).toMatch(/^stale output: \d+ outputs \(.*\): never built$/);
  });
});
