import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GradepackError } from '../../src/model/errors';
import { INPUT_LIMITS } from '../../src/model/input-file';
import { loadCampaignTemplates } from '../../src/render/campaign';
import { ROOT } from '../helpers/ingest';

function templatesCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gradepack-campaign-templates-'));
  cpSync(join(ROOT, 'templates'), dir, { recursive: true });
  return dir;
}

async function loadError(edit: (dir: string) => void): Promise<{ dir: string; error: GradepackError }> {
  const dir = templatesCopy();
  edit(dir);
  const error = await loadCampaignTemplates(dir).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(GradepackError);
  return { dir, error: error as GradepackError };
}

function insertLine(file: string, at: number, text: string): void {
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.splice(at - 1, 0, text);
  writeFileSync(file, lines.join('\n'));
}

describe('campaign templates', () => {
  it('load as shipped', async () => {
    await expect(loadCampaignTemplates(join(ROOT, 'templates'))).resolves.toBeDefined();
  });

  it('refuse triple braces, with the file and line', async () => {
    const { dir, error } = await loadError((d) => insertLine(join(d, 'campaign/vacancy-pack.hbs'), 12, '{{{title}}}'));
    expect(error.code).toBe('TemplateSyntax');
    expect(error.message).toMatch(/unescaped/);
    expect(error.location).toEqual({ file: join(dir, 'campaign/vacancy-pack.hbs'), line: 12 });
  });

  it('refuse a field the data does not have, in a branch rarely taken', async () => {
    const { dir, error } = await loadError((d) => insertLine(join(d, 'campaign/assessment-form.hbs'), 12, '{{#if title}}{{candidate.email}}{{/if}}'));
    expect(error.code).toBe('TemplateField');
    expect(error.location).toEqual({ file: join(dir, 'campaign/assessment-form.hbs'), line: 12 });
  });

  it('refuse a stylesheet that loads anything, however spelled', async () => {
    for (const rule of ['p { background: \\75 rl(https://example.com/x.png) }', 'p { background-image: image-set("https://example.com/x.png" 1x) }']) {
      const { dir, error } = await loadError((d) => writeFileSync(join(d, 'campaign/vacancy-pack.css'), `p { color: black }\n${rule}\n`));
      expect(error.code, rule).toBe('TemplateSyntax');
      expect(error.location).toEqual({ file: join(dir, 'campaign/vacancy-pack.css'), line: 2 });
    }
  });

  it('refuse a template larger than the template limit, and one that is a folder', async () => {
    const big = await loadError((d) => writeFileSync(join(d, 'campaign/running-footer.hbs'), 'x'.repeat(INPUT_LIMITS.template + 1)));
    expect(big.error.code).toBe('InputTooLarge');
    expect(big.error.location.file).toBe(join(big.dir, 'campaign/running-footer.hbs'));
    const folder = await loadError((d) => {
      const file = join(d, 'campaign/running-footer.hbs');
      rmSync(file);
      mkdirSync(file);
    });
    expect(folder.error.code).toBe('InputNotAFile');
  });
});
