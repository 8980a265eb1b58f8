import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeFingerprint } from '../../src/pipeline/code-fingerprint';
import { ROOT } from '../helpers/ingest';
import { tempProject } from '../helpers/project';

/** gradepack installed somewhere of its own: its sources and the packages it runs with. */
function installedCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gradepack-installed-'));
  cpSync(join(ROOT, 'src'), join(dir, 'src'), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

function build(tool: string, project: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(tool, 'src', 'cli', 'main.ts'), 'build', '--root', project, '--quiet', '--format', 'html,docx'],
    {
      cwd: tool,
      encoding: 'utf8',
      env: { ...process.env, CI: '1' },
      timeout: 300_000,
    },
  );
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const rendered = (stdout: string) => Number(/built: (\d+) rendered/.exec(stdout)?.[1]);

describe('fingerprints of the running code', () => {
  it('a project outside the repository is re-rendered when gradepack’s renderer changes, and only then', () => {
    const tool = installedCopy();
    const project = tempProject(['cscf-2012-sms1']);
    const first = build(tool, project);
    expect(first.status, first.stderr).toBe(0);
    expect(rendered(first.stdout)).toBe(4);
    expect(rendered(build(tool, project).stdout)).toBe(0);

    // Code in the project's own folder is not gradepack's: it changes nothing.
    mkdirSync(join(project, 'src', 'render'), { recursive: true });
    writeFileSync(join(project, 'src', 'render', 'html.ts'), 'export const changed = true;\n');
    expect(rendered(build(tool, project).stdout)).toBe(0);

    // A new version of the renderer re-renders its outputs.
    appendFileSync(join(tool, 'src', 'render', 'html', 'render.ts'), '\n// a later version\n');
    const after = build(tool, project);
    expect(after.status, after.stderr).toBe(0);
    expect(rendered(after.stdout)).toBe(4);
  });

  it('is the bundle’s files when running from a bundle, and the sources’ when running from them', async () => {
    const bundle = mkdtempSync(join(tmpdir(), 'gradepack-bundle-'));
    writeFileSync(join(bundle, 'gradepack.mjs'), 'console.log(1);\n');
    const fromBundle = await codeFingerprint('render', join(bundle, 'gradepack.mjs'));
    expect(fromBundle).toMatch(/^bundle:/);
    const other = mkdtempSync(join(tmpdir(), 'gradepack-bundle-'));
    writeFileSync(join(other, 'gradepack.mjs'), 'console.log(2);\n');
    expect(await codeFingerprint('render', join(other, 'gradepack.mjs'))).not.toBe(fromBundle);
    expect(await codeFingerprint('ingest', join(ROOT, 'src', 'pipeline', 'code-fingerprint.ts'))).toMatch(/^sources:/);
    expect(await codeFingerprint('ingest', join(ROOT, 'src', 'pipeline', 'code-fingerprint.ts'))).not.toBe(
      await codeFingerprint('render', join(ROOT, 'src', 'pipeline', 'code-fingerprint.ts')),
    );
  });
});
