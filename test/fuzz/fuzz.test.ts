import { describe, expect, it } from 'vitest';
import { FUZZ_KINDS } from './kinds';
import { applyJsonEdits, applyTextEdits } from './mutations';
import { formatReport, runFuzz } from './runner';

/**
 * The fuzz suite at a fixed seed and a small count: every input kind mutated, the CLI run on it in
 * worker processes, each case under a time limit. `npm run fuzz` runs the full count (10,000 cases
 * per kind) and writes its report to scratch/fuzz/report.md.
 */
const CASES_PER_KIND = 6;

describe('fuzzing every input kind (fixed seed)', () => {
  it('ends every case in exit 0 or a named error: no stack trace, no hang, no raw control character, no damaged output', { timeout: 900_000 }, async () => {
    const report = await runFuzz({ seed: 20261129, cases: CASES_PER_KIND, workers: 2, timeoutMs: 180_000 });
    const text = formatReport(report, 2);
    expect(
      report.failures.map((f) => `${f.kind} case ${f.index}: ${f.problems.join('; ')}\n${f.stderr}`),
      text,
    ).toEqual([]);
    expect(report.tallies.map((t) => [t.kind, t.cases])).toEqual(FUZZ_KINDS.map((k) => [k.name, CASES_PER_KIND]));
    // The mutations reach the checks: every kind met at least one named error or finding.
    for (const t of report.tallies) expect(t.errorNames.size + t.findings, `${t.kind}\n${text}`).toBeGreaterThan(0);
  });
});

describe('mutations', () => {
  it('edit text at fractions of its length and lines, whatever the file', () => {
    expect(applyTextEdits('abc\ndef', [{ op: 'insert', at: 0.5, text: 'X' }])).toBe('abc\nXdef');
    expect(applyTextEdits('a\nb\nc', [{ op: 'duplicateLines', at: 0.4, count: 1, times: 2 }])).toBe('a\nb\nb\nb\nc');
    expect(applyTextEdits('a\nb\nc', [{ op: 'swapLines', a: 0, b: 0.99 }])).toBe('c\nb\na');
    expect(applyTextEdits('', [{ op: 'deleteLines', at: 0.5, count: 3 }])).toBe('');
  });

  it('edit JSON values in place, and make "__proto__" an own key as JSON.parse would', () => {
    const edited = applyJsonEdits({ a: [1, 2], b: { c: 'x' } }, [{ op: 'addKey', at: 0.99, key: '__proto__', value: 'p' }]) as Record<string, unknown>;
    expect(JSON.stringify(edited)).toBe('{"a":[1,2],"b":{"c":"x","__proto__":"p"}}');
    expect(applyJsonEdits({ a: [1, 2] }, [{ op: 'duplicate', at: 0.5 }])).toEqual({ a: [1, 1, 2] });
  });
});
