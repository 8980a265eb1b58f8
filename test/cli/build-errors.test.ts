import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers/project';
import { treeBytes } from '../helpers/tree';

const tree = (root: string) => treeBytes(join(root, 'output'));

describe('gradepack build with bad configuration or selection', () => {
  let root: string;
  let good: Record<string, string>;
  beforeAll(async () => {
    root = tempProject(['cscf-2012-sms1']);
    const first = await runCli(['build', '--root', root, '--quiet', '--format', 'docx']);
    expect(first.code, first.stderr).toBe(0);
    good = tree(root);
  });

  const cases: [string, string[], unknown, RegExp][] = [
    [
      'a rating scale with no levels',
      [],
      { ratingScale: [] },
      /gradepack\.config\.json:1: error ConfigInvalid: .*ratingScale: a rating scale needs at least one level/,
    ],
    [
      'a rating scale with a repeated value',
      [],
      {
        ratingScale: [
          { value: 1, label: 'A' },
          { value: 1, label: 'B' },
        ],
      },
      /ConfigInvalid: .*unique/,
    ],
    [
      'a rating scale that does not start at 1',
      [],
      {
        ratingScale: [
          { value: 0, label: 'None' },
          { value: 1, label: 'Some' },
        ],
      },
      /ConfigInvalid: .*ratingScale: values must run 1, 2, 3 \.\.\. in order, one per level, but level 1 of 2 has the value 0/,
    ],
    [
      'a rating scale out of order',
      [],
      {
        ratingScale: [
          { value: 2, label: 'Some' },
          { value: 1, label: 'None' },
        ],
      },
      /ConfigInvalid: .*ratingScale: values must run 1, 2, 3 \.\.\. in order.*level 1 of 2 has the value 2/,
    ],
    ['an unknown setting', [], { colour: 'red' }, /ConfigInvalid/],
  ];
  // What the command line names wrongly is a usage error (exit 2); the hint lists the valid names.
  const usage: [string, string[], RegExp, RegExp][] = [
    ['an unknown grade', ['--grade', 'g9'], /error UnknownGrade: .*"g9"/, /hint: It has: scs1\./],
    ['an unknown framework', ['--framework', 'nope'], /error UnknownFramework: .*"nope"/, /hint: Known frameworks: cscf-2012-sms1\./],
    [
      'an unknown format',
      ['--format', 'xls'],
      /error UnknownFormat: .*"xls" is not an output format; did you mean "xlsx"\?/,
      /hint: Formats: case, csv, docx, /,
    ],
  ];
  for (const [name, args, message, hint] of usage) {
    it(`${name}: one clear error, exit 2, the valid names listed, no output touched`, async () => {
      writeFileSync(join(root, 'gradepack.config.json'), '{}');
      const run = await runCli(['build', '--root', root, '--quiet', ...args]);
      expect(run.code).toBe(2);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(message);
      expect(lines[1]).toMatch(hint);
      expect(tree(root)).toEqual(good);
    });
  }
  for (const [name, args, config, message] of cases) {
    it(`${name}: one clear error, exit 3, no output touched`, async () => {
      writeFileSync(join(root, 'gradepack.config.json'), JSON.stringify(config));
      const run = await runCli(['build', '--root', root, '--quiet', ...args]);
      expect(run.code).toBe(3);
      const lines = run.stderr
        .trim()
        .split('\n')
        .filter((l) => !l.startsWith('  hint:'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
      expect(tree(root)).toEqual(good);
    });
  }
});
