import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/model/diagnostic';
import { ROOT } from '../helpers/ingest';
import { runCli } from '../helpers/project';

const MODEL = join(ROOT, 'output', 'model', 'success-profiles-2024.json');

/** A folder with no gradepack project in it: the model file is all there is. */
function elsewhere(): string {
  return mkdtempSync(join(tmpdir(), 'gradepack-model-only-'));
}

async function validateFiles(...files: string[]) {
  const run = await runCli(['validate', '--json', '--root', elsewhere(), ...files]);
  return { ...run, findings: run.code === 3 ? [] : (JSON.parse(run.stdout) as Diagnostic[]) };
}

describe('gradepack validate <model.json>', () => {
  it('checks a committed model file on its own, with the policy it carries and no errata', async () => {
    const run = await validateFiles(MODEL);
    // The model carries the errata's corrections (the intro at line 206), so only the one warning is left.
    expect(run.findings.filter((d) => d.severity === 'error').map((d) => [d.code, d.file, d.line])).toEqual([]);
    expect(run.findings.map((d) => d.code)).toEqual(['cumulative-consistency/similar']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/validated 1 model file in \d+ ms: 0 errors, 1 warning, 0 accepted/);
  });

  it('finds a defect planted in the model file, at its source line', async () => {
    const model = JSON.parse(readFileSync(MODEL, 'utf8'));
    const level4 = model.competencies[0].levels[3];
    level4.indicators.push({ ...model.competencies[0].levels[1].indicators[0], id: `${level4.indicators[0].id.replace(/\d+$/, '')}99` });
    const file = join(elsewhere(), 'planted.json');
    writeFileSync(file, JSON.stringify(model));
    const run = await validateFiles(file);
    expect(run.code).toBe(1);
    expect(run.findings.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['cumulative-consistency/repeated']);
  });

  it('reports a model that does not match the schema at the model file, and runs no other rule on it', async () => {
    const model = JSON.parse(readFileSync(MODEL, 'utf8'));
    delete model.competencies[2].levels[0].indicators[1].text;
    const file = join(elsewhere(), 'broken.json');
    writeFileSync(file, JSON.stringify(model));
    const run = await validateFiles(file);
    expect(run.code).toBe(1);
    expect(run.findings).toEqual([
      expect.objectContaining({ code: 'schema/invalid', file, line: null, message: expect.stringContaining('competencies.2.levels.0.indicators.1.text') }),
    ]);
  });

  it('names a missing file or a folder, exit 3', async () => {
    const missing = await runCli(['validate', join(elsewhere(), 'nope.json')]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/nope\.json: error ModelMissing/);
    const folder = await runCli(['validate', elsewhere()]);
    expect(folder.code).toBe(3);
    expect(folder.stderr).toMatch(/error InputNotAFile: .* is a folder, not a file/);
  });
});
