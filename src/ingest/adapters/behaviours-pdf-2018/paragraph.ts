import { normalizeSpace } from '../../../model/text';
import type { PageLine } from './lines';

/** A paragraph's text with, for each printed line, where it starts in the text. */
export interface Paragraph {
  text: string;
  starts: { offset: number; page: number }[];
  /** Line-break hyphens whose reading is uncertain, for a diagnostic. */
  doubtfulHyphens: { word: string; page: number }[];
}

/**
 * Joins a paragraph's printed lines with one space. A line ending in a hyphen between two letters
 * is joined without a space: the hyphen is kept (a compound such as "government-wide") unless the
 * document writes the word unhyphenated elsewhere and never hyphenated; a soft hyphen is dropped.
 * `vocabulary` is the document's printed lines joined with newlines, for those look-ups.
 */
export function joinParagraph(lines: PageLine[], vocabulary: string): Paragraph {
  let text = '';
  const starts: Paragraph['starts'] = [];
  const doubtfulHyphens: Paragraph['doubtfulHyphens'] = [];
  for (const line of lines) {
    const fragment = normalizeSpace(line.text);
    if (!fragment) continue;
    const softHyphen = text.endsWith('\u00ad');
    // Only the end of the text so far matters; matching the whole of it would be quadratic.
    const hyphen = /([A-Za-z]+)-$/.exec(text.slice(-60));
    const next = /^([A-Za-z]+)/.exec(fragment);
    if (softHyphen) {
      text = text.slice(0, -1);
    } else if (hyphen && next) {
      const reading = readHyphen(hyphen[1]!, next[1]!, vocabulary);
      if (reading === 'drop') text = text.slice(0, -1);
      if (reading === 'doubtful') doubtfulHyphens.push({ word: `${hyphen[1]}-${next[1]}`, page: line.page });
    } else if (text) {
      text += ' ';
    }
    starts.push({ offset: text.length, page: line.page });
    text += fragment;
  }
  return { text: text.replace(/\u00ad/g, ''), starts, doubtfulHyphens };
}

/** The page on which the character at `offset` was printed. */
export function pageAt(paragraph: Paragraph, offset: number): number {
  let page = paragraph.starts[0]?.page ?? 0;
  for (const start of paragraph.starts) {
    if (start.offset > offset) break;
    page = start.page;
  }
  return page;
}

function readHyphen(before: string, after: string, vocabulary: string): 'keep' | 'drop' | 'doubtful' {
  const hyphenated = new RegExp(`\\b${before}-${after}\\b`, 'i').test(vocabulary);
  const joined = new RegExp(`\\b${before}${after}\\b`, 'i').test(vocabulary);
  if (joined && !hyphenated) return 'drop';
  if (hyphenated) return 'keep';
  // Two words the document also prints whole (not split at a line end) make a compound; anything else is a guess.
  const printedWhole = (w: string) => new RegExp(`(?<!-\\n)\\b${w}\\b(?!-\\n)`, 'i').test(vocabulary);
  return printedWhole(before) && printedWhole(after) ? 'keep' : 'doubtful';
}
