import { joinWrapped } from '../../text';
import type { Fragment } from './columns';
import type { Finding } from './finding';
import { boundaryBefore, endsMidSentence, firstWord, startsUpperCase, type Evidence } from './evidence';

export interface Cell {
  /** Line where the cell starts. */
  line: number;
  text: string;
}

/** A capital letter after a lower-case word: where two cells may have been run together. */
const INLINE_CANDIDATE = /(?<=[a-z]) (?=[A-Z])/g;

/** Cuts one column's fragments into cells: wrapped continuations joined, run-together cells split. */
export function segmentColumn(fragments: Fragment[], evidence: Evidence, documentText: string): { cells: Cell[]; findings: Finding[] } {
  const open: { line: number; parts: string[] }[] = [];
  const findings: Finding[] = [];
  for (const fragment of fragments) {
    fragment.text.split(INLINE_CANDIDATE).forEach((piece, index) => {
      const current = open.at(-1);
      if (!current) {
        if (!startsUpperCase(piece)) {
          findings.push({
            line: fragment.line,
            kind: 'truncated',
            severity: 'error',
            message: `the column starts mid-sentence ("${firstWord(piece)}"): the beginning of this cell may be lost`,
          });
        }
        open.push({ line: fragment.line, parts: [piece] });
        return;
      }
      const boundary = boundaryBefore(current.parts.at(-1)!, firstWord(piece), index === 0, evidence);
      if (boundary.doubt) findings.push({ line: fragment.line, ...boundary.doubt });
      if (boundary.startsCell) open.push({ line: fragment.line, parts: [piece] });
      else current.parts.push(piece);
    });
  }
  const cells = open.map((c) => ({ line: c.line, text: joinWrapped(c.parts, documentText) }));
  return { cells, findings: [...findings, ...cellFindings(cells)] };
}

const GARBLED = /[\u0000-\u0008\u000b-\u001f\u007f\ufffd]/;

/** Oddities in a finished cell that a reader should check. */
function cellFindings(cells: Cell[]): Finding[] {
  const findings: Finding[] = [];
  cells.forEach((cell, i) => {
    if (GARBLED.test(cell.text)) {
      findings.push({ line: cell.line, kind: 'garbled', severity: 'error', message: `garbled characters in "${cell.text}"` });
    }
    if (i === cells.length - 1 && endsMidSentence(cell.text)) {
      findings.push({ line: cell.line, kind: 'truncated', severity: 'error', message: `the last cell of the column ends mid-sentence: "${cell.text}"` });
    }
    const hyphen = /\b[A-Za-z]+- [a-z]+/.exec(cell.text);
    if (hyphen) {
      findings.push({
        line: cell.line,
        kind: 'suspect-text',
        severity: 'warning',
        message: `"${hyphen[0]}": a line-break hyphen the extraction joined with a space`,
      });
    }
  });
  return findings;
}
