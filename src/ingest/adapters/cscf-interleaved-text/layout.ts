import type { NumberedLine } from '../../text';
import { normalizeSpace } from '../../../model/text';
import type { Finding } from './finding';
import { isColumnHeader, isRunningTitle, stripFurniture } from './furniture';

/**
 * The document's blocks: the intro (ignored), cluster headings, numbered competency summaries
 * ("1. Seeing the Big Picture" then a paragraph), then numbered competency tables (the same
 * heading then TAB-separated rows: effective cell, TAB, ineffective cell).
 */
export interface Heading {
  number: number;
  title: string;
  line: number;
  /** Table headings keep the empty right-hand cell of their row. */
  trailingTab: boolean;
}

export interface Summary {
  heading: Heading;
  cluster: string | null;
  paragraph: NumberedLine[];
}

export interface TableRow {
  line: number;
  /** The line split at TABs; a single cell when the line has no TAB. */
  cells: string[];
}

export interface Table {
  heading: Heading;
  rows: TableRow[];
}

export interface Layout {
  hasRunningTitle: boolean;
  hasColumnHeaders: boolean;
  hasClusters: boolean;
  summaries: Summary[];
  tables: Table[];
  /** TAB-separated lines outside any table. */
  strayRows: TableRow[];
  findings: Finding[];
}

const NUMBERED_HEADING = /^(\d{1,2})\.\s+([A-Za-z][^\t]*?)\s*$/;
const CLUSTER_HEADING = /^([A-Za-z][A-Za-z ]{0,40}\bCluster)\s*[–—-]\s*([A-Za-z][A-Za-z ]{0,60})$/;

function headingOf(line: NumberedLine): Heading | null {
  const match = NUMBERED_HEADING.exec(line.text.replace(/\s+$/, ''));
  if (!match) return null;
  return { number: Number(match[1]), title: normalizeSpace(match[2]!), line: line.line, trailingTab: /\t\s*$/.test(line.text) };
}

const isTableLine = (text: string) => text.includes('\t') || isColumnHeader(text);

/**
 * A heading introduces a table when it ends with the TAB of an empty right-hand cell, when its
 * competency is already summarised, or when the next line that is neither blank nor the same
 * heading is a table line.
 */
function introducesTable(lines: NumberedLine[], at: number, heading: Heading, summarised: boolean): boolean {
  if (heading.trailingTab || summarised) return true;
  for (let i = at + 1; i < lines.length; i++) {
    const text = lines[i]!.text;
    if (!text.trim()) continue;
    const next = headingOf(lines[i]!);
    if (next && next.title === heading.title) continue;
    return isTableLine(text);
  }
  return false;
}

export function readLayout(source: NumberedLine[]): Layout {
  const lines = source.map((l) => ({ line: l.line, text: stripFurniture(l.text) }));
  const layout: Layout = {
    hasRunningTitle: source.some((l) => isRunningTitle(l.text)),
    hasColumnHeaders: false,
    hasClusters: false,
    summaries: [],
    tables: [],
    strayRows: [],
    findings: [],
  };
  const summarised = new Set<string>();
  let cluster: string | null = null;
  let summary: Summary | null = null;
  let table: Table | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.text.trim()) continue;
    const heading = headingOf(line);
    if (heading) {
      summary = null;
      table = null;
      const key = heading.title.toLowerCase();
      if (introducesTable(lines, i, heading, summarised.has(key))) {
        table = { heading, rows: [] };
        layout.tables.push(table);
      } else {
        summary = { heading, cluster, paragraph: [] };
        layout.summaries.push(summary);
        summarised.add(key);
      }
      continue;
    }
    const clusterHeading = line.text.includes('\t') ? null : CLUSTER_HEADING.exec(normalizeSpace(line.text));
    if (clusterHeading) {
      cluster = normalizeSpace(line.text);
      layout.hasClusters = true;
      summary = null;
      table = null;
      continue;
    }
    if (table) {
      readTableLine(table, lines, i, layout);
    } else if (summary && !line.text.includes('\t')) {
      summary.paragraph.push(line);
    } else if (line.text.includes('\t')) {
      layout.strayRows.push({ line: line.line, cells: line.text.split('\t') });
    }
  }
  return layout;
}

function readTableLine(table: Table, lines: NumberedLine[], at: number, layout: Layout): void {
  const line = lines[at]!;
  const previous = lines[at - 1];
  const cells = line.text.split('\t');
  if (cells.some(isColumnHeader)) layout.hasColumnHeaders = true;
  if (table.rows.length > 0 && previous && !previous.text.trim()) {
    layout.findings.push({
      line: line.line,
      kind: 'ambiguous-boundary',
      severity: 'warning',
      message: `the table of "${table.heading.title}" goes on after a blank line: the heading of another table may be lost`,
    });
  }
  if (previous?.text.trim() && previous.text === line.text && table.rows.length > 0) {
    layout.findings.push({ line: line.line, kind: 'read-twice', severity: 'warning', message: 'the line repeats the line before; the repeat is not read' });
    return;
  }
  table.rows.push({ line: line.line, cells });
}
