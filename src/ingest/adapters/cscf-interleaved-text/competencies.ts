import { append } from '../../../model/arrays';
import { slugify } from '../../../model/slug';
import type { ExtractedCompetency } from '../../types';
import { splitColumns } from './columns';
import { gatherEvidence } from './evidence';
import type { Finding } from './finding';
import { tableIndicators } from './indicators';
import type { Heading, Layout, Table } from './layout';
import { summaryDescription, titleKey } from './summaries';

export const LEVEL = '5';

/** Pairs each competency's summary (cluster, description) with its table (indicators, all at level 5). */
export function readCompetencies(layout: Layout, documentText: string, file: string): { competencies: ExtractedCompetency[]; findings: Finding[] } {
  const findings: Finding[] = [...layout.findings];
  for (const row of layout.strayRows) {
    findings.push({
      line: row.line,
      kind: 'misplaced-text',
      severity: 'error',
      message: `TAB-separated line outside any competency table, not read: "${row.cells.join(' | ').trim()}"`,
    });
  }

  const competencies: ExtractedCompetency[] = [];
  const byTitle = new Map<string, ExtractedCompetency>();
  const competencyFor = (heading: Heading): ExtractedCompetency => {
    const existing = byTitle.get(titleKey(heading.title));
    if (existing) return existing;
    const competency: ExtractedCompetency = {
      title: heading.title,
      cluster: null,
      description: null,
      source: { file, line: heading.line, page: null },
      levels: [],
    };
    competencies.push(competency);
    byTitle.set(titleKey(heading.title), competency);
    return competency;
  };

  for (const { heading, cluster, paragraph } of layout.summaries) {
    const competency = slugify(heading.title);
    if (byTitle.has(titleKey(heading.title))) {
      findings.push({
        line: heading.line,
        kind: 'read-twice',
        severity: 'warning',
        message: `the summary of "${heading.title}" appears again; the first is kept`,
        competency,
      });
      continue;
    }
    const extracted = competencyFor(heading);
    extracted.cluster = cluster;
    extracted.description = summaryDescription(paragraph, documentText);
    if (!cluster)
      findings.push({
        line: heading.line,
        kind: 'missing-part',
        severity: 'warning',
        message: `no cluster heading before the summary of "${heading.title}"`,
        competency,
      });
    if (!extracted.description)
      findings.push({ line: heading.line, kind: 'missing-part', severity: 'warning', message: `no summary paragraph under "${heading.title}"`, competency });
  }

  const tables = new Map<ExtractedCompetency, Table[]>();
  for (const table of layout.tables) {
    const { heading } = table;
    const competency = slugify(heading.title);
    if (!byTitle.has(titleKey(heading.title))) {
      findings.push({
        line: heading.line,
        kind: 'missing-part',
        severity: 'warning',
        message: `table "${heading.title}" has no competency summary`,
        competency,
      });
    }
    const extracted = competencyFor(heading);
    const earlier = tables.get(extracted) ?? [];
    if (earlier.length > 0) {
      findings.push({
        line: heading.line,
        kind: 'read-twice',
        severity: 'warning',
        message: `the table heading "${heading.title}" appears again; its rows are read as the same table`,
        competency,
      });
    }
    tables.set(extracted, [...earlier, table]);
  }

  const columns = new Map([...tables].map(([competency, t]) => [competency, splitColumns(t.flatMap((x) => x.rows))]));
  const evidence = gatherEvidence(
    [...columns.values()].flatMap((c) => [c.effective, c.ineffective]),
    documentText,
  );
  for (const extracted of competencies) {
    const competency = slugify(extracted.title);
    const table = columns.get(extracted);
    if (!table) {
      findings.push({
        line: extracted.source?.line ?? null,
        kind: 'missing-part',
        severity: 'error',
        message: `no effective / ineffective table for "${extracted.title}": its indicators are missing`,
        competency,
      });
      continue;
    }
    const read = tableIndicators(table, evidence, documentText, file);
    append(
      findings,
      read.findings.map((f) => ({ ...f, competency })),
    );
    if (read.indicators.length === 0) {
      findings.push({
        line: tables.get(extracted)![0]!.heading.line,
        kind: 'missing-part',
        severity: 'error',
        message: `the table of "${extracted.title}" has no indicators`,
        competency,
      });
      continue;
    }
    extracted.levels.push({ level: LEVEL, note: null, intro: null, indicators: read.indicators });
  }
  return { competencies, findings };
}
