import { beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/model/diagnostic';
import { builtProject, copyOf, ERRATA, editErrata, editSource, expectRefused, FRAMEWORK, INDICATOR, lineOf, read, SOURCE } from '../helpers/hostile';
import { runCli } from '../helpers/project';

/**
 * Issue 14, item 9 (its last two parts): a stale errata `accept`, or one naming a rule that does
 * not exist, passed a build silently; a `--framework` build overwrote output/validation.json with
 * that framework's findings alone.
 */
const DOCX = ['build', '--format', 'docx'];
const SP2024 = 'success-profiles-2024';

describe('issue 14, item 9: errata accept entries and the validation report', () => {
  let built: string;
  beforeAll(async () => {
    built = await builtProject();
  });

  it('item 9: a stale accept (its finding is gone) fails the build, not only validate', async () => {
    const root = copyOf(built);
    editErrata(root, (e) => e.push({ action: 'accept', line: 50, code: 'extraction-health/garbled', reason: 'Nothing is garbled on line 50.' }));
    await expectRefused(
      root,
      DOCX,
      'ValidationFailed',
      `sources/${SOURCE}:50: `,
      /errata\/stale-accept accept entry for extraction-health\/garbled matches no finding/,
    );
    const validate = await runCli(['validate', '--root', root, '--quiet']);
    expect(validate.code).toBe(1);
    expect(validate.stdout).toMatch(/:50: error errata\/stale-accept /);
  });

  it('item 9: an accept that went stale when its defect was corrected in the source fails the build', async () => {
    const root = copyOf(built);
    // The accepted finding of line 132 is a line-break hyphen ("under- represented"): correct the source itself.
    editSource(root, (text) => text.replace('under- represented', 'under-represented'));
    await expectRefused(root, DOCX, 'ValidationFailed', `sources/${SOURCE}:132: `, /errata\/(stale-accept|unmatched-correction)/);
  });

  it('item 9: an accept naming a finding code that does not exist fails the build: ErrataInvalid at its line', async () => {
    const root = copyOf(built);
    editErrata(root, (e) => e.push({ action: 'accept', line: 50, code: 'extraction-health/no-such-finding', reason: 'A code nobody defined.' }));
    await expectRefused(
      root,
      DOCX,
      'ErrataInvalid',
      `sources/${ERRATA}:${lineOf(root, `sources/${ERRATA}`, 'no-such-finding')}: `,
      /entries\.3\.code: "extraction-health\/no-such-finding" is not a finding code/,
    );
  });

  it('item 9: an accept naming a rule that does not exist fails the build, suggesting the code meant', async () => {
    const root = copyOf(built);
    editErrata(root, (e) => e.push({ action: 'accept', line: 50, code: 'extraction/garbled', reason: 'The rule is misspelt.' }));
    await expectRefused(
      root,
      DOCX,
      'ErrataInvalid',
      `sources/${ERRATA}:${lineOf(root, `sources/${ERRATA}`, '"extraction/garbled"')}: `,
      /"extraction\/garbled" is not a finding code; did you mean "extraction-health\/garbled"\?/,
    );
  });

  describe('a build narrowed to one framework', () => {
    let root: string;
    const report = () => JSON.parse(read(root, 'output/validation.json')) as Diagnostic[];
    const frameworks = (findings: Diagnostic[]) => [...new Set(findings.map((d) => d.framework))].sort();
    beforeAll(async () => {
      root = await builtProject([FRAMEWORK, SP2024]);
    });

    it('item 9: build --framework leaves output/validation.json holding every framework’s findings', async () => {
      const before = read(root, 'output/validation.json');
      const text = read(root, 'output/validation.txt');
      expect(frameworks(report())).toEqual([FRAMEWORK, SP2024]);
      // A change in that framework, so that the narrowed build has work to do.
      editSource(root, (t) => t.replace(INDICATOR, 'Anticipate and foresee the long term impact'));
      const run = await runCli([...DOCX, '--framework', FRAMEWORK, '--root', root, '--quiet']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/built: [1-9]\d* rendered/);
      expect(read(root, 'output/validation.json')).toBe(before);
      expect(read(root, 'output/validation.txt')).toBe(text);
      expect(frameworks(report())).toEqual([FRAMEWORK, SP2024]);
    });

    it('item 9: the next whole build writes the whole report again', async () => {
      const run = await runCli([...DOCX, '--root', root, '--quiet']);
      expect(run.code, run.stderr).toBe(0);
      expect(frameworks(report())).toEqual([FRAMEWORK, SP2024]);
    });
  });
});
