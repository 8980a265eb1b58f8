import { describe, expect, it } from 'vitest';
import { compareDiagnostics, formatDiagnostic, type Diagnostic } from '../../src/model/diagnostic';
import { RULES } from '../../src/validate/rules';
import { fixtureResults, loadCases, type ExpectedFinding, type FrameworkSpec } from './fixture';

/**
 * One runner for every rule's fixtures: an ok case must produce no finding; a not-ok case exactly
 * the expected findings (severity, code, file, line or page, competency, level, and a part of the
 * message), each matching a finding of its own.
 */
const cases = loadCases();

function matches(d: Diagnostic, e: ExpectedFinding, defaultFile: string | null): boolean {
  return (
    d.severity === e.severity &&
    d.code === e.code &&
    d.file === (e.file ?? defaultFile) &&
    (e.line === undefined || d.line === e.line) &&
    (e.page === undefined || d.page === e.page) &&
    (e.competency === undefined || d.competency === e.competency) &&
    (e.level === undefined || d.level === e.level) &&
    d.message.includes(e.message)
  );
}

describe('validation rule fixtures', () => {
  it('every rule has ok and not-ok cases, and every fixture folder is a rule', () => {
    const folders = new Set(cases.map((c) => c.rule));
    expect([...folders].sort()).toEqual(RULES.map((r) => r.id).sort());
    for (const rule of RULES) {
      expect(
        cases.some((c) => c.rule === rule.id && c.kind === 'ok'),
        `${rule.id} ok`,
      ).toBe(true);
      expect(
        cases.some((c) => c.rule === rule.id && c.kind === 'not-ok'),
        `${rule.id} not-ok`,
      ).toBe(true);
    }
  });

  for (const { rule: ruleId, kind, name, fixture } of cases) {
    it(`${ruleId} ${kind}: ${name} (${fixture.description})`, () => {
      const rule = RULES.find((r) => r.id === ruleId)!;
      const found = rule.check({ results: fixtureResults(fixture) }).sort(compareDiagnostics);
      const shown = found.map(formatDiagnostic).join('\n');
      if (kind === 'ok') {
        expect(shown).toBe('');
        return;
      }
      const expected = fixture.expected ?? [];
      expect(expected.length, 'a not-ok case lists what it expects').toBeGreaterThan(0);
      const first: FrameworkSpec | undefined = fixture.frameworks?.[0];
      const defaultFile = first ? `sources/${first.file ?? `${first.id}.txt`}` : null;
      expect(found.length, shown).toBe(expected.length);
      const unmatched = [...found];
      expected.forEach((e, i) => {
        const at = unmatched.findIndex((d) => matches(d, e, defaultFile));
        expect(at, `expected finding ${i + 1}, ${JSON.stringify(e)}, is not among\n${unmatched.map(formatDiagnostic).join('\n')}`).toBeGreaterThanOrEqual(0);
        unmatched.splice(at, 1);
      });
    });
  }
});
