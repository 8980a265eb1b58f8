import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCandidates } from '../../src/campaign/candidates';
import { readCampaignYaml } from '../../src/campaign/read-campaign';
import { checkFrameworkIds, resolveCampaign } from '../../src/campaign/resolve';
import { GradepackError } from '../../src/model/errors';
import { readModel } from '../../src/model/io';
import type { Framework } from '../../src/model/schema';
import { EXAMPLE_DIR, EXAMPLE_FILE, SMALL_CAMPAIGN } from '../helpers/campaign';
import { ROOT } from '../helpers/ingest';

const FILE = '/project/campaigns/test.yaml';
const KNOWN = ['success-profiles-2024', 'success-profiles-2018', 'odp-core-skills'];

function errorOf(work: () => unknown): GradepackError {
  try {
    work();
  } catch (e) {
    expect(e).toBeInstanceOf(GradepackError);
    return e as GradepackError;
  }
  throw new Error('expected an error');
}

describe('campaign file', () => {
  let frameworks: Framework[];
  beforeAll(async () => {
    frameworks = await Promise.all(['success-profiles-2024', 'odp-core-skills'].map((id) => readModel(join(ROOT, 'output', 'model', `${id}.json`))));
  });
  const resolve = (lines: string[]) => {
    const raw = readCampaignYaml(`${lines.join('\n')}\n`, FILE);
    checkFrameworkIds(raw, KNOWN);
    return resolveCampaign(raw, frameworks, { words: 250 });
  };

  it('reads the example: vacancies, grades, behaviours in order with the lead first, stages, words and candidates files', () => {
    const file = join(EXAMPLE_DIR, EXAMPLE_FILE);
    const campaign = resolve(readFileSync(file, 'utf8').split('\n'));
    expect(campaign.title).toBe('Policy recruitment, spring 2027');
    expect(campaign.vacancies.map((v) => [v.reference, v.framework, v.grade])).toEqual([
      ['401234', 'success-profiles-2024', 'heo'],
      ['401240', 'success-profiles-2024', 'g7'],
      ['OPS-77', 'odp-core-skills', 'practitioner'],
    ]);
    const first = campaign.vacancies[0]!;
    expect(first.behaviours.map((b) => [b.id, b.lead, b.stages.join('+')])).toEqual([
      ['communicating-and-influencing', true, 'application+interview'],
      ['seeing-the-big-picture', false, 'application+interview'],
      ['working-together', false, 'interview'],
      ['delivering-at-pace', false, 'application+interview'],
    ]);
    expect(first.words).toBe(250);
    expect(first.candidatesFile).toBe(join('/project/campaigns', 'candidates-401234.csv'));
    expect(campaign.vacancies[1]!.behaviours.map((b) => b.id)).toEqual(['making-effective-decisions', 'leadership', 'changing-and-improving']);
    expect(campaign.vacancies[2]!.candidatesFile).toBeNull();
  });

  it('refuses a file name that cannot name the output folder', () => {
    const raw = readCampaignYaml(`${SMALL_CAMPAIGN.join('\n')}\n`, '/project/campaigns/..yaml');
    const error = errorOf(() => resolveCampaign(raw, frameworks, { words: 250 }));
    expect(error.code).toBe('CampaignInvalid');
    expect(error.message).toMatch(/cannot be one/);
  });

  it('takes a grade by its id, label or a name the ladder gives it', () => {
    for (const grade of ['heo', 'HEO', 'Higher Executive Officer (HEO)', 'higher executive officer']) {
      expect(resolve(SMALL_CAMPAIGN.map((l) => l.replace('grade: eo', `grade: ${grade}`))).vacancies[0]!.grade, grade).toBe('heo');
    }
  });

  it('keeps a reference as written (no number conversion) and takes words from the defaults', () => {
    const campaign = resolve(SMALL_CAMPAIGN.map((l) => l.replace('"T-1"', '012345')));
    expect(campaign.vacancies[0]!.reference).toBe('012345');
    expect(campaign.vacancies[0]!.words).toBe(250);
  });

  const cases: [string, (lines: string[]) => string[], string, number, RegExp][] = [
    ['a YAML syntax error', (l) => l.map((x) => x.replace('grade: eo', 'grade: eo: heo')), 'CampaignSyntax', 6, /Nested mappings are not allowed/],
    [
      'an unknown framework',
      (l) => l.map((x) => x.replace('success-profiles-2024', 'success-profile-2024')),
      'UnknownFramework',
      2,
      /did you mean "success-profiles-2024"/,
    ],
    ['an unknown grade', (l) => l.map((x) => x.replace('grade: eo', 'grade: e0')), 'UnknownGrade', 6, /"e0"; did you mean "eo"/],
    [
      'an unknown behaviour',
      (l) => l.map((x) => x.replace('- Communicating and influencing', '- Comunicating and influensing')),
      'UnknownBehaviour',
      8,
      /did you mean "Communicating and influencing"/,
    ],
    [
      'more than 8 behaviours',
      (l) => [
        ...l.slice(0, 9),
        ...[
          'Leadership',
          'Seeing the big picture',
          'Delivering at pace',
          'Changing and improving',
          'Making effective decisions',
          'Developing self and others',
          'Managing a quality service',
        ].map((b) => `      - ${b}`),
        l[9]!,
      ],
      'CampaignInvalid',
      7,
      /at most 8 behaviours/,
    ],
    ['no behaviours', (l) => [...l.slice(0, 6), '    behaviours: []', l[9]!], 'CampaignInvalid', 7, /at least one behaviour/],
    [
      'a behaviour twice',
      (l) => [...l.slice(0, 9), '      - communicating-and-influencing', l[9]!],
      'CampaignInvalid',
      10,
      /Communicating and influencing twice \(first on line 8\)/,
    ],
    [
      'a duplicate reference',
      (l) => [...l, '  - reference: "T-1"', '    title: Other', '    grade: heo', '    behaviours: [Leadership]'],
      'CampaignInvalid',
      11,
      /"T-1" is used twice \(first on line 4\)/,
    ],
    ['a reference with other characters', (l) => l.map((x) => x.replace('"T-1"', '"T/1"')), 'CampaignInvalid', 4, /letters, digits, - and _ only/],
    ['a stage that does not exist', (l) => l.map((x) => x.replace('[interview]', '[interveiw]')), 'CampaignInvalid', 9, /"application" or "interview"/],
    ['a setting gradepack does not know', (l) => [...l, '    salary: 40000'], 'CampaignInvalid', 11, /"salary"/],
    // The fuzz met it: yaml turned the key into text and printed a Node warning, not an error.
    ['a list used as a key', (l) => [...l, '    ? [a, b]', '    : 1'], 'CampaignSyntax', 11, /A key is a list or a map/],
  ];
  for (const [name, change, code, line, message] of cases) {
    it(`${name}: ${code} at its line`, () => {
      const error = errorOf(() => resolve(change(SMALL_CAMPAIGN)));
      expect(error.code).toBe(code);
      expect(error.location).toEqual({ file: FILE, line });
      expect(error.message).toMatch(message);
    });
  }
});

