import { mkdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Diagnostic, diagnostic } from '../../src/model/diagnostic';
import { INPUT_LIMITS } from '../../src/model/input-file';
import type { Rule } from '../../src/validate/rule';
import { validate } from '../../src/validate/validate';
import { builtProject, copyOf, editFramework, ERRATA, expectRefused, lineOf, pdfFramework, runCliProcess, SOURCE, write } from '../helpers/hostile';
import { SOURCES } from '../helpers/ingest';
import { runCli, tempProject } from '../helpers/project';

/**
 * Issue 14, item 1: big inputs crashed or hung (a 50 MB source overflowed the stack, the MMO one
 * exhausted the heap, /dev/zero grew to 22 GB). Every input is now a regular file within a limit,
 * and what is allowed ends, in a process of its own, in a result or one named error.
 */
const MB = 1024 * 1024;
const DOCX = ['build', '--format', 'docx'];
const MMO = 'mmo-competency-framework-2014-15.md';

/** `text` repeated up to (not over) `size` bytes, each copy on lines of its own. */
function repeated(text: string, size: number): string {
  const copies = Math.floor(size / (Buffer.byteLength(text) + 1));
  return Array.from({ length: copies }, () => text).join('\n');
}

/** No crash of the JavaScript engine: what a stack overflow or an exhausted heap prints. */
const CRASH = /RangeError|Maximum call stack|heap out of memory|Reached heap limit|FATAL ERROR|^\s+at /m;

