import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCampaignYaml } from '../../src/campaign/read-campaign';
import { DEFAULT_CONFIG, parseConfig } from '../../src/config/config';
import { EXAMPLE_DIR, EXAMPLE_FILE } from '../helpers/campaign';
import { ROOT } from '../helpers/ingest';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

function block(after: string, language: string): string {
  const section = README.slice(README.indexOf(after));
  const match = new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``).exec(section);
  if (!match) throw new Error(`no ${language} block after "${after}"`);
  return match[1]!;
}

describe('README examples', () => {
  it('the configuration example is complete: copied as printed, it is the default configuration', () => {
    expect(parseConfig(block('## Configuration', 'json'), 'gradepack.config.json')).toEqual(DEFAULT_CONFIG);
  });

  it('the campaign example is the start of the shipped example campaign, and reads', () => {
    const yaml = block('## Recruitment campaigns', 'yaml');
    expect(readFileSync(join(EXAMPLE_DIR, EXAMPLE_FILE), 'utf8')).toContain(yaml);
    expect(readCampaignYaml(yaml, 'README.md').vacancies[0]!.behaviours.map((b) => b.name)).toEqual([
      'Communicating and influencing',
      'Seeing the big picture',
      'Working together',
      'Delivering at pace',
    ]);
  });
});
