import type { ExtractedIndicator } from '../../types';
import { segmentColumn } from './cells';
import type { Columns } from './columns';
import type { Evidence } from './evidence';
import type { Finding } from './finding';

/** The indicators of one competency's table: its effective cells, then its ineffective cells. */
export function tableIndicators(
  columns: Columns,
  evidence: Evidence,
  documentText: string,
  file: string,
): { indicators: ExtractedIndicator[]; findings: Finding[] } {
  const effective = segmentColumn(columns.effective, evidence, documentText);
  const ineffective = segmentColumn(columns.ineffective, evidence, documentText);
  const findings = [...columns.findings, ...effective.findings, ...ineffective.findings];
  if (effective.cells.length !== ineffective.cells.length) {
    // Every row of these tables pairs an effective cell with an ineffective one.
    findings.push({
      line: columns.effective[0]?.line ?? columns.ineffective[0]?.line ?? null,
      kind: 'ambiguous-boundary',
      severity: 'warning',
      message: `${effective.cells.length} effective but ${ineffective.cells.length} ineffective cells: a cell boundary may have been missed or invented`,
    });
  }
  const indicators: ExtractedIndicator[] = [
    ...effective.cells.map((c) => ({ text: c.text, polarity: 'effective' as const, grade: null, source: { file, line: c.line, page: null } })),
    ...ineffective.cells.map((c) => ({ text: c.text, polarity: 'ineffective' as const, grade: null, source: { file, line: c.line, page: null } })),
  ];
  return { indicators, findings };
}
