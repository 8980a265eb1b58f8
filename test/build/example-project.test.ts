import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseModel } from '../../src/model/io';
import { gradepackRoot, projectPaths } from '../../src/pipeline/paths';
import { ROOT } from '../helpers/ingest';
import { runCli } from '../helpers/project';

const EXAMPLE = join(ROOT, 'examples', 'fenwick-rivers');

describe('a project of its own: a framework authored in a spreadsheet', () => {
  it('a project without templates/ uses the bundled templates; one with them uses its own', () => {
    const bare = mkdtempSync(join(tmpdir(), 'gradepack-bare-'));
    expect(projectPaths(bare).templates).toBe(join(ROOT, 'templates'));
    expect(gradepackRoot()).toBe(ROOT);
    mkdirSync(join(bare, 'templates'));
    expect(projectPaths(bare).templates).toBe(join(bare, 'templates'));
  });

  it('examples/fenwick-rivers builds from its XLSX into packs, templates, forms and exports with `gradepack build --root`', async () => {
    const root = mkdtempSync(join(tmpdir(), 'gradepack-example-'));
    cpSync(EXAMPLE, root, { recursive: true });
    expect(existsSync(join(root, 'templates'))).toBe(false);
    const run = await runCli(['build', '--root', root, '--quiet']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /built: 40 rendered, 0 unchanged, 0 removed; models written: schema\.json, fenwick-rivers-2025\.json; validation: 0 errors, 0 warnings/,
    );
    const out = (path: string) => join(root, 'output', path);
    for (const grade of ['aa', 'ao', 'eo', 'heo', 'seo', 'g7', 'g6']) {
      for (const path of [
        `packs/${grade}/fenwick-rivers-2025.pdf`,
        `packs/${grade}/fenwick-rivers-2025.html`,
        `templates/${grade}/fenwick-rivers-2025.docx`,
        `forms/${grade}/fenwick-rivers-2025.pdf`,
        `forms/${grade}/fenwick-rivers-2025.docx`,
      ]) {
        expect(existsSync(out(path)), path).toBe(true);
      }
    }
    for (const path of [
      'reference/fenwick-rivers-2025.pdf',
      'exports/fenwick-rivers-2025.case.json',
      'exports/fenwick-rivers-2025.csv',
      'exports/fenwick-rivers-2025.xlsx',
    ]) {
      expect(existsSync(out(path)), path).toBe(true);
    }
    // The model: 4 competencies x 3 levels x 5 indicators, read from the sheet's rows with positional ids.
    const model = parseModel(readFileSync(out('model/fenwick-rivers-2025.json'), 'utf8'), 'model');
    expect(model.competencies.map((c) => [c.id, c.cluster, c.levels.length])).toEqual([
      ['working-with-communities', 'People', 3],
      ['keeping-people-safe', 'Delivery', 3],
      ['using-evidence', 'Delivery', 3],
      ['developing-others', 'People', 3],
    ]);
    const level2 = model.competencies[0]!.levels[1]!;
    expect(level2.indicators.map((i) => [i.id, i.polarity, i.source.file, i.source.line])).toEqual([
      ['working-with-communities.2.e1', 'effective', 'fenwick-behaviours.xlsx', 7],
      ['working-with-communities.2.e2', 'effective', 'fenwick-behaviours.xlsx', 8],
      ['working-with-communities.2.e3', 'effective', 'fenwick-behaviours.xlsx', 9],
      ['working-with-communities.2.i1', 'ineffective', 'fenwick-behaviours.xlsx', 10],
      ['working-with-communities.2.i2', 'ineffective', 'fenwick-behaviours.xlsx', 11],
    ]);
    const html = readFileSync(out('packs/heo/fenwick-rivers-2025.html'), 'utf8');
    expect(html).toContain('Run drop-in sessions that give residents a real say in how flood defences look');
    expect(html).toContain('Fenwick Rivers Agency: behaviours framework');
    // A second build renders nothing.
    expect((await runCli(['build', '--root', root, '--quiet'])).stdout).toMatch(/built: 0 rendered, 40 unchanged/);
  });
});