describe('issue 14, item 1: big inputs end in one named error or a result, never a crash or a hang', () => {
  let built: string;
  beforeAll(async () => {
    built = await builtProject();
  });

  it('item 1: a 50 MB text source (sparse) is InputTooLarge, naming the file and the limit', async () => {
    const root = copyOf(built);
    truncateSync(join(root, 'sources', SOURCE), 50 * MB);
    await expectRefused(root, DOCX, 'InputTooLarge', `sources/${SOURCE}: `, /is 50\.0 MB; a text source may be at most 4\.0 MB/);
  });

  it('item 1: a 30 MB PDF source (sparse) is InputTooLarge: PDFs may be 25 MB', async () => {
    const root = copyOf(built);
    pdfFramework(root, '%PDF-1.4\n');
    truncateSync(join(root, 'sources', 'behaviours.pdf'), 30 * MB);
    await expectRefused(root, DOCX, 'InputTooLarge', 'sources/behaviours.pdf: ', /is 30\.0 MB; a source may be at most 25\.0 MB/);
  });

  it('item 1: a source in sources/ that is a symbolic link to /dev/zero is refused before a byte is read', async () => {
    const root = copyOf(built);
    symlinkSync('/dev/zero', join(root, 'sources', 'zero.txt'));
    editFramework(root, (f) => {
      f.sources = [{ file: 'zero.txt', format: 'text' }];
    });
    await expectRefused(root, DOCX, 'PathOutsideProject', 'sources/zero.txt: ', /symbolic link to \/dev\/zero, outside sources\//);
  });

  it('item 1: a registry entry naming /dev/zero itself is PathOutsideProject at its line', async () => {
    const root = copyOf(built);
    editFramework(root, (f) => {
      f.sources = [{ file: '/dev/zero', format: 'text' }];
    });
    await expectRefused(root, DOCX, 'PathOutsideProject', `sources/registry.json:${lineOf(root, 'sources/registry.json', '/dev/zero')}: `);
  });

  it('item 1: an errata file, a configuration file and a campaign file that are /dev/zero are refused, not read', async () => {
    const errata = copyOf(built);
    rmSync(join(errata, 'sources', ERRATA));
    symlinkSync('/dev/zero', join(errata, 'sources', ERRATA));
    await expectRefused(errata, DOCX, 'PathOutsideProject', `sources/${ERRATA}: `, /symbolic link to \/dev\/zero/);

    const config = copyOf(built);
    symlinkSync('/dev/zero', join(config, 'gradepack.config.json'));
    await expectRefused(config, DOCX, 'InputNotAFile', 'gradepack.config.json: ', /is a device, not a file/);

    const campaign = copyOf(built);
    await expectRefused(campaign, ['campaign', '/dev/zero'], 'InputNotAFile', '/dev/zero: ', /is a device/);
    mkdirSync(join(campaign, 'campaigns'));
    write(
      campaign,
      'campaigns/zero.yaml',
      'campaign: Zero\nframework: cscf-2012-sms1\nvacancies:\n  - reference: "Z-1"\n    title: Deputy Director\n    grade: scs1\n    behaviours: [Seeing the big picture]\n    candidates: /dev/zero\n',
    );
    // A candidates list stays in the campaign's folder: /dev/zero is refused before it is opened.
    await expectRefused(
      campaign,
      ['campaign', join(campaign, 'campaigns', 'zero.yaml')],
      'PathOutsideProject',
      `${join(campaign, 'campaigns', 'zero.yaml')}:8: `,
    );
  });

  it('item 1: a validation rule with 300,000 findings does not overflow the stack (validate.ts spread them as arguments)', () => {
    const flood: Rule = {
      id: 'schema',
      defaultSeverity: 'warning',
      description: 'a rule that finds too much',
      docs: 'docs/validation-rules.md',
      check: () =>
        Array.from(
          { length: 300_000 },
          (_, i): Diagnostic => diagnostic({ severity: 'warning', code: 'schema/id-twice', message: `finding ${i}`, framework: 'x' }),
        ),
    };
    const found = validate({ results: [] }, undefined, { rules: [flood] });
    expect(found).toHaveLength(300_000);
  });

  describe('a large source within the limit, in the layout of a real one, in a process of its own', () => {
    it('item 1: 3.8 MB of the 2012 framework repeated: findings (exit 1), no crash, well inside four minutes', async () => {
      const root = tempProject(['cscf-2012-sms1']);
      writeFileSync(join(root, 'sources', SOURCE), repeated(readFileSync(join(SOURCES, SOURCE), 'utf8'), INPUT_LIMITS.textSource - 200 * 1024));
      const run = await runCliProcess(['validate', '--root', root, '--quiet'], { timeoutMs: 240_000 });
      expect(run.signal, 'killed: it did not finish in four minutes').toBeNull();
      expect(run.stderr).not.toMatch(CRASH);
      expect(run.code, run.stderr.slice(0, 2000)).toBe(1);
      expect(run.stdout).toMatch(/error cumulative-consistency\/indicator-twice/);
    });

    it('item 1: 1 MB of the MMO markdown repeated: a result or one named error (exit 0, 1 or 3), no crash, well inside four minutes', async () => {
      const root = tempProject(['cscf-2012-sms1', 'mmo-2014']);
      writeFileSync(join(root, 'sources', MMO), repeated(readFileSync(join(SOURCES, MMO), 'utf8'), INPUT_LIMITS.markdownSource - 16 * 1024));
      const run = await runCliProcess(['validate', '--root', root, '--quiet'], { timeoutMs: 240_000 });
      expect(run.signal, 'killed: it did not finish in four minutes').toBeNull();
      expect(run.stderr).not.toMatch(CRASH);
      expect([0, 1, 3], run.stderr.slice(0, 2000)).toContain(run.code);
      if (run.code === 3) expect(run.stderr).toMatch(/^sources\/mmo-competency-framework-2014-15\.md(:\d+)?: error [A-Za-z]+: /);
    });

    it('item 1: 675 lines of 1,900 letters in a text capture end in a result (the fuzz found joinWrapped quadratic, then cubic: past 300 s)', async () => {
      const root = tempProject(['odp-core-skills', 'odp-scs-capabilities']);
      const capture = join(root, 'sources', 'odp-scs-power-of-connections.txt');
      const lines = readFileSync(capture, 'utf8').split('\n');
      const long = `${'x'.repeat(1894)}- a`;
      writeFileSync(capture, [long, ...Array.from({ length: 674 }, () => long), ...lines].join('\n'));
      const run = await runCliProcess(['ingest', '--framework', 'odp-scs-capabilities', '--root', root, '--quiet'], { timeoutMs: 240_000 });
      expect(run.signal, 'killed: it did not finish in four minutes').toBeNull();
      expect(run.stderr).not.toMatch(CRASH);
      expect([0, 1, 3], run.stderr.slice(0, 2000)).toContain(run.code);
    });

    it('item 1: a megabyte of tiny markdown table cells (which took remark 2.2 GB) is InputTooLarge at once', async () => {
      const root = tempProject(['cscf-2012-sms1', 'mmo-2014']);
      writeFileSync(join(root, 'sources', MMO), `| a | b |\n|---|---|\n${'| x | y |\n'.repeat(100_000)}`);
      const run = await runCli(['validate', '--root', root, '--quiet']);
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(/^sources\/mmo-competency-framework-2014-15\.md: error InputTooLarge: .*more than 40,000 table cell borders/);
    });
  });
});
