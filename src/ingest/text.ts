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
  for (const raw of fragments) {
    const fragment = normalizeSpace(raw);
    if (!fragment) continue;
    if (!out) {
      out = fragment;
      continue;
    }
    const hyphenated = /([A-Za-z]+)-$/.exec(out);
    const next = /^([a-z]+)/.exec(fragment);
    if (hyphenated && next && isLineBreakHyphen(hyphenated[1]!, next[1]!, documentText)) {
      out = out.slice(0, -1) + fragment;
    } else if (hyphenated && next) {
      // A real hyphen at the end of a line ("face-" / "to-face"): keep it, no space.
      out = out + fragment;
    } else {
      out = `${out} ${fragment}`;
    }
  }
  return out;
}

function isLineBreakHyphen(before: string, after: string, documentText: string): boolean {
  const hyphenatedForm = new RegExp(`\\b${before}-${after}\\b`, 'i');
  const joinedForm = new RegExp(`\\b${before}${after}\\b`, 'i');
  if (documentText && hyphenatedForm.test(documentText)) return false;
  if (documentText && joinedForm.test(documentText)) return true;
  // No evidence either way: typesetters break words at syllables far more often than at hyphens.
  return true;
}
