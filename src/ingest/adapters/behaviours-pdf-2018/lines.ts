import { normalizeSpace } from '../../../model/text';
import type { PdfPage, PdfTextItem } from './pdf-text';

/** A line of text as printed: runs on one baseline, left to right, with the gaps between them as spaces. */
export interface PageLine {
  page: number;
  text: string;
  x: number;
  /** Baseline, from the top of the page. */
  y: number;
  /** The size of most of the line's characters. */
  size: number;
}

/** Runs whose baselines differ by less than this fraction of the font size share a line. */
const SAME_BASELINE = 0.3;
/** A horizontal gap wider than this many font sizes separates two columns, not two words. */
const COLUMN_GAP = 3;
/** A gap wider than this fraction of the font size between two runs is a word space. */
const WORD_GAP = 0.15;

/** The page's lines, top to bottom, then left to right. */
export function pageLines(page: PdfPage): PageLine[] {
  const items = page.items.filter((i) => Number.isFinite(i.x) && Number.isFinite(i.y) && Number.isFinite(i.size));
  const sorted = [...items].sort((a, b) => a.y - b.y || a.x - b.x);
  const rows: PdfTextItem[][] = [];
  for (const item of sorted) {
    const row = rows[rows.length - 1];
    const tolerance = SAME_BASELINE * Math.max(item.size, row?.[0]?.size ?? 0, 1);
    if (row && Math.abs(row[0]!.y - item.y) < tolerance) row.push(item);
    else rows.push([item]);
  }
  const lines: PageLine[] = [];
  for (const row of rows) {
    for (const segment of splitColumns(row.sort((a, b) => a.x - b.x))) {
      const line = toLine(page.page, segment);
      if (line.text) lines.push(line);
    }
  }
  return lines.sort((a, b) => a.y - b.y || a.x - b.x);
}

function splitColumns(row: PdfTextItem[]): PdfTextItem[][] {
  const segments: PdfTextItem[][] = [];
  let end = -Infinity;
  for (const item of row) {
    const segment = segments[segments.length - 1];
    if (segment && item.x - end <= COLUMN_GAP * Math.max(item.size, 1)) segment.push(item);
    else segments.push([item]);
    end = Math.max(end, item.x + item.width);
  }
  return segments;
}

function toLine(page: number, items: PdfTextItem[]): PageLine {
  let text = '';
  let end = -Infinity;
  for (const item of items) {
    const gap = item.x - end;
    if (text && gap > WORD_GAP * item.size && !/\s$/.test(text) && !/^\s/.test(item.text)) text += ' ';
    text += item.text;
    end = Math.max(end, item.x + item.width);
  }
  return { page, text: normalizeSpace(text), x: items[0]!.x, y: median(items.map((i) => i.y)), size: dominantSize(items) };
}

function dominantSize(items: PdfTextItem[]): number {
  const weight = new Map<number, number>();
  for (const item of items) {
    const size = Math.round(item.size * 10) / 10;
    weight.set(size, (weight.get(size) ?? 0) + item.text.trim().length);
  }
  let best = items[0]!.size;
  let bestWeight = -1;
  for (const [size, w] of weight) {
    if (w > bestWeight) [best, bestWeight] = [size, w];
  }
  return best;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
