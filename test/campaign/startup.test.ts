import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSmallCampaign } from '../helpers/campaign';
import { ROOT } from '../helpers/ingest';
import { tempProject } from '../helpers/project';

/** The packages a CLI command loads, from a run in a process of its own (as test/cli/startup.test.ts does). */
function packagesLoaded(args: string[]): { packages: Set<string>; status: number | null } {
  const log = join(mkdtempSync(join(tmpdir(), 'gradepack-imports-')), 'imports.txt');
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--import', join(ROOT, 'test', 'helpers', 'record-imports.mjs'), join(ROOT, 'src', 'cli', 'main.ts'), ...args],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, GRADEPACK_RECORD_IMPORTS: log, CI: '1' }, timeout: 300_000 },
  );
  const urls = readFileSync(log, 'utf8').split('\n');
  return {
    packages: new Set(urls.map((u) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1]).filter((p): p is string => p !== undefined)),
    status: run.status,
  };
}

describe('campaigns load the renderers only to render', () => {
  it('check of a project with a campaign reads the campaign but loads no rendering library', () => {
    const project = tempProject(['success-profiles-2024']);
    writeSmallCampaign(project);
    const { packages, status } = packagesLoaded(['check', '--root', project]);
    expect(status).toBe(1); // the campaign was never built: stale
    expect(packages).toContain('yaml');
    expect(['puppeteer-core', 'pdf-lib', '@pdf-lib/fontkit', 'docx', 'handlebars', 'pdfjs-dist', 'exceljs'].filter((p) => packages.has(p))).toEqual([]);
  });
});
