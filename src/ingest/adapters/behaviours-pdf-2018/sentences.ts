/** A sentence and where it starts in its paragraph. */
export interface Sentence {
  text: string;
  offset: number;
  /** False when the sentence does not end with a full stop, question or exclamation mark. */
  complete: boolean;
}

/**
 * Abbreviations whose full stop does not end a sentence, even before a capital. "etc." is not
 * among them: before a capital it usually does end one.
 */
const ABBREVIATIONS = new Set(['e.g', 'i.e', 'cf', 'vs', 'viz', 'mr', 'mrs', 'ms', 'dr', 'prof']);

/** End punctuation, optional closing quotes or brackets, space, then what can start a sentence. */
const BOUNDARY = /([.!?])["'’”)\]]*(\s+)(?=["'‘“([]?[A-Z0-9])/g;

/**
 * Splits a paragraph into sentences. A full stop ends a sentence when a capital (or digit) follows
 * after white space, except after an abbreviation ("e.g.") or an initial ("J."); decimals never
 * have white space after the point, so they never split.
 */
export function splitSentences(paragraph: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  for (const match of paragraph.matchAll(BOUNDARY)) {
    const stop = match.index! + match[0].length - match[2]!.length;
    if (match[1] === '.' && !endsSentence(paragraph.slice(start, match.index!))) continue;
    push(sentences, paragraph, start, stop);
    start = match.index! + match[0].length;
  }
  push(sentences, paragraph, start, paragraph.length);
  return sentences;
}

function endsSentence(before: string): boolean {
  const word = /([A-Za-z][A-Za-z.]*)$/.exec(before)?.[1];
  if (!word) return true;
  if (ABBREVIATIONS.has(word.toLowerCase())) return false;
  return !/^[A-Z]$/.test(word);
}

function push(sentences: Sentence[], paragraph: string, start: number, end: number): void {
  const raw = paragraph.slice(start, end);
  const text = raw.trim();
  if (!text) return;
  const offset = start + raw.indexOf(text);
  sentences.push({ text, offset, complete: /[.!?]["'’”)\]]*$/.test(text) });
}
