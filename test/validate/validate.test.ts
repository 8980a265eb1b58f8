import { describe, expect, it } from 'vitest';
import { Config, DEFAULT_CONFIG } from '../../src/config/config';
import { GradepackError } from '../../src/model/errors';
import { diagnostic, isBlocking } from '../../src/model/diagnostic';
import { knownSeverityKeys, validate } from '../../src/validate/validate';
import { buildResult, type FrameworkSpec } from './fixture';

/** Level 2 and level 4 share an indicator word for word; level 4 has a near-duplicate (warning). */
const spec: FrameworkSpec = {
  id: 'sp',
  levels: [{ id: '2' }, { id: '4' }],
  competencies: [
    {
      title: 'Seeing the big picture',
      levels: [
        {
          level: '2',
          indicators: [
            [128, 'understand how your work and the work of your team supports wider objectives'],
            [129, 'support colleagues to take responsibility for their own learning and development'],
          ],
        },
        {
          level: '4',
          indicators: [
            [273, 'understand how your work and the work of your team supports wider objectives'],
            [274, 'ensure colleagues take responsibility for their own learning and development'],
          ],
        },
      ],
    },
  ],
};

const config = (rules: Record<string, string>) => Config.parse({ rules });

describe('validate', () => {
  it('runs every rule and sorts the findings by file and line', () => {
    const found = validate({ results: [buildResult(spec)] });
    expect(found.map((d) => [d.rule, d.severity, d.line])).toEqual([
      ['cumulative-consistency', 'error', 273],
      ['cumulative-consistency', 'warning', 274],
    ]);
  });

  it('applies the configured severity to every finding of a rule', () => {
    const found = validate({ results: [buildResult(spec)] }, config({ 'cumulative-consistency': 'warning' }));
    expect(found.map((d) => d.severity)).toEqual(['warning', 'warning']);
    expect(found.some((d) => isBlocking(d, false))).toBe(false);
    expect(found.some((d) => isBlocking(d, true))).toBe(true);
  });

  it('drops a rule set to "off", and ingest findings of an id set to "off"', () => {
    const result = buildResult({
      ...spec,
      diagnostics: [
        diagnostic({
          severity: 'error',
          code: 'errata/unmatched-correction',
          message: 'errata entry (replace) matches nothing',
          framework: 'sp',
          file: 'sources/sp.txt',
          line: 3,
        }),
      ],
    });
    expect(validate({ results: [result] }, config({ 'cumulative-consistency': 'off' })).map((d) => d.rule)).toEqual(['errata']);
    expect(validate({ results: [result] }, config({ 'cumulative-consistency': 'off', errata: 'off' }))).toEqual([]);
  });

  it('sets the severity of one finding code apart from its rule', () => {
    const found = validate({ results: [buildResult(spec)] }, config({ 'cumulative-consistency': 'off', 'cumulative-consistency/repeated': 'warning' }));
    expect(found.map((d) => [d.code, d.severity])).toEqual([['cumulative-consistency/repeated', 'warning']]);
  });

  it('refuses a configuration that names an unknown rule or code, suggesting the near ones', () => {
    expect(knownSeverityKeys()).toEqual(
      expect.arrayContaining(['schema', 'level-completeness', 'cumulative-consistency', 'cross-source-consistency', 'extraction-health', 'errata']),
    );
    expect(knownSeverityKeys()).toContain('cumulative-consistency/near-repeat');
    try {
      validate({ results: [buildResult(spec)] }, config({ 'cumulative-consistancy': 'warning' }));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(GradepackError);
      expect((e as GradepackError).code).toBe('ConfigInvalid');
      expect((e as GradepackError).hint).toContain('cumulative-consistency');
    }
  });

  it('marks a finding an errata entry accepts, with its reason; it then blocks nothing', () => {
    const result = buildResult({
      ...spec,
      errata: [
        {
          source: 'sp.txt',
          entries: [{ action: 'accept', line: 273, code: 'cumulative-consistency/repeated', reason: 'Published this way on purpose.' }],
        },
      ],
    });
    const found = validate({ results: [result] }, DEFAULT_CONFIG, { complete: true });
    const repeat = found.find((d) => d.line === 273)!;
    expect(repeat.accepted).toBe('Published this way on purpose.');
    expect(found.filter((d) => isBlocking(d, false))).toEqual([]);
    expect(found.filter((d) => isBlocking(d, true)).map((d) => d.line)).toEqual([274]);
  });

  it('reports an accept entry that accepts nothing, but only when every framework was validated', () => {
    const result = buildResult({
      ...spec,
      errata: [{ source: 'sp.txt', entries: [{ action: 'accept', line: 99, code: 'cumulative-consistency/repeated', reason: 'An old defect.' }] }],
    });
    const complete = validate({ results: [result] }, DEFAULT_CONFIG, { complete: true });
    expect(complete.filter((d) => d.rule === 'errata')).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'errata/stale-accept',
        file: 'sources/sp.txt',
        line: 99,
        message: expect.stringContaining('matches no finding'),
      }),
    ]);
    expect(validate({ results: [result] }, DEFAULT_CONFIG, { complete: false }).filter((d) => d.rule === 'errata')).toEqual([]);
  });

  it('keeps a correction that "matches nothing" only if it matched nothing in every framework reading its source', () => {
    const miss = (framework: string) =>
      diagnostic({
        severity: 'error',
        code: 'errata/unmatched-correction',
        message: 'errata entry (replace) matches nothing in the extracted text: typo',
        framework,
        file: 'sources/shared.txt',
        line: 5,
      });
    const reader = (id: string, diagnostics: ReturnType<typeof miss>[]) =>
      buildResult({
        id,
        file: 'shared.txt',
        levels: [{ id: '1' }],
        competencies: [{ title: `Skill ${id}`, levels: [{ level: '1', indicators: [[10, `do ${id} things well`]] }] }],
        diagnostics,
      });
    // Read by two frameworks, missed by one: it applied in the other.
    expect(validate({ results: [reader('core', []), reader('scs', [miss('scs')])] })).toEqual([]);
    // Missed by both: stale, reported once.
    const both = validate({ results: [reader('core', [miss('core')]), reader('scs', [miss('scs')])] });
    expect(both.map((d) => [d.rule, d.line])).toEqual([['errata', 5]]);
  });
});
