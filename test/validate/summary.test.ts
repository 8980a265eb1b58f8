import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnostic, type DiagnosticInit } from '../../src/model/diagnostic';
import { CIVIL_SERVICE_GRADES } from '../../src/model/grades';
import type { Framework } from '../../src/model/schema';
import { validationReport } from '../../src/validate/report';
import { validationSummary } from '../../src/validate/summary';
import { runCli, tempProject } from '../helpers/project';

function framework(id: string, title: string, corrected: number): Framework {
  return {
    id,
    title,
    publisher: 'P',
    edition: 'May 2018',
    date: null,
    licence: 'OGL',
    url: null,
    sources: [{ file: `${id}.txt`, sha256: '0'.repeat(64), format: 'text' }],
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
        levels: [
          {
            level: '1',
            note: null,
            intro: null,
            indicators: Array.from({ length: 3 }, (_, i) => ({
              id: `leadership.1.e${i + 1}`,
              text: `Indicator ${i + 1}`,
              polarity: 'effective' as const,
              grade: null,
              source: { file: `${id}.txt`, line: i + 1, page: null },
              ...(i < corrected ? { corrected: { kind: 'replace' as const, original: 'x', reason: 'typo' } } : {}),
            })),
          },
        ],
      },
    ],
    retired: [],
  };
}

const finding = (framework: string, init: Omit<DiagnosticInit, 'message'>) =>
  diagnostic({ message: 'm', framework, file: `sources/${framework}.txt`, line: 1, ...init });

describe('the validation summary', () => {
  const frameworks = [framework('alpha', 'Alpha behaviours', 2), framework('beta', 'Beta skills', 0)];
  const diagnostics = [
    finding('alpha', { severity: 'error', code: 'level-completeness/missing-level' }),
    finding('alpha', { severity: 'warning', code: 'extraction-health/garbled' }),
    finding('alpha', { severity: 'warning', code: 'extraction-health/garbled', line: 9 }),
    finding('alpha', { severity: 'error', code: 'cumulative-consistency/repeated', accepted: 'Published so.' }),
    finding('beta', { severity: 'warning', code: 'extraction-health/truncated', accepted: 'The page omits the full stop.' }),
  ];

  it('says per document, in plain words, what needs a person, what errata corrected and what is accepted', () => {
    expect(validationSummary(diagnostics, frameworks).split('\n')).toEqual([
      'Summary: 3 findings need a person (1 error stops a build until fixed or accepted).',
      'Errata corrected 2 passages; 2 known defects are accepted as published.',
      '',
      'Alpha behaviours (May 2018), sources/alpha.txt',
      '  To fix or accept (stops a build): 1 missing level.',
      '  To check against the document: 2 garbled passages.',
      '  Already handled: errata corrected 2 passages and 1 known defect is accepted as published, each with its reason in the errata file.',
      '',
      'Beta skills (May 2018), sources/beta.txt',
      '  Nothing needs a person.',
      '  Already handled: 1 known defect is accepted as published, each with its reason in the errata file.',
    ]);
  });

  it('with nothing found says so, and a finding of no framework stands under its file', () => {
    expect(validationSummary([], frameworks)).toContain('Summary: nothing needs a person.');
    const stale = diagnostic({ severity: 'error', code: 'errata/stale-accept', message: 'm', file: 'sources/gamma.txt.errata.json', line: 3 });
    const text = validationSummary([stale], []);
    expect(text).toContain('sources/gamma.txt.errata.json\n  To fix or accept (stops a build): 1 errata acceptance that no longer matches a finding.');
  });

  it('leads the report: the summary, then every finding with its hint', () => {
    const { text } = validationReport(diagnostics, frameworks);
    const summaryEnd = text.indexOf('Each finding, where to fix it');
    expect(text.startsWith('Summary: ')).toBe(true);
    expect(summaryEnd).toBeGreaterThan(0);
    expect(text.slice(summaryEnd)).toContain('sources/alpha.txt:1: error level-completeness/missing-level m\n  hint: ');
  });
});

describe('gradepack validate', () => {
  it('prints the summary first, and writes it to output/validation.txt too; --json prints only the findings', async () => {
    const root = tempProject(['mmo-2014', 'cscf-2012-sms1']);
    const run = await runCli(['validate', '--root', root, '--quiet']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^Summary: \d+ findings need a person \(warnings to check: none stops a build\)\.$/);
    const mmo = lines.indexOf('MMO Competency Framework (Performance Expectation Statement 2014/15), sources/mmo-competency-framework-2014-15.md');
    expect(mmo).toBeGreaterThan(0);
    expect(lines[mmo + 1]).toMatch(
      /^ {2}To check against the document: .*7 level headings misread by text recognition, .*5 unexpected differences from the framework it adapts/,
    );
    expect(lines[mmo + 2]).toMatch(/^ {2}Already handled: errata corrected 1 passage and 16 known defects are accepted as published/);
    const firstFinding = lines.findIndex((l) => l.startsWith('sources/'));
    expect(firstFinding).toBeGreaterThan(mmo);
    expect(readFileSync(join(root, 'output', 'validation.txt'), 'utf8')).toBe(run.stdout);
    const json = await runCli(['validate', '--root', root, '--quiet', '--json']);
    expect(Array.isArray(JSON.parse(json.stdout))).toBe(true);
  });
});
