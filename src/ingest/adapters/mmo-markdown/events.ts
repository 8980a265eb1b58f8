import { append } from '../../../model/arrays';
import { cellText, readColumnRoles } from './columns';
import type { Finding } from './findings';
import { readLevelLabel, type LevelLabel } from './level-label';
import type { TableBlock, TableCell } from './markdown';
import { headerAwaitsTo, isHeaderText, isPageNumber, isStrayMarks, joinFragments, splitRunTogether, startsIndicator } from './wording';

/**
 * A competency section's tables as one stream, page breaks removed: level labels, rows of
 * effective / ineffective text fragments, and gaps where a page could not be read. Repeated
 * headers, stray marks and page numbers are dropped here; fragments are not yet joined.
 */
export interface Fragment {
  text: string;
  line: number;
  startsNew: boolean;
}

export type Polarity = 'effective' | 'ineffective';
export const POLARITIES: Polarity[] = ['effective', 'ineffective'];

export type SectionEvent =
  | { kind: 'label'; line: number; label: LevelLabel }
  | { kind: 'row'; line: number; fragments: Record<Polarity, Fragment[]> }
  | { kind: 'gap'; line: number; endLine: number; header: string };

/** A table with a garbled column: its clean columns are read, the garbled text kept for cross-checks. */
export interface GarbledTable {
  line: number;
  endLine: number;
  text: string;
}

export interface SectionStream {
  events: SectionEvent[];
  garbledTables: GarbledTable[];
  findings: Finding[];
}

export function streamSection(tables: TableBlock[]): SectionStream {
  const events: SectionEvent[] = [];
  const garbledTables: GarbledTable[] = [];
  const findings: Finding[] = [];
  const awaitsTo: Record<Polarity, boolean> = { effective: false, ineffective: false };

  for (const table of tables) {
    const roles = readColumnRoles(table);
    if (!roles) {
      events.push({ kind: 'gap', line: table.line, endLine: table.endLine, header: headerText(table) });
      append(events, labelsInside(table));
      continue;
    }
    if (roles.garbled.length) {
      const text = table.rows.flatMap((r) => roles.garbled.map((c) => cellText(r.cells[c]))).join(' ');
      garbledTables.push({ line: table.line, endLine: table.endLine, text });
      findings.push({
        kind: 'garbled',
        severity: 'warning',
        line: table.line,
        message: `the table at lines ${table.line}-${table.endLine} has a garbled extra column (a smeared repeat of the page's text, ${text.length} characters); only its effective and ineffective columns are read`,
      });
    }
    const column: Record<Polarity, number> = { effective: roles.effective, ineffective: roles.ineffective };
    for (const polarity of POLARITIES) awaitsTo[polarity] = headerAwaitsTo(cellText(table.rows[0]!.cells[column[polarity]]));

    for (const row of table.rows.slice(1)) {
      const cells: Record<Polarity, TableCell | undefined> = {
        effective: row.cells[roles.effective],
        ineffective: row.cells[roles.ineffective],
      };
      const texts = POLARITIES.map((p) => joinFragments(cells[p]?.segments ?? []));
      const label = readLevelLabel(texts);
      if (label) {
        events.push({ kind: 'label', line: row.line, label });
        continue;
      }
      // A whole, well-read label in one cell with text beside it: the label, then the text.
      const labelCell = texts.findIndex((t) => t && readLevelLabel([t])?.problem === null);
      if (labelCell >= 0) {
        events.push({ kind: 'label', line: row.line, label: readLevelLabel([texts[labelCell]!])! });
        texts[labelCell] = '';
        cells[POLARITIES[labelCell]!] = undefined;
      }
      const fragments: Record<Polarity, Fragment[]> = { effective: [], ineffective: [] };
      POLARITIES.forEach((polarity, i) => {
        const read = readCell(texts[i]!, cells[polarity]?.segments ?? [], polarity, row.line, awaitsTo);
        fragments[polarity] = read.fragments;
        append(findings, read.findings);
      });
      if (fragments.effective.length || fragments.ineffective.length) events.push({ kind: 'row', line: row.line, fragments });
    }
  }
  return { events, garbledTables, findings };
}

/**
 * One cell's text as fragments, without repeated headers (and the "to" a header wrapped onto the
 * next row), page numbers and stray marks; two indicators run together are split.
 */
function readCell(
  text: string,
  segments: string[],
  polarity: Polarity,
  line: number,
  awaitsTo: Record<Polarity, boolean>,
): { fragments: Fragment[]; findings: Finding[] } {
  const none = { fragments: [], findings: [] };
  if (!text) return none;
  if (isHeaderText(text)) {
    awaitsTo[polarity] = headerAwaitsTo(text);
    return none;
  }
  const wasAwaiting = awaitsTo[polarity];
  awaitsTo[polarity] = false;
  if ((wasAwaiting && text === 'to') || isPageNumber(text)) return none;
  if (isStrayMarks(text)) {
    return { fragments: [], findings: [{ kind: 'garbled', severity: 'warning', line, message: `stray marks "${text}" in the ${polarity} column ignored` }] };
  }
  const parts = splitRunTogether(joinKeepingSpaces(segments));
  const findings: Finding[] =
    parts.length > 1
      ? [
          {
            kind: 'ambiguous-boundary',
            severity: 'warning',
            line,
            message: `${parts.length} ${polarity} indicators run together in one cell, read separately: ${parts.map((p) => `"${p}"`).join(', ')}`,
          },
        ]
      : [];
  return { fragments: parts.map((part, k) => ({ text: part, line, startsNew: k > 0 || startsIndicator(part) })), findings };
}

/** Like joinFragments, but keeps runs of spaces inside a segment: they can mark cells run together. */
function joinKeepingSpaces(segments: string[]): string {
  return segments.reduce((out, s) => (!out ? s : /[A-Za-z]-$/.test(out) ? out + s : `${out} ${s}`), '');
}

function headerText(table: TableBlock): string {
  return (table.rows[0]?.cells ?? []).map(cellText).join(' | ');
}

/** Level labels survive in unreadable tables more often than text does; they keep the level count right. */
function labelsInside(table: TableBlock): SectionEvent[] {
  const events: SectionEvent[] = [];
  for (const row of table.rows.slice(1)) {
    const label = readLevelLabel(row.cells.map(cellText));
    if (label) events.push({ kind: 'label', line: row.line, label });
  }
  return events;
}
