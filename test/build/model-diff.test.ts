import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffFrameworks, formatDiffMarkdown } from '../../src/model/diff';
import { CIVIL_SERVICE_GRADES } from '../../src/model/grades';
import type { Framework } from '../../src/model/schema';
import { expectGolden } from '../helpers/golden';
import { ingestWith, realSource, ROOT } from '../helpers/ingest';
import { runCli } from '../helpers/project';

function framework(texts: Record<string, string[]>): Framework {
  return {
    id: 'f',
    title: 'F',
    publisher: 'P',
    edition: 'E',
    date: null,
    licence: 'OGL',
    url: null,
    sources: [{ file: 'f.txt', sha256: '0'.repeat(64), format: 'text' }],
    grades: CIVIL_SERVICE_GRADES.filter((g) => g.id === 'eo'),
    policy: { pairsEffectiveIneffective: false, adaptationOf: null },
    levels: [{ id: '1', label: 'One', order: 1, grades: ['eo'] }],
    competencies: [
      {
        id: 'leadership',
        title: 'Leadership',
        cluster: null,
        description: null,
        source: null,
        levels: Object.entries(texts).map(([level, list]) => ({
          level,
          note: null,
          intro: null,
          indicators: list.map((text, i) => ({
            id: `leadership.${level}.e${i + 1}`,
            text,
            polarity: 'effective' as const,
            grade: null,
            source: { file: 'f.txt', line: i + 1, page: null },
          })),
        })),
      },
    ],
    retired: [],
  };
}

describe('model diff', () => {
  it('tells added, removed, reworded and restyled apart', () => {
    const before = framework({ '1': ['Lead the team with energy', 'Keep people informed.', 'Set clear goals', 'Delete me entirely please'] });
    const after = framework({ '1': ['Lead the team with energy and care', 'keep people informed', 'Set clear goals', 'A wholly new indicator about budgets'] });
    const kinds = diffFrameworks(before, after).changes.map((c) => [c.kind, c.before, c.after]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ['reworded', 'Lead the team with energy', 'Lead the team with energy and care'],
        ['restyled', 'Keep people informed.', 'keep people informed'],
        ['added', null, 'A wholly new indicator about budgets'],
        ['removed', 'Delete me entirely please', null],
      ]),
    );
    expect(kinds).toHaveLength(4);
  });

  it('says so when nothing changed', () => {
    const f = framework({ '1': ['One thing'] });
    expect(formatDiffMarkdown([diffFrameworks(f, f)])).toContain('No indicator was added, removed or reworded.');
  });

  it('escapes Markdown in source text', () => {
    const md = formatDiffMarkdown([diffFrameworks(framework({ '1': [] }), framework({ '1': ['a *bold* <b>claim</b>'] }))]);
    expect(md).toContain('a \\*bold\\* \\<b\\>claim\\</b\\>');
  });

  it('the committed 2018 → 2024 comparison is what `gradepack diff` says now', async () => {
    const [a, b] = await Promise.all([
      ingestWith('success-profiles-2018', [realSource('success-profiles-behaviours-2018.pdf', 'pdf')]),
      ingestWith('success-profiles-2024', [realSource('success-profiles-behaviours-2024.txt')]),
    ]);
    const markdown = formatDiffMarkdown([diffFrameworks(a.framework, b.framework)], 'Success Profiles behaviours: May 2018 edition to October 2024 edition');
    expect(markdown).toContain('- Leadership, level 4, effective: “Inspire and motivate teams to be fully engaged in their work and dedicated to their role.”');
    expectGolden(markdown, join(ROOT, 'docs', 'success-profiles-2018-to-2024.md'));
  });

  it('puts what changed in meaning first (removed, added, reworded) and restyling as a count, or listed when asked', () => {
    const before = framework({ '1': ['Lead the team with energy', 'Keep people informed.', 'Set clear goals', 'Delete me entirely please'] });
    const after = framework({ '1': ['Lead the team with energy and care', 'keep people informed', 'Set clear goals', 'A wholly new indicator about budgets'] });
    const diff = diffFrameworks(before, after);
    const counted = formatDiffMarkdown([diff], 'T');
    expect(counted.split('\n')).toEqual([
      '# T',
      '',
      '## f',
      '',
      'Changed in meaning: 1 removed, 1 added, 1 reworded.',
      'Restyled only (same words; only capitals, punctuation or quotes differ): 1, not listed (`gradepack diff` lists them with `--restyled`).',
      '',
      '### Removed (1)',
      '',
      '- Leadership, level 1, effective: “Delete me entirely please”',
      '',
      '### Added (1)',
      '',
      '- Leadership, level 1, effective: “A wholly new indicator about budgets”',
      '',
      '### Reworded (1)',
      '',
      '- Leadership, level 1, effective: “Lead the team with energy”',
      '  → “Lead the team with energy and care”',
      '',
    ]);
    const listed = formatDiffMarkdown([diff], 'T', 'list');
    expect(listed).toContain('### Restyled only (1)\n\n- Leadership, level 1, effective: “Keep people informed.” → “keep people informed”\n');
    expect(listed.indexOf('### Restyled only')).toBeGreaterThan(listed.indexOf('### Reworded'));
    const folded = formatDiffMarkdown([diff], 'T', 'fold');
    expect(folded).toMatch(
      /<details>\n<summary>Restyled only \(1\): [^<]*<\/summary>\n\n- Leadership, level 1, effective: “Keep people informed\.” → “keep people informed”\n\n<\/details>/,
    );
  });

  it('`gradepack diff` of the 2018 and 2024 editions leads with the 3 removals and 15 rewordings; the 308 restyled only with --restyled', async () => {
    const [a, b] = ['success-profiles-2018', 'success-profiles-2024'].map((id) => join(ROOT, 'output', 'model', `${id}.json`));
    const run = await runCli(['diff', a!, b!]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[4]).toBe('Changed in meaning: 3 removed, 0 added, 15 reworded.');
    expect(lines[5]).toMatch(/^Restyled only \(.*\): 308, not listed/);
    expect(lines.indexOf('### Removed (3)')).toBeLessThan(lines.indexOf('### Reworded (15)'));
    // Each removal is a line, each rewording two: nothing else but headings.
    expect(lines.filter((l) => l.startsWith('- ')).length).toBe(3 + 15);
    expect(lines.length).toBeLessThan(60);
    const all = await runCli(['diff', a!, b!, '--restyled']);
    const allLines = all.stdout.split('\n');
    expect(allLines.slice(allLines.indexOf('### Restyled only (308)')).filter((l) => l.startsWith('- ')).length).toBe(308);
  });

  it('`gradepack diff` reads two model files and exits 1 with --exit-code when they differ', async () => {
    const file = join(ROOT, 'test', 'fixtures', 'build', 'diff');
    const run = await runCli(['diff', join(file, 'a.json'), join(file, 'b.json'), '--exit-code']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('### Reworded');
    const bad = await runCli(['diff', join(file, 'a.json'), join(file, 'missing.json')]);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('ModelMissing');
  });
});
