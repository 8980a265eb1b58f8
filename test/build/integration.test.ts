import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/ingest';
import { runCli, tempProject } from '../helpers/project';
import { treeBytes } from '../helpers/tree';

/** Real builds of the smallest framework (one grade, ten outputs) through the CLI. */
const FRAMEWORK = 'cscf-2012-sms1';

const outputTree = (root: string) => treeBytes(join(root, 'output'));

async function build(root: string, ...args: string[]) {
  return runCli(['build', '--root', root, '--quiet', ...args]);
}

describe('gradepack build (real renderers)', () => {
  it('two clean builds give byte-identical trees; a no-op rebuild renders nothing; check agrees', async () => {
    const a = tempProject([FRAMEWORK]);
    const b = tempProject([FRAMEWORK]);
    const first = await build(a);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/built: 10 rendered, 0 unchanged/);
    expect((await build(b)).code).toBe(0);
    expect(outputTree(b)).toEqual(outputTree(a));
    expect(Object.keys(outputTree(a)).sort()).toEqual(
      expect.arrayContaining([
        `packs/scs1/${FRAMEWORK}.pdf`,
        `packs/scs1/${FRAMEWORK}.html`,
        `reference/${FRAMEWORK}.pdf`,
        `reference/${FRAMEWORK}.html`,
        `templates/scs1/${FRAMEWORK}.docx`,
        `forms/scs1/${FRAMEWORK}.pdf`,
        `forms/scs1/${FRAMEWORK}.docx`,
        `exports/${FRAMEWORK}.case.json`,
        `exports/${FRAMEWORK}.csv`,
        `exports/${FRAMEWORK}.xlsx`,
        'manifest.json',
        'CHANGES.md',
        'validation.json',
      ]),
    );
    const again = await build(a);
    expect(again.stdout).toMatch(/built: 0 rendered, 10 unchanged/);
    const upToDate = await runCli(['check', '--root', a]);
    expect(upToDate.code).toBe(0);
    expect(upToDate.stdout).toBe('model: up to date (output/model/ matches the sources).\noutputs: up to date.\n');

    const source = join(a, 'sources', 'cs-competency-framework-2012-sms1.txt');
    writeFileSync(source, readFileSync(source, 'utf8').replace('Anticipate and predict the long term impact', 'Anticipate and foresee the long term impact'));
    const check = await runCli(['check', '--root', a]);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(`stale model: output/model/${FRAMEWORK}.json`);
    expect(check.stdout).toContain(`stale output: output/packs/scs1/${FRAMEWORK}.pdf`);
    const rebuilt = await build(a);
    expect(rebuilt.stdout).toMatch(/built: 10 rendered/);
    const changes = readFileSync(join(a, 'output', 'CHANGES.md'), 'utf8');
    expect(changes).toMatch(/### Reworded \(1\)\n\n- Seeing the Big Picture, level 5, effective: “Anticipate and predict the long term impact/);
    expect(changes).toContain('→ “Anticipate and foresee the long term impact');
  });

  it('a template with a syntax error fails naming the file, and every earlier output stays byte-identical', async () => {
    const root = tempProject([FRAMEWORK]);
    expect((await build(root)).code).toBe(0);
    const before = outputTree(root);
    writeFileSync(join(root, 'templates', 'partials', 'cover.hbs'), '<h1>{{#if framework.title}}unclosed\n');
    const failed = await build(root);
    expect(failed.code).toBe(3);
    expect(failed.stderr).toMatch(/templates\/partials\/cover\.hbs(:\d+)?: error TemplateSyntax/);
    expect(outputTree(root)).toEqual(before);
  });

  it('a truncated PDF source fails naming the file, and every earlier output stays byte-identical', async () => {
    const root = tempProject(['success-profiles-2018']);
    expect((await build(root, '--format', 'html')).code).toBe(0);
    const before = outputTree(root);
    const pdf = join(root, 'sources', 'success-profiles-behaviours-2018.pdf');
    const bytes = readFileSync(pdf);
    writeFileSync(pdf, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const failed = await build(root, '--format', 'html');
    expect(failed.code).toBe(3);
    expect(failed.stderr).toMatch(/^sources\/success-profiles-behaviours-2018\.pdf(:p\.\d+)?: error SourceCorrupt/);
    expect(outputTree(root)).toEqual(before);
  });

  it('a build killed in the middle, then run again, gives the same tree as a clean build', async () => {
    const clean = tempProject([FRAMEWORK]);
    expect((await build(clean)).code).toBe(0);
    const killed = tempProject([FRAMEWORK]);
    await new Promise<void>((resolve, reject) => {
      // One process (node with tsx's loader), so that SIGKILL kills the build itself.
      const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts'), 'build', '--root', killed], {
        cwd: ROOT,
        env: { ...process.env, CI: '1' },
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        // Kill once rendering has started, before the commit.
        if (/outputs to render/.test(stderr)) child.kill('SIGKILL');
      });
      child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`build was not killed: ${stderr}`))));
    });
    const rerun = await build(killed);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(outputTree(killed)).toEqual(outputTree(clean));
  });
});
