import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FINDING_CODES, FINDINGS, ruleOf } from '../../src/model/findings';
import { RULES } from '../../src/validate/rules';
import { ROOT } from '../helpers/ingest';

const DOCS = join(ROOT, 'docs', 'validation-rules.md');
const START = '<!-- finding-codes:start -->';
const END = '<!-- finding-codes:end -->';

/** The table of codes as docs/validation-rules.md shows it. */
function codesTable(): string {
  const rows = FINDING_CODES.map((code) => `| <a id="${code.replace('/', '--')}"></a>\`${code}\` | [${ruleOf(code)}](#${ruleOf(code)}) | ${FINDINGS[code]} |`);
  return ['| code | rule | hint |', '|---|---|---|', ...rows].join('\n');
}

describe('the catalogue of finding codes', () => {
  it('names each code rule/kind, under a rule that exists (or errata), with a one-line hint', () => {
    const rules = new Set([...RULES.map((r) => r.id), 'errata']);
    for (const code of FINDING_CODES) {
      expect(code, code).toMatch(/^[a-z-]+\/[a-z-]+$/);
      expect(rules.has(ruleOf(code)), code).toBe(true);
      expect(FINDINGS[code], code).toMatch(/^[A-Z].{20,}[.?]$/);
      expect(FINDINGS[code], code).not.toContain('\n');
    }
  });

  it('is the table in docs/validation-rules.md, and every rule has its section there', () => {
    const docs = readFileSync(DOCS, 'utf8');
    const start = docs.indexOf(START);
    const end = docs.indexOf(END);
    expect(start).toBeGreaterThan(0);
    const current = docs.slice(start + START.length, end).trim();
    if (process.env.UPDATE && current !== codesTable()) {
      writeFileSync(DOCS, `${docs.slice(0, start + START.length)}\n${codesTable()}\n${docs.slice(end)}`);
    } else {
      expect(current).toBe(codesTable());
    }
    for (const rule of new Set(FINDING_CODES.map(ruleOf))) if (rule !== 'errata') expect(docs, rule).toContain(`## ${rule}\n`);
  });
});
