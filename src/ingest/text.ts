import { normalizeSpace } from '../model/text';

/** Small text helpers shared by the adapters. */

export interface NumberedLine {
  /** 1-based line number in the source. */
  line: number;
  text: string;
}

export function numberedLines(text: string): NumberedLine[] {
  return text.split('\n').map((t, i) => ({ line: i + 1, text: t }));
}

/**
 * Joins wrapped fragments with one space. A fragment ending in a hyphen after a letter is a
 * line-break hyphen when the document itself never writes the hyphenated form but does write the
 * joined word (or writes neither and the next fragment starts in lower case).
 */
export function joinWrapped(fragments: string[], documentText = ''): string {
  let out = '';
  // The end of `out`, where a hyphen and the word before it are looked for: reading the end of a
  // long joined string would flatten it on every fragment (quadratic on a megabyte of text).
  let tail = '';
  const add = (text: string) => {
    out += text;
    tail = (tail + text).slice(-TAIL);
  };
  for (const raw of fragments) {
    const fragment = normalizeSpace(raw);
    if (!fragment) continue;
    if (!out) {
      add(fragment);
      continue;
    }
    const hyphenated = wordBeforeFinalHyphen(tail);
    const next = /^([a-z]+)/.exec(fragment);
    if (hyphenated && next && isLineBreakHyphen(hyphenated, next[1]!, documentText)) {
      out = out.slice(0, -1);
      tail = tail.slice(0, -1);
      add(fragment);
    } else if (hyphenated && next) {
      // A real hyphen at the end of a line ("face-" / "to-face"): keep it, no space.
      add(fragment);
    } else {
      add(` ${fragment}`);
    }
  }
  return out;
}

/** Longer than any word that is hyphenated at a line break. */
const TAIL = 200;

/**
 * The letters before a hyphen that ends `text` ("face" of "face-"), or null. Scanned back from the
 * end: the regex /([A-Za-z]+)-$/ retries from every letter of a long run, quadratic in its length.
 */
function wordBeforeFinalHyphen(text: string): string | null {
  if (!text.endsWith('-')) return null;
  let start = text.length - 1;
  while (start > 0 && /[A-Za-z]/.test(text[start - 1]!)) start--;
  return start < text.length - 1 ? text.slice(start, text.length - 1) : null;
}

function isLineBreakHyphen(before: string, after: string, documentText: string): boolean {
  const hyphenatedForm = new RegExp(`\\b${before}-${after}\\b`, 'i');
  const joinedForm = new RegExp(`\\b${before}${after}\\b`, 'i');
  if (documentText && hyphenatedForm.test(documentText)) return false;
  if (documentText && joinedForm.test(documentText)) return true;
  // No evidence either way: typesetters break words at syllables far more often than at hyphens.
  return true;
}