describe('candidates file', () => {
  const CSV = '/project/campaigns/people.csv';
  it('reads numbers and names (any Latin letters, quoted commas), with their lines; a missing name is anonymous', () => {
    const candidates = parseCandidates('\ufeffnumber,name\n100201,Zoë Adeyemi\n\n100202,"Ó Briain, Siân"\n100203\n100204,  \n100205,Łukasz\n', CSV);
    expect(candidates).toEqual([
      { number: '100201', name: 'Zoë Adeyemi', line: 2 },
      { number: '100202', name: 'Ó Briain, Siân', line: 4 },
      { number: '100203', name: null, line: 5 },
      { number: '100204', name: null, line: 6 },
      { number: '100205', name: 'Łukasz', line: 7 },
    ]);
  });

  const cases: [string, string, number, RegExp][] = [
    ['a quote never closed', 'number,name\n1,"Zoë\n2,Siân\n', 3, /quoted value is never closed/],
    ['too many values', 'number,name\n1,Zoë,Adeyemi\n', 2, /more values than the header/],
    ['no header', '1,Zoë\n', 1, /header `number,name`/],
    ['an empty file', '', 1, /no header/],
    ['a number twice', 'number,name\n1,Zoë\n2,Siân\n1,Other\n', 4, /1 is used twice \(first on line 2\)/],
    ['a number that cannot be a folder', 'number,name\n../1,Zoë\n', 2, /letters, digits, - and _/],
  ];
  for (const [name, text, line, message] of cases) {
    it(`${name}: CandidatesInvalid at its line, without quoting any name`, () => {
      const error = errorOf(() => parseCandidates(text, CSV));
      expect(error.code).toBe('CandidatesInvalid');
      expect(error.location).toEqual({ file: CSV, line });
      expect(error.message).toMatch(message);
      for (const n of ['Zoë', 'Siân', 'Adeyemi', 'Other']) expect(error.format()).not.toContain(n);
    });
  }
});
