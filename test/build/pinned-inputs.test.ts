import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PINNED_PACKAGE } from '../../src/render/browser/pinned-chromium';
import { ROOT } from '../helpers/ingest';
import { runCli, tempProject } from '../helpers/project';
import { treeBytes } from '../helpers/tree';

/** The smallest framework: one grade, seven outputs (three of them PDFs). */
const FRAMEWORK = 'cscf-2012-sms1';
const PDFS = [`packs/scs1/${FRAMEWORK}.pdf`, `reference/${FRAMEWORK}.pdf`, `forms/scs1/${FRAMEWORK}.pdf`];
const HTML = [`packs/scs1/${FRAMEWORK}.html`, `reference/${FRAMEWORK}.html`];

/** A build in a process of its own, with its own temporary folder. */
function buildInProcess(root: string, tmp: string): void {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts'), 'build', '--root', root, '--quiet'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TMPDIR: tmp, CI: '1' },
    timeout: 300_000,
  });
  expect(run.status, run.stderr).toBe(0);
}

const saved = process.env.PUPPETEER_EXECUTABLE_PATH;
afterEach(() => {
  if (saved === undefined) delete process.env.PUPPETEER_EXECUTABLE_PATH;
  else process.env.PUPPETEER_EXECUTABLE_PATH = saved;
});

describe('the same outputs everywhere', () => {
  it('two clones in different folders, built with different TMPDIRs, give byte-identical output trees', () => {
    const a = tempProject([FRAMEWORK]);
    const b = tempProject([FRAMEWORK]);
    buildInProcess(a, mkdtempSync(join(tmpdir(), 'gradepack-tmp-a-')));
    buildInProcess(b, mkdtempSync(join(tmpdir(), 'gradepack-tmp-b-')));
    const treeA = treeBytes(join(a, 'output'));
    expect(Object.keys(treeA)).toEqual(expect.arrayContaining([...PDFS, ...HTML]));
    expect(treeBytes(join(b, 'output'))).toEqual(treeA);
  });

  it('records the browser and fonts of every PDF and HTML output in the manifest', async () => {
    const root = tempProject([FRAMEWORK]);
    expect((await runCli(['build', '--root', root, '--quiet'])).code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(root, 'output', 'manifest.json'), 'utf8'));
    for (const path of PDFS) expect(manifest.outputs[path].parts.browser, path).toMatch(new RegExp(`^${PINNED_PACKAGE} \\d+\\.\\d+\\.\\d+$`));
    for (const path of [...PDFS, ...HTML]) expect(manifest.outputs[path].parts.fonts, path).toMatch(/@fontsource\/atkinson-hyperlegible \d/);
    expect(manifest.outputs[`templates/scs1/${FRAMEWORK}.docx`].parts.browser).toBeUndefined();
    expect(manifest.outputs[`packs/scs1/${FRAMEWORK}.html`].parts.browser).toBeUndefined();

    // Another browser: every PDF is stale, and check says which browser it was and is.
    const fake = join(mkdtempSync(join(tmpdir(), 'gradepack-fake-browser-')), 'chromium');
    writeFileSync(fake, '#!/bin/sh\necho "Chromium 999.0.0.0 built elsewhere"\n');
    chmodSync(fake, 0o755);
    process.env.PUPPETEER_EXECUTABLE_PATH = fake;
    const check = await runCli(['check', '--root', root]);
    expect(check.code).toBe(1);
    const stale = check.stdout.split('\n').filter((l) => l.startsWith('stale output:'));
    expect(stale).toHaveLength(PDFS.length);
    for (const path of PDFS) {
      expect(check.stdout).toContain(
        `stale output: output/${path} (browser changed (${manifest.outputs[path].parts.browser} -> Chromium 999.0.0.0 built elsewhere (PUPPETEER_EXECUTABLE_PATH)))`,
      );
    }
    delete process.env.PUPPETEER_EXECUTABLE_PATH;
    expect((await runCli(['check', '--root', root])).code).toBe(0);

    // Other fonts: every PDF and HTML output is stale, and the Word files are not.
    for (const entry of Object.values(manifest.outputs) as { inputs: string; parts: Record<string, string> }[]) {
      if (!entry.parts.fonts) continue;
      entry.parts.fonts = '@fontsource/atkinson-hyperlegible 5.2.0';
      entry.inputs = 'the hash of inputs with other fonts';
    }
    writeFileSync(join(root, 'output', 'manifest.json'), JSON.stringify(manifest));
    const fonts = await runCli(['check', '--root', root]);
    const staleFonts = fonts.stdout.split('\n').filter((l) => l.startsWith('stale output:'));
    expect(staleFonts.map((l) => /output\/(\S+)/.exec(l)![1]).sort()).toEqual([...PDFS, ...HTML].sort());
    expect(fonts.stdout).toContain('fonts changed (@fontsource/atkinson-hyperlegible 5.2.0 -> @fontsource/atkinson-hyperlegible');
  });
});
