import type { Finding } from './finding';
import type { Fragment } from './columns';

/**
 * Where a table cell may start. Cells begin with a capitalised verb or adverb ("Create",
 * "Actively") and never end with a sentence stop, so a capital is the only trace of a boundary where
 * the extraction ran two cells together. This module weighs the document's own evidence for it.
 */

/** Capitalised in the middle of this document's sentences, so never a sign of a new cell. */
const PROPER_NOUNS = new Set([
  'Civil',
  'Service',
  'Services',
  'Department',
  'Departments',
  'Departmental',
  'Government',
  'Minister',
  'Ministers',
  'Ministerial',
]);

/** Words a cell does not end with: a capital after them continues the sentence. */
const DANGLING_WORDS = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'nor',
  'of',
  'to',
  'for',
  'with',
  'from',
  'by',
  'into',
  'as',
  'than',
  'that',
  'which',
  'whose',
  'their',
  'its',
  'including',
  'such',
  'e.g.',
  'i.e.',
]);

export interface Evidence {
  /** First words of fragments that start a cell at a line start or just after the TAB. */
  knownStarts: ReadonlySet<string>;
  /** Every word the document writes in lower case. */
  lowercaseWords: ReadonlySet<string>;
}

/** The word without surrounding punctuation or a possessive ending. */
export function bareWord(token: string): string {
  return token.replace(/^[^A-Za-z]+/, '').replace(/(?:['’]s)?[^A-Za-z]*$/, '');
}

export const firstWord = (text: string): string => text.trimStart().split(/\s+/, 1)[0] ?? '';
const lastWord = (text: string): string => text.trimEnd().split(/\s+/).at(-1) ?? '';

export const isProperNoun = (token: string): boolean => PROPER_NOUNS.has(bareWord(token));
export const startsUpperCase = (text: string): boolean => /^[A-Z]/.test(text.trimStart());

/** The text stops where a sentence cannot: after a function word, a comma or a dash. */
export function endsMidSentence(text: string): boolean {
  const trimmed = text.trimEnd();
  if (/[,;:–—-]$/.test(trimmed)) return true;
  return DANGLING_WORDS.has(lastWord(trimmed).toLowerCase());
}

export function gatherEvidence(columns: Fragment[][], documentText: string): Evidence {
  const knownStarts = new Set<string>();
  for (const column of columns) {
    column.forEach((fragment, i) => {
      const word = firstWord(fragment.text);
      const previous = column[i - 1];
      if (!startsUpperCase(word) || isProperNoun(word)) return;
      if (previous && endsMidSentence(previous.text)) return;
      knownStarts.add(bareWord(word));
    });
  }
  const lowercaseWords = new Set(documentText.match(/\b[a-z][a-z'’]*\b/g) ?? []);
  return { knownStarts, lowercaseWords };
}

export interface Boundary {
  startsCell: boolean;
  /** Why the decision is uncertain, and how much it may cost; null when the evidence is clear. */
  doubt: Omit<Finding, 'line' | 'competency'> | null;
}

/**
 * Whether `word` starts a new cell, given the text before it in the same column. `atLineStart`:
 * the word begins a column fragment (a line start, or just after the TAB); otherwise it follows a
 * lower-case word on the same line.
 */
export function boundaryBefore(before: string, word: string, atLineStart: boolean, evidence: Evidence): Boundary {
  if (!startsUpperCase(word) || isProperNoun(word)) return { startsCell: false, doubt: null };
  if (endsMidSentence(before)) {
    // Either reading may merge two indicators or cut one in two.
    return {
      startsCell: false,
      doubt: {
        kind: 'ambiguous-boundary',
        severity: 'error',
        message: `"${word}" is capitalised after "${lastWord(before)}": read as the same cell, but it may start a new one`,
      },
    };
  }
  const bare = bareWord(word);
  if (atLineStart || evidence.knownStarts.has(bare) || evidence.lowercaseWords.has(bare.toLowerCase())) {
    return { startsCell: true, doubt: null };
  }
  return {
    startsCell: true,
    doubt: {
      kind: 'ambiguous-boundary',
      severity: 'warning',
      message: `two cells run together: a new cell is assumed at "${word}", which starts no other cell and is not known as a name`,
    },
  };
}
