import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/ingest';
import { tempProject } from '../helpers/project';

/** The libraries that only rendering needs. */
const RENDERING = ['puppeteer-core', 'pdf-lib', '@pdf-lib/fontkit', 'docx', 'handlebars', 'pdfjs-dist'];

/** The packages a CLI command loads, from a run in a process of its own. */
function packagesLoaded(args: string[]): Set<string> {
  const log = join(mkdtempSync(join(tmpdir(), 'gradepack-imports-')), 'imports.txt');
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--import', join(ROOT, 'test', 'helpers', 'record-imports.mjs'), join(ROOT, 'src', 'cli', 'main.ts'), ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, GRADEPACK_RECORD_IMPORTS: log, CI: '1' },
      timeout: 300_000,
    },
  );
  expect(run.status, run.stderr).not.toBe(3);
  const urls = readFileSync(log, 'utf8').split('\n');
  return new Set(urls.map((u) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1]).filter((p): p is string => p !== undefined));
}

describe('each command loads only what it uses', () => {
  const project = tempProject(['cscf-2012-sms1']);

  it('a build that renders loads the renderers (the probe sees them)', () => {
    const loaded = packagesLoaded(['build', '--root', project, '--quiet', '--format', 'docx']);
    expect(loaded).toContain('docx');
  });

  for (const args of [
    ['--help'],
    ['list', '--root', project],
    ['validate', '--root', project],
    ['check', '--root', project],
    ['build', '--root', project, '--quiet', '--format', 'docx'],
  ]) {
    it(`${args.filter((a) => a !== project).join(' ')}${args[0] === 'build' ? ' (nothing to render)' : ''} loads no rendering library`, () => {
      const loaded = packagesLoaded(args);
      expect(RENDERING.filter((p) => loaded.has(p))).toEqual([]);
    });
  }
});
