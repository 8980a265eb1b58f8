import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { GradepackError } from '../../../model/errors';
import { normalizeSpace } from '../../../model/text';

/**
 * The most table cell borders (`|`) a markdown source may have. remark's table parser needs about
 * 9 KB of memory per border (a megabyte of `| x | y |` rows took 2.2 GB and 20 s), so a source of
 * tiny cells would exhaust the heap long before the size limit; the MMO framework has 3,743.
 */
export const MAX_TABLE_BORDERS = 40_000;

/**
 * The markdown document as a flat list of blocks with their 1-based source lines: headings,
 * paragraphs and tables (rows of cells). Everything the adapter reads comes from here, so the rest
 * of it never touches mdast.
 */
export type Block = HeadingBlock | ParagraphBlock | TableBlock;

export interface HeadingBlock {
  kind: 'heading';
  text: string;
  line: number;
}

export interface ParagraphBlock {
  kind: 'paragraph';
  text: string;
  line: number;
  endLine: number;
}

export interface TableBlock {
  kind: 'table';
  line: number;
  endLine: number;
  rows: TableRow[];
}

export interface TableRow {
  line: number;
  cells: TableCell[];
}

/** A cell's text, in segments split where the cell has a `<br>`. */
export interface TableCell {
  segments: string[];
}

interface MdNode {
  type: string;
  value?: string;
  alt?: string | null;
  children?: MdNode[];
  position?: { start: { line: number }; end: { line: number } };
}

export function parseMarkdown(text: string, display: string): Block[] {
  checkTableBorders(text, display);
  const tree = unified().use(remarkParse).use(remarkGfm).parse(text) as MdNode;
  const blocks: Block[] = [];
  for (const node of tree.children ?? []) {
    const line = node.position?.start.line ?? 1;
    const endLine = node.position?.end.line ?? line;
    if (node.type === 'heading') blocks.push({ kind: 'heading', text: normalizeSpace(plainText(node)), line });
    else if (node.type === 'table') blocks.push({ kind: 'table', line, endLine, rows: (node.children ?? []).map(toRow) });
    else if (node.type === 'paragraph' || node.type === 'list' || node.type === 'blockquote' || node.type === 'code') {
      blocks.push({ kind: 'paragraph', text: normalizeSpace(plainText(node)), line, endLine });
    }
  }
  return blocks;
}

function toRow(row: MdNode): TableRow {
  return { line: row.position?.start.line ?? 1, cells: (row.children ?? []).map(toCell) };
}

function toCell(cell: MdNode): TableCell {
  const segments = [''];
  const visit = (node: MdNode) => {
    if (node.type === 'break' || (node.type === 'html' && /^<br\s*\/?>$/i.test(node.value ?? ''))) {
      segments.push('');
      return;
    }
    // Other inline HTML (<u>, <del>) is markup the converter left behind: its tags carry no text.
    if (node.type === 'html') return;
    if (typeof node.value === 'string') segments[segments.length - 1] += node.value;
    else if (node.type === 'image') segments[segments.length - 1] += node.alt ?? '';
    for (const child of node.children ?? []) visit(child);
  };
  visit(cell);
  return { segments: segments.map(normalizeCellSpace) };
}

/** Trims a cell, keeping runs of spaces inside it: two or more spaces can mark cells run together. */
function normalizeCellSpace(text: string): string {
  return text
    .replace(/[\t\u00a0]/g, ' ')
    .replace(/\n/g, ' ')
    .trim();
}

function plainText(node: MdNode): string {
  if (node.type === 'html') return /^<br\s*\/?>$/i.test(node.value ?? '') ? ' ' : '';
  if (typeof node.value === 'string') return node.value;
  return (node.children ?? []).map(plainText).join(node.type === 'list' || node.type === 'listItem' ? ' ' : '');
}

function checkTableBorders(text: string, display: string): void {
  let borders = 0;
  for (let at = text.indexOf('|'); at >= 0; at = text.indexOf('|', at + 1)) {
    if (++borders > MAX_TABLE_BORDERS) {
      throw new GradepackError(
        'InputTooLarge',
        `It has more than ${MAX_TABLE_BORDERS.toLocaleString('en-GB')} table cell borders (|) by line ${text.slice(0, at).split('\n').length}; a markdown source may have at most that many.`,
        { file: display },
        'Check that it is the right file: the MMO framework has fewer than 4,000.',
      );
    }
  }
}
