/**
 * What the words of a cell say about its place in an indicator: whether a fragment starts a new
 * indicator or continues the one above, whether it is a repeated table header, stray marks, a page
 * number, or two indicators run together.
 */

/**
 * Capitalised words that continue a wrapped sentence rather than start an indicator: the proper
 * nouns the framework wraps onto a new line ("...across the Organisation and Civil" / "Service
 * when defining strategy"). Every indicator starts with a verb, never with one of these.
 */
const CONTINUATION_CAPITALS = new Set([
  'civil',
  'service',
  'services',
  'public',
  'organisation',
  "organisation's",
  'organisations',
  "organisations'",
  'organisational',
  'organsation',
  'government',
  'department',
  "department's",
  'departmental',
  'departments',
  'ministers',
  'minister',
  'mmo',
  "mmo's",
  'non',
  'non-executive',
  'board',
  'directors',
  'values',
  'code',
  'uk',
  'eu',
]);

const firstWord = (text: string) => /^[A-Za-z][A-Za-z'’-]*/.exec(text)?.[0] ?? '';

/** A fragment starts a new indicator when it opens with a capital that is not a proper noun. */
export function startsIndicator(text: string): boolean {
  if (!/^[A-Z]/.test(text)) return false;
  const word = firstWord(text).toLowerCase().replace(/’/g, "'");
  return !CONTINUATION_CAPITALS.has(word) && !CONTINUATION_CAPITALS.has(word.replace(/-.*$/, ''));
}

const HEADER = /^(?:(?:In)?effective Behaviour(?: & Actions)?)?\s*(?:People who are (?:less )?effective are likely(?: to)?)?$/i;

/** The repeated column headers ("Effective Behaviour & Actions", "People who are effective are likely to"). */
export function isHeaderText(text: string): boolean {
  return text.length > 0 && HEADER.test(text);
}

/** "People who are less effective are likely" with its "to" wrapped onto the next row. */
export function headerAwaitsTo(text: string): boolean {
  return /likely$/i.test(text);
}

/** Marks with no letters or digits: bullets, commas, dots, dashes left by the conversion. */
export function isStrayMarks(text: string): boolean {
  return text.length > 0 && !/[A-Za-z0-9]/.test(text);
}

/** A bare page number left in a cell. */
export function isPageNumber(text: string): boolean {
  return /^\d{1,3}$/.test(text);
}

/**
 * Splits a cell where two indicators were run together with a run of spaces: "...of the
 * Organisation  Develop understanding of...". A run of spaces before a proper noun is not a split.
 */
export function splitRunTogether(text: string): string[] {
  const parts: string[] = [];
  let rest = text;
  for (;;) {
    const match = /\s{2,}(?=[A-Z])/g;
    let split = -1;
    let width = 0;
    for (let m = match.exec(rest); m; m = match.exec(rest)) {
      if (startsIndicator(rest.slice(m.index + m[0].length))) {
        split = m.index;
        width = m[0].length;
        break;
      }
    }
    if (split < 0) break;
    parts.push(rest.slice(0, split));
    rest = rest.slice(split + width);
  }
  parts.push(rest);
  return parts.map((p) => p.replace(/\s+/g, ' ').trim()).filter((p) => p.length > 0);
}

/**
 * Joins wrapped fragments of one indicator with one space. A fragment ending in a hyphen after a
 * letter keeps its hyphen and joins without a space: the framework's line-end hyphens are all real
 * compounds ("up-" / "to-date", "de-" / "motivation", "non-" / "priority"), never soft hyphenation.
 */
export function joinFragments(fragments: string[]): string {
  let out = '';
  for (const raw of fragments) {
    const fragment = raw.replace(/\s+/g, ' ').trim();
    if (!fragment) continue;
    if (!out) out = fragment;
    else if (/[A-Za-z]-$/.test(out)) out += fragment;
    else out += ` ${fragment}`;
  }
  return out;
}

/** Words that cannot end an indicator: one ending with them was cut off mid-sentence. */
const DANGLING = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'but',
  'of',
  'to',
  'for',
  'with',
  'by',
  'in',
  'on',
  'at',
  'from',
  'into',
  'that',
  'which',
  'who',
  'whom',
  'whose',
  'their',
  'its',
  'as',
  'than',
  'is',
  'are',
  'be',
  'such',
]);

export function endsMidSentence(text: string): boolean {
  const last = /([A-Za-z']+)\W*$/.exec(text)?.[1]?.toLowerCase() ?? '';
  return DANGLING.has(last) || /[,–-]$/.test(text.trim());
}
