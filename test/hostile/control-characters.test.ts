import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtProject, copyOf, editErrata, editSource, expectRefused, FRAMEWORK, INDICATOR, INDICATOR_LINE, read, SOURCE } from '../helpers/hostile';
import { runCli } from '../helpers/project';

/**
 * Issue 14, item 8: errors and validation.txt quoted source text byte for byte, so an ESC sequence
 * in a source or errata file could rewrite the user's terminal, and NUL and ESC bytes from a
 * description landed raw in the HTML. Text printed to a terminal or a text report now shows them
 * escaped (`\u001b`); HTML drops them.
 */

/** ESC sequences that set the window title, clear the screen and turn text red; BEL; NUL. */
const HOSTILE = '\u001b]0;pwned\u0007\u001b[2J\u001b[31mpredict\u0000';
const REASON = 'Checked \u001b[2J\u001b]0;owned\u0007 by\u0000 hand';
/** Control characters a terminal or an HTML page must never receive (tab, line feed and carriage return aside). */
const RAW = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const DOCX = ['build', '--format', 'docx'];

function withHostileSource(root: string): void {
  editSource(root, (text) => text.replace(INDICATOR, `Anticipate and ${HOSTILE} the long term impact`));
}

/** The hostile source, its finding (garbled text) accepted with a hostile reason, and a hostile reason on another accept. */
function hostileButAccepted(root: string): void {
  withHostileSource(root);
  editErrata(root, (entries) => {
    for (const e of entries) if (e.action === 'accept') e.reason = REASON;
    entries.push({ action: 'accept', line: INDICATOR_LINE, code: 'extraction-health/garbled', reason: REASON });
  });
}

function files(dir: string, ext: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(ext))
    .map((f) => join(dir, f));
}

describe('issue 14, item 8: control characters from sources and errata never reach a terminal or a page raw', () => {
  let built: string;
  beforeAll(async () => {
    built = await builtProject();
  });

  it('item 8: an error quoting a source line with ESC and NUL shows them escaped', async () => {
    const root = copyOf(built);
    withHostileSource(root);
    const run = await expectRefused(root, DOCX, 'ValidationFailed', `sources/${SOURCE}:${INDICATOR_LINE}: `, /garbled/);
    expect(run.stderr).not.toMatch(RAW);
    expect(run.stderr).toContain('\\u001b]0;pwned\\u0007\\u001b[2J\\u001b[31mpredict\\u0000');
  });

  it('item 8: an error quoting an errata reason with ESC and NUL shows them escaped', async () => {
    const root = copyOf(built);
    editErrata(root, (entries) => entries.push({ action: 'replace', line: INDICATOR_LINE, find: 'words that are not there', replace: 'x', reason: REASON }));
    const run = await expectRefused(root, DOCX, 'ValidationFailed', `sources/${SOURCE}:${INDICATOR_LINE}: `, /errata\/unmatched-correction/);
    expect(run.stderr).not.toMatch(RAW);
    expect(run.stderr).toContain('Checked \\u001b[2J\\u001b]0;owned\\u0007 by\\u0000 hand');
  });

  describe('accepted, so that the build goes through', () => {
    let root: string;
    let build: { code: number; stdout: string; stderr: string };
    beforeAll(async () => {
      root = copyOf(built);
      hostileButAccepted(root);
      build = await runCli(['build', '--format', 'html,docx', '--root', root]);
      expect(build.code, build.stderr).toBe(0);
    });

    it('item 8: the build prints no control character', () => {
      expect(build.stdout + build.stderr).not.toMatch(RAW);
    });

    it('item 8: output/validation.txt shows the source text and the errata reasons escaped', () => {
      const text = read(root, 'output/validation.txt');
      expect(text).not.toMatch(RAW);
      expect(text).toContain('\\u001b]0;pwned\\u0007');
      expect(text).toContain('(accepted: Checked \\u001b[2J\\u001b]0;owned\\u0007 by\\u0000 hand)');
      // validation.json is JSON: there the characters are JSON escapes, and the data is whole.
      const json = JSON.parse(read(root, 'output/validation.json')) as { accepted?: string; message: string }[];
      expect(json.some((d) => d.message.includes(HOSTILE))).toBe(true);
    });

    it('item 8: validate and ingest print the findings escaped', async () => {
      for (const command of ['validate', 'ingest']) {
        const run = await runCli([command, '--root', root]);
        expect(run.stdout + run.stderr, command).not.toMatch(RAW);
      }
      const validate = await runCli(['validate', '--root', root]);
      expect(validate.stdout).toContain('\\u001b[31mpredict\\u0000');
    });

    it('item 8: no HTML output holds a control character; the words around them are kept', () => {
      const pages = files(join(root, 'output'), '.html');
      expect(pages.length).toBeGreaterThan(0);
      for (const page of pages) expect(readFileSync(page, 'utf8'), page).not.toMatch(RAW);
      const pack = pages.find((p) => p.includes(`packs/scs1/${FRAMEWORK}.html`))!;
      expect(readFileSync(pack, 'utf8')).toContain('Anticipate and ]0;pwned[2J[31mpredict the long term impact');
    });

    it('item 8: CHANGES.md and `gradepack diff` show the changed text escaped', async () => {
      const changes = read(root, 'output/CHANGES.md');
      expect(changes).not.toMatch(RAW);
      expect(changes).toContain('\\u001b');
      const model = (r: string) => join(r, 'output', 'model', `${FRAMEWORK}.json`);
      const diff = await runCli(['diff', model(built), model(root)]);
      expect(diff.code).toBe(0);
      expect(diff.stdout).not.toMatch(RAW);
      // Markdown escapes its own brackets: `\]`.
      expect(diff.stdout).toContain('Anticipate and \\u001b\\]0;pwned\\u0007\\u001b\\[2J');
    });
  });
});
