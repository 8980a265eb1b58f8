import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  builtProject,
  copyOf,
  ERRATA,
  editErrata,
  editFramework,
  expectOneNamedError,
  expectRefused,
  FRAMEWORK,
  INDICATOR_LINE,
  lineOf,
  outputState,
  read,
  SOURCE,
  withEnv,
} from '../helpers/hostile';
import { runCli } from '../helpers/project';

/**
 * Issue 14, item 7: raw stack traces instead of one named error, for adapter names every
 * JavaScript object has, an errata replace that empties the text (a multi-line ZodError), a
 * source, errata file, configuration or `diff` argument that is a folder, an out-of-range
 * SOURCE_DATE_EPOCH, and `output` being a file. Each is now one named error with a hint.
 */
const DOCX = ['build', '--format', 'docx'];
const REGISTRY = 'sources/registry.json';

describe('issue 14, item 7: one named error, never a stack trace', () => {
  let built: string;
  beforeAll(async () => {
    built = await builtProject();
  });

  for (const adapter of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
    it(`item 7: adapter "${adapter}" is RegistryInvalid at its line, listing the adapters`, async () => {
      const root = copyOf(built);
      editFramework(root, (f) => {
        f.adapter = adapter;
      });
      await expectRefused(
        root,
        DOCX,
        'RegistryInvalid',
        `${REGISTRY}:${lineOf(root, REGISTRY, '"adapter"')}: `,
        new RegExp(`"${adapter}" is not an adapter; adapters: govuk-behaviours-page, .*cscf-interleaved-text, .*case-json`),
      );
    });
  }

  it('item 7: an errata replace that leaves the indicator empty is ErrataInvalid at its line in the errata file', async () => {
    const root = copyOf(built);
    const indicator =
      'Anticipate and predict the long term impact of national and international developments, including economic, political, environmental, social and technological, on own area';
    editErrata(root, (e) => e.push({ action: 'replace', line: INDICATOR_LINE, find: indicator, replace: ' ', reason: 'Empties it.' }));
    const entryLine = lineOf(root, `sources/${ERRATA}`, '"replace": " "') - 4;
    expect(read(root, `sources/${ERRATA}`).split('\n')[entryLine - 1]!.trim()).toBe('{');
    await expectRefused(
      root,
      DOCX,
      'ErrataInvalid',
      `sources/${ERRATA}:${entryLine}: `,
      new RegExp(`Entry 4, a replace for line ${INDICATOR_LINE}, would leave an indicator empty`),
    );
  });

  it("item 7: an errata replace that leaves a competency's title empty is ErrataInvalid too, not a schema error", async () => {
    const root = copyOf(built);
    editErrata(root, (e) => e.push({ action: 'replace', line: 33, find: 'Seeing the Big Picture', replace: '', reason: 'Empties the title.' }));
    const entryLine = lineOf(root, `sources/${ERRATA}`, 'Empties the title.') - 5;
    await expectRefused(root, DOCX, 'ErrataInvalid', `sources/${ERRATA}:${entryLine}: `, /would leave the title of "Seeing the Big Picture" empty/);
  });

  it('item 7: a source that is a folder is InputNotAFile', async () => {
    const root = copyOf(built);
    rmSync(join(root, 'sources', SOURCE));
    mkdirSync(join(root, 'sources', SOURCE));
    await expectRefused(root, DOCX, 'InputNotAFile', `sources/${SOURCE}: `, /is a folder, not a file/);
  });

  it('item 7: an errata file that is a folder is InputNotAFile', async () => {
    const root = copyOf(built);
    rmSync(join(root, 'sources', ERRATA));
    mkdirSync(join(root, 'sources', ERRATA));
    await expectRefused(root, DOCX, 'InputNotAFile', `sources/${ERRATA}: `, /is a folder, not a file/);
  });

  it('item 7: a gradepack.config.json that is a folder is InputNotAFile', async () => {
    const root = copyOf(built);
    mkdirSync(join(root, 'gradepack.config.json'));
    await expectRefused(root, DOCX, 'InputNotAFile', 'gradepack.config.json: ', /is a folder, not a file/);
  });

  it('item 7: a sources/registry.json that is a folder is InputNotAFile', async () => {
    const root = copyOf(built);
    rmSync(join(root, REGISTRY));
    mkdirSync(join(root, REGISTRY));
    await expectRefused(root, DOCX, 'InputNotAFile', `${REGISTRY}: `, /is a folder, not a file/);
  });

  it('item 7: a diff argument that is a folder is InputNotAFile (either side)', async () => {
    const root = copyOf(built);
    const model = join(root, 'output', 'model', `${FRAMEWORK}.json`);
    const folder = join(root, 'output', 'model');
    await expectRefused(root, ['diff', folder, model], 'InputNotAFile', `${folder}: `, /is a folder, not a file/);
    await expectRefused(root, ['diff', model, folder], 'InputNotAFile', `${folder}: `, /is a folder, not a file/);
  });

  it('item 7: a validate argument that is a folder is InputNotAFile', async () => {
    const root = copyOf(built);
    const folder = join(root, 'output', 'model');
    await expectRefused(root, ['validate', folder], 'InputNotAFile', `${folder}: `, /is a folder, not a file/);
  });

  for (const epoch of ['99999999999999', '253402300800', '-1', '1e9', 'yesterday']) {
    it(`item 7: SOURCE_DATE_EPOCH=${epoch} is EnvironmentInvalid`, async () => {
      const root = copyOf(built);
      const before = outputState(root);
      const run = await withEnv({ SOURCE_DATE_EPOCH: epoch }, () => runCli([...DOCX, '--root', root, '--quiet']));
      expect(run.code).toBe(3);
      expectOneNamedError(run.stderr, 'EnvironmentInvalid', '', new RegExp(`SOURCE_DATE_EPOCH is "${epoch}", which is not a date gradepack can write`));
      expect(outputState(root)).toEqual(before);
    });
  }

  it('item 7: SOURCE_DATE_EPOCH at the last second of 9999 is accepted', async () => {
    const root = copyOf(built);
    const run = await withEnv({ SOURCE_DATE_EPOCH: '253402300799' }, () => runCli([...DOCX, '--root', root, '--quiet']));
    expect(run.code, run.stderr).toBe(0);
  });

  it('item 7: output that is a file is OutputUnwritable, and the file is left as it was', async () => {
    const root = copyOf(built);
    rmSync(join(root, 'output'), { recursive: true });
    writeFileSync(join(root, 'output'), 'my notes, not a folder\n');
    await expectRefused(root, DOCX, 'OutputUnwritable', `${join(root, 'output')}: `, /is a file, not a folder/);
    expect(read(root, 'output')).toBe('my notes, not a folder\n');
  });

  it('item 7: a file in output/ where a build needs a folder is OutputUnwritable, and output/ is left as it was', async () => {
    const root = copyOf(built);
    rmSync(join(root, 'output', 'templates'), { recursive: true });
    writeFileSync(join(root, 'output', 'templates'), 'in the way\n');
    await expectRefused(root, DOCX, 'OutputUnwritable', `${join(root, 'output', 'templates')}: `, /is a file, so the build cannot make a folder there/);
  });
});
