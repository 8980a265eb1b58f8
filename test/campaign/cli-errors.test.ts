import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SMALL_CAMPAIGN, SMALL_CANDIDATES, writeSmallCampaign } from '../helpers/campaign';
import { runCli, tempProject } from '../helpers/project';
import { treeBytes } from '../helpers/tree';

/**
 * Every bad input the campaign format can have, through `gradepack campaign`: one error naming
 * the file and line, exit 3, and the outputs of the last good build byte for byte as they were.
 */
describe('gradepack campaign with bad input', () => {
  let root: string;
  let good: Record<string, string>;
  const tree = () => treeBytes(join(root, 'output'));
  beforeAll(async () => {
    root = tempProject(['success-profiles-2024']);
    writeSmallCampaign(root);
    const first = await runCli(['campaign', join(root, 'campaigns', 'test.yaml'), '--root', root, '--quiet']);
    expect(first.code, first.stderr).toBe(0);
    good = tree();
    expect(Object.keys(good)).toContain('campaigns/test/T-1/candidates/9001/sift.pdf');
  });

  const yaml = 'campaigns/test.yaml';
  const csv = 'campaigns/people.csv';
  const cases: [string, string[], string[] | null, string, number, string, RegExp][] = [
    [
      'a YAML syntax error',
      SMALL_CAMPAIGN.map((l) => l.replace('grade: eo', 'grade: eo: heo')),
      SMALL_CANDIDATES,
      yaml,
      6,
      'CampaignSyntax',
      /Nested mappings/,
    ],
    [
      'an unknown framework',
      SMALL_CAMPAIGN.map((l) => l.replace('success-profiles-2024', 'success-profiles-2042')),
      SMALL_CANDIDATES,
      yaml,
      2,
      'UnknownFramework',
      /did you mean/,
    ],
    ['an unknown grade', SMALL_CAMPAIGN.map((l) => l.replace('grade: eo', 'grade: grade 8')), SMALL_CANDIDATES, yaml, 6, 'UnknownGrade', /"grade 8"/],
    [
      'an unknown behaviour',
      SMALL_CAMPAIGN.map((l) => l.replace('Communicating and influencing', 'Communicating and influence')),
      SMALL_CANDIDATES,
      yaml,
      8,
      'UnknownBehaviour',
      /did you mean "Communicating and influencing"/,
    ],
    [
      'more than 8 behaviours',
      [
        ...SMALL_CAMPAIGN.slice(0, 9),
        ...[
          'Leadership',
          'Seeing the big picture',
          'Delivering at pace',
          'Changing and improving',
          'Making effective decisions',
          'Developing self and others',
          'Managing a quality service',
        ].map((b) => `      - ${b}`),
        SMALL_CAMPAIGN[9]!,
      ],
      SMALL_CANDIDATES,
      yaml,
      7,
      'CampaignInvalid',
      /at most 8/,
    ],
    ['no behaviours', [...SMALL_CAMPAIGN.slice(0, 6), '    behaviours: []', SMALL_CAMPAIGN[9]!], SMALL_CANDIDATES, yaml, 7, 'CampaignInvalid', /at least one/],
    [
      'a behaviour twice',
      [...SMALL_CAMPAIGN.slice(0, 9), '      - working-together', SMALL_CAMPAIGN[9]!],
      SMALL_CANDIDATES,
      yaml,
      10,
      'CampaignInvalid',
      /twice \(first on line 9\)/,
    ],
    [
      'a duplicate reference',
      [...SMALL_CAMPAIGN, '  - reference: T-1', '    title: Another', '    grade: heo', '    behaviours: [Leadership]'],
      SMALL_CANDIDATES,
      yaml,
      11,
      'CampaignInvalid',
      /used twice/,
    ],
    [
      'a reference with other characters',
      SMALL_CAMPAIGN.map((l) => l.replace('"T-1"', '"T 1"')),
      SMALL_CANDIDATES,
      yaml,
      4,
      'CampaignInvalid',
      /letters, digits/,
    ],
    [
      'a missing candidates CSV',
      SMALL_CAMPAIGN.map((l) => l.replace('people.csv', 'nobody.csv')),
      SMALL_CANDIDATES,
      yaml,
      10,
      'CandidatesMissing',
      /nobody\.csv/,
    ],
    ['a malformed candidates CSV', SMALL_CAMPAIGN, ['number,name', '9001,"Zoë Adeyemi', '9002,'], csv, 3, 'CandidatesInvalid', /never closed/],
    [
      'a candidate number twice',
      SMALL_CAMPAIGN,
      [...SMALL_CANDIDATES, '9002,Someone Else'],
      csv,
      5,
      'CandidatesInvalid',
      /9002 is used twice \(first on line 3\)/,
    ],
  ];
  for (const [name, lines, candidates, file, line, code, message] of cases) {
    it(`${name}: ${code} at ${file}:${line}, exit 3, earlier outputs intact`, async () => {
      writeSmallCampaign(root, lines, candidates);
      const run = await runCli(['campaign', join(root, 'campaigns', 'test.yaml'), '--root', root, '--quiet']);
      expect(run.code).toBe(3);
      const errors = run.stderr
        .trim()
        .split('\n')
        .filter((l) => !l.startsWith('  hint:'));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain(`${join(root, file)}:${line}: error ${code}: `);
      expect(errors[0]).toMatch(message);
      for (const person of ['Zoë', 'Adeyemi', 'Łukasz', 'Someone']) expect(run.stderr).not.toContain(person);
      expect(tree()).toEqual(good);
    });
  }

  it('a campaign file that does not exist: CampaignMissing, exit 3', async () => {
    const run = await runCli(['campaign', join(root, 'campaigns', 'nothing.yaml'), '--root', root, '--quiet']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/nothing\.yaml: error CampaignMissing: /);
    rmSync(join(root, 'campaigns', 'nothing.yaml'), { force: true });
    writeFileSync(join(root, 'campaigns', 'people.csv'), `${SMALL_CANDIDATES.join('\n')}\n`);
    expect(tree()).toEqual(good);
  });
});
