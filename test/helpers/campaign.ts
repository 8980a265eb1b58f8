import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './ingest';
import { tempProject } from './project';

/** The fictional example campaign shipped in examples/campaigns/. */
export const EXAMPLE_DIR = join(ROOT, 'examples', 'campaigns');
export const EXAMPLE_FILE = 'policy-spring-2027.yaml';

/** A temporary project with the given frameworks and the example campaign in campaigns/. */
export function campaignProject(frameworkIds: string[]): string {
  const root = tempProject(frameworkIds);
  cpSync(EXAMPLE_DIR, join(root, 'campaigns'), { recursive: true });
  return root;
}

/** A small campaign (one vacancy, two behaviours, three candidates) on the 2024 behaviours, as lines so tests can break one. */
export const SMALL_CAMPAIGN = [
  'campaign: Test campaign', // 1
  'framework: success-profiles-2024', // 2
  'vacancies:', // 3
  '  - reference: "T-1"', // 4
  '    title: Test Officer', // 5
  '    grade: eo', // 6
  '    behaviours:', // 7
  '      - Communicating and influencing', // 8
  '      - { behaviour: Working together, assessed: [interview] }', // 9
  '    candidates: people.csv', // 10
];
export const SMALL_CANDIDATES = ['number,name', '9001,Zoë Adeyemi', '9002,', '9003,Łukasz Wiśniewski'];

export function writeSmallCampaign(root: string, lines = SMALL_CAMPAIGN, candidates: string[] | null = SMALL_CANDIDATES): string {
  mkdirSync(join(root, 'campaigns'), { recursive: true });
  const file = join(root, 'campaigns', 'test.yaml');
  writeFileSync(file, `${lines.join('\n')}\n`);
  if (candidates) writeFileSync(join(root, 'campaigns', 'people.csv'), `${candidates.join('\n')}\n`);
  return file;
}
