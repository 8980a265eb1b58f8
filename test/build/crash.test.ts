import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/ingest';
import { runCli, tempProject } from '../helpers/project';
import { treeBytes } from '../helpers/tree';

/** The smallest framework: one grade, seven outputs, three of them printed by Chromium. */
const FRAMEWORK = 'cscf-2012-sms1';
const SOURCE = 'cs-competency-framework-2012-sms1.txt';

const reword = (root: string) => {
  const file = join(root, 'sources', SOURCE);
  writeFileSync(file, readFileSync(file, 'utf8').replace('Anticipate and predict the long term impact', 'Anticipate and foresee the long term impact'));
};

/** A build in a process of its own that kills itself (SIGKILL) at `crashAt`; resolves with its PID. */
function crashedBuild(root: string, crashAt: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts'), 'build', '--root', root, '--quiet'], {
      cwd: ROOT,
      env: { ...process.env, CI: '1', GRADEPACK_CRASH_AT: crashAt },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(child.pid!) : reject(new Error(`the build was not stopped at ${crashAt}: ${stderr}`))));
  });
}

/** Chromium processes started for the build with this PID (their profile folder is named for it). */
async function browsersOf(pid: number): Promise<string[]> {
  // The browser notices its pipe closed within moments of the build's death.
  for (let i = 0; i < 40; i++) {
    const found = spawnSync('pgrep', ['-f', `gradepack-chromium-${pid}-`], { encoding: 'utf8' }).stdout.trim();
    if (!found) return [];
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return spawnSync('pgrep', ['-af', `gradepack-chromium-${pid}-`], { encoding: 'utf8' })
    .stdout.trim()
    .split('\n');
}

const outputTree = (root: string) => treeBytes(join(root, 'output'));

describe('a build killed at any point of its commit', () => {
  // The last build, then a change to the source: what each stopped build and the clean one start from.
  const old = tempProject([FRAMEWORK]);
  let cleanTree: Record<string, string> | null = null;

  const copyOfOld = () => {
    const root = mkdtempSync(join(tmpdir(), 'gradepack-crash-'));
    cpSync(old, root, { recursive: true });
    reword(root);
    return root;
  };

  async function prepared(): Promise<{ root: string; oldTree: Record<string, string> }> {
    if (!cleanTree) {
      expect((await runCli(['build', '--root', old, '--quiet'])).code).toBe(0);
      const clean = copyOfOld();
      expect((await runCli(['build', '--root', clean, '--quiet'])).code).toBe(0);
      cleanTree = outputTree(clean);
    }
    return { root: copyOfOld(), oldTree: outputTree(old) };
  }

  for (const crashAt of ['staged', 'journal', 'switch:2', 'switched']) {
    it(`stopped at ${crashAt}: the tree is the old one or the new one, check says so, and the next build ends like a clean one with no browser left`, async () => {
      const { root, oldTree } = await prepared();
      const pid = await crashedBuild(root, crashAt);
      expect(await browsersOf(pid)).toEqual([]);
      const after = outputTree(root);
      const visible = Object.fromEntries(Object.entries(after).filter(([path]) => !path.startsWith('.gradepack-commit')));
      if (crashAt === 'staged') expect(visible).toEqual(oldTree);
      if (crashAt === 'switched') expect(visible).toEqual(cleanTree);
      expect((await runCli(['check', '--root', root])).code).toBe(1);
      const rebuilt = await runCli(['build', '--root', root, '--quiet']);
      expect(rebuilt.code, rebuilt.stderr).toBe(0);
      expect(outputTree(root)).toEqual(cleanTree);
      expect(existsSync(join(root, 'output', '.gradepack-commit'))).toBe(false);
      expect(readdirSync(tmpdir()).filter((name) => name.startsWith(`gradepack-chromium-${pid}-`))).toEqual([]);
      expect((await runCli(['check', '--root', root])).code).toBe(0);
    });
  }
});
