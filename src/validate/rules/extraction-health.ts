import { diagnostic, type Diagnostic } from '../../model/diagnostic';
import type { Framework, Indicator } from '../../model/schema';
import { blockName } from '../blocks';
import { comparable } from '../repeats';
import type { Rule } from '../rule';
import { positionOf, quote } from '../where';

/**
 * Garbled, truncated or unrecoverable regions, at their source location. Mostly what ingest found
 * (the adapters' "extraction-health" findings and the "errata" findings about stale corrections),
 * passed through with their own severity; and a last look at the model for text that cannot be
 * the document's words: replacement characters, table or markup remnants, table headers or level
 * labels inside an indicator, or a run of words repeated within one indicator (a region the
 * conversion duplicated). An indicator the adapter already reported on the same line is left to
 * the adapter's finding.
 */
export const extractionHealthRule: Rule = {
  id: 'extraction-health',
  defaultSeverity: 'error',
  description: 'Garbled, truncated or unrecoverable regions found during ingest, and indicator text that cannot be the source’s words.',
  docs: 'docs/validation-rules.md#extraction-health',
  check({ results }) {
    return results.flatMap((r) => {
      const reported = new Set(r.diagnostics.map((d) => `${d.file}:${d.line ?? ''}:${d.page ?? ''}`));
      return [...r.diagnostics, ...suspectText(r.framework, reported)];
    });
  },
};

/** Words repeated as a run at least this long within one indicator mark a duplicated region. */
export const REPEATED_RUN_WORDS = 6;

const SUSPECTS: { test: RegExp; what: string }[] = [
  { test: /[\uFFFD\u0000-\u0008\u000B\u000C\u000E-\u001F]/, what: 'unreadable characters' },
  { test: /\||<\/?(br|u|b|i|span|p)\b[^>]*>|\*\*/i, what: 'table or markup remnants' },
  { test: /\b(Effective|Ineffective) Behaviour (&|and) Actions\b|\bPeople who are (less )?effective are likely to\b/i, what: 'a table header' },
  { test: /\bLevel\s*[1-6]\s*\((?:AA|AO|EO|HEO|SEO|Grade|Gr|CEO|Dir|D\b)/i, what: 'a level label' },
];

/**
 * The first run of `n` words that occurs twice in a text, not overlapping itself, or null.
 * Words are compared as ids (see comparable), runs found through a hash of their ids.
 */
export function repeatedRun(ids: ArrayLike<number>, n = REPEATED_RUN_WORDS): number | null {
  const first = new Map<number, number[]>();
  const same = (a: number, b: number) => {
    for (let k = 0; k < n; k++) if (ids[a + k] !== ids[b + k]) return false;
    return true;
  };
  for (let i = 0; i + n <= ids.length; i++) {
    let hash = 0;
    for (let k = 0; k < n; k++) hash = (Math.imul(hash, 31) + ids[i + k]!) | 0;
    const starts = first.get(hash);
    if (!starts) {
      first.set(hash, [i]);
      continue;
    }
    if (starts.some((s) => i >= s + n && same(s, i))) return i;
    starts.push(i);
  }
  return null;
}

function suspectText(framework: Framework, reported: Set<string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const competency of framework.competencies) {
    for (const level of competency.levels) {
      for (const indicator of level.indicators) {
        const at = positionOf(indicator.source)!;
        if (reported.has(`${at.file}:${at.line ?? ''}:${at.page ?? ''}`)) continue;
        const problem = problemOf(indicator);
        if (!problem) continue;
        out.push(
          diagnostic({
            severity: 'error',
            code: 'extraction-health/suspect-text',
            message: `${blockName(framework, level.level, indicator.grade)} of "${competency.title}": indicator text has ${problem}: ${quote(indicator.text, 90)}`,
            framework: framework.id,
            competency: competency.id,
            level: level.level,
            ...at,
          }),
        );
      }
    }
  }
  return out;
}

function problemOf(indicator: Indicator): string | null {
  for (const s of SUSPECTS) if (s.test.test(indicator.text)) return s.what;
  const { ids, words } = comparable(indicator.text);
  const at = repeatedRun(ids);
  return at === null ? null : `a run of words repeated within it ("${words.slice(at, at + REPEATED_RUN_WORDS).join(' ')}")`;
}
