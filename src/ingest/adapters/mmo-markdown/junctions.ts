import type { Draft } from './assemble';
import type { GarbledTable } from './events';
import type { Finding } from './findings';
import { words } from './garble';

/**
 * On a page with a garbled column, the clean columns can still have lost a line: the conversion
 * dropped a wrapped line of the cell and kept the rest. The garbled column repeats the page's
 * sentences, so each place where two wrapped lines of an indicator meet should read the same
 * there; where it never does, a line may be missing between them.
 */
const SPAN = 2;

export function checkJunctions(drafts: Draft[], tables: GarbledTable[]): Finding[] {
  const findings: Finding[] = [];
  const readings = tables.map((t) => ` ${words(t.text).join(' ')} `);
  for (const draft of drafts) {
    draft.fragments.forEach((b, i) => {
      const a = draft.fragments[i - 1];
      if (!a) return;
      const t = tables.findIndex((table) => within(table, a.line) && within(table, b.line));
      if (t < 0) return;
      const junction = [...words(a.text).slice(-SPAN), ...words(b.text).slice(0, SPAN)].join(' ');
      if (readings[t]!.includes(` ${junction} `)) return;
      findings.push({
        kind: 'truncated',
        severity: 'error',
        line: b.line,
        level: draft.level,
        message: `text may be missing between lines ${a.line} and ${b.line} of an ${draft.polarity} indicator: the page's garbled column never reads "${junction}" where the clean column joins "${a.text}" to "${b.text}"`,
      });
    });
  }
  return findings;
}

const within = (table: GarbledTable, line: number) => line > table.line && line <= table.endLine;
