import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/ingest';

describe('gradepack --version from the bundle', () => {
  it('prints the version of package.json, as the sources do', async () => {
    // Bundled as scripts/bootstrap.mjs bundles dist/gradepack.mjs, into a folder of the repository
    // (so that its packages resolve as from dist/).
    const { build } = await import('esbuild');
    mkdirSync(join(ROOT, '.cache'), { recursive: true });
    const out = mkdtempSync(join(ROOT, '.cache', 'bundle-'));
    await build({
      entryPoints: { gradepack: join(ROOT, 'src', 'cli', 'main.ts') },
      outdir: out,
      outExtension: { '.js': '.mjs' },
      splitting: true,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'error',
    });
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    try {
      for (const args of [['--version'], ['list', '--version']]) {
        const run = spawnSync(process.execPath, [join(out, 'gradepack.mjs'), ...args], { encoding: 'utf8', cwd: out });
        expect(run.stderr).toBe('');
        expect(run.stdout).toBe(`gradepack ${version}\n`);
        expect(run.status).toBe(0);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
