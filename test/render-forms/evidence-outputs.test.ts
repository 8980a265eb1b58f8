import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, parseConfig, type Config } from '../../src/build/config';
import { GradepackError } from '../../src/model/errors';
import type { Framework } from '../../src/model/schema';
import { BrowserPool } from '../../src/render/browser';
import {
  DEFAULT_TEMPLATES_DIR,
  FORM_TEMPLATE_FILES,
  loadFormLayout,
  renderEvidenceOutputs,
  selectEvidenceTargets,
  writeEvidenceOutputs,
  type RenderEvidenceOptions,
} from '../../src/render/forms';
import { perGradeFramework, proficiencyFramework } from '../fixtures/render-forms/frameworks';
import { ingestWith, realSource } from '../helpers/ingest';

function filesUnder(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort() : [];
}

/** Renders and writes like a build; returns the error, if any. */
async function build(outputDir: string, frameworks: Framework[], config: Pick<Config, 'ratingScale' | 'wordsPerExample'>, options: RenderEvidenceOptions): Promise<unknown> {
  try {
    await writeEvidenceOutputs(outputDir, await renderEvidenceOutputs(frameworks, config, options));
    return undefined;
  } catch (e) {
    return e;
  }
}

describe('evidence outputs of a build', () => {
  let pool: BrowserPool;
  let frameworks: Framework[];
  const date = () => new Date(Date.UTC(2024, 9, 14));

  beforeAll(async () => {
    pool = await BrowserPool.launch(1);
    const { framework } = await ingestWith('success-profiles-2024', [realSource('success-profiles-behaviours-2024.txt')]);
    frameworks = [framework, perGradeFramework(), proficiencyFramework()];
  });
  afterAll(async () => {
    await pool?.close();
  });

  it('writes a template and both forms for each target chosen, at their places', async () => {
    const out = mkdtempSync(join(tmpdir(), 'gradepack-evidence-out-'));
    expect(await build(out, frameworks, DEFAULT_CONFIG, { pool, date, grade: 'scs2' })).toBeUndefined();
    expect(filesUnder(out)).toEqual([
      'forms/scs2/per-grade-test.docx',
      'forms/scs2/per-grade-test.pdf',
      'forms/scs2/success-profiles-2024.docx',
      'forms/scs2/success-profiles-2024.pdf',
      'templates/scs2/per-grade-test.docx',
      'templates/scs2/success-profiles-2024.docx',
    ]);
    expect(readFileSync(join(out, 'forms/scs2/success-profiles-2024.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(readFileSync(join(out, 'templates/scs2/per-grade-test.docx')).subarray(0, 2).toString()).toBe('PK');
  });

  it('writes proficiency levels where a framework has no grades', () => {
    expect(selectEvidenceTargets(frameworks, { framework: 'proficiency-test' }).map((p) => p.target.key)).toEqual(['awareness', 'working', 'practitioner', 'expert']);
    expect(selectEvidenceTargets(frameworks, { grade: 'working' }).map((p) => `${p.framework.id}/${p.target.key}`)).toEqual(['proficiency-test/working']);
  });

  it('gives one clear error and writes nothing, leaving the last build as it was, for bad configuration or selection', async () => {
    const bad: [string, Pick<Config, 'ratingScale' | 'wordsPerExample'>, RenderEvidenceOptions][] = [
      ['UnknownFramework', DEFAULT_CONFIG, { framework: 'no-such-framework' }],
      ['UnknownGrade', DEFAULT_CONFIG, { framework: 'success-profiles-2024', grade: 'g9' }],
      ['UnknownGrade', DEFAULT_CONFIG, { grade: 'chief-executive' }],
      ['ConfigInvalid', { ...DEFAULT_CONFIG, ratingScale: [] }, {}],
      ['ConfigInvalid', { ...DEFAULT_CONFIG, wordsPerExample: 0 }, {}],
    ];
    for (const [code, config, selection] of bad) {
      const out = mkdtempSync(join(tmpdir(), 'gradepack-evidence-bad-'));
      mkdirSync(join(out, 'forms', 'eo'), { recursive: true });
      writeFileSync(join(out, 'forms', 'eo', 'success-profiles-2024.pdf'), 'last good build');
      const error = await build(out, frameworks, config, { ...selection, pool, date });
      expect(error, code).toBeInstanceOf(GradepackError);
      expect((error as GradepackError).code).toBe(code);
      expect(filesUnder(out)).toEqual(['forms/eo/success-profiles-2024.pdf']);
      expect(readFileSync(join(out, 'forms', 'eo', 'success-profiles-2024.pdf'), 'utf8')).toBe('last good build');
    }
  });

  it('refuses a configuration file whose rating scale has no levels, naming the file', () => {
    expect(() => parseConfig('{ "ratingScale": [] }', 'gradepack.config.json')).toThrow(GradepackError);
    try {
      parseConfig('{ "ratingScale": [] }', 'gradepack.config.json');
    } catch (e) {
      expect((e as GradepackError).format()).toMatch(/^gradepack\.config\.json: error ConfigInvalid: .*ratingScale/);
    }
  });

  it('writes nothing when one document fails to render', async () => {
    const templates = mkdtempSync(join(tmpdir(), 'gradepack-evidence-templates-'));
    cpSync(join(DEFAULT_TEMPLATES_DIR, 'forms'), join(templates, 'forms'), { recursive: true });
    const page = join(templates, FORM_TEMPLATE_FILES.page);
    // A layout that forgets the summary's box: the form cannot be made fillable.
    writeFileSync(page, readFileSync(page, 'utf8').replace('<a class="field-box field-box--summary" href="{{summary.href}}"></a>', ''));
    const out = mkdtempSync(join(tmpdir(), 'gradepack-evidence-fail-'));
    const error = await build(out, frameworks, DEFAULT_CONFIG, { pool, date, framework: 'per-grade-test', layout: await loadFormLayout(templates) });
    expect(error).toBeInstanceOf(GradepackError);
    expect((error as GradepackError).code).toBe('RenderFailed');
    expect((error as GradepackError).message).toContain('no box for field summary');
    expect(filesUnder(out)).toEqual([]);
  });
});
