import { comparable } from './repeats';

/**
 * The substitutions the MMO made when it adapted the 2012 Civil Service Competency Framework
 * (SMS 1 = MMO level 5): differences between the two that are expected and not reported.
 * Derived by reading both documents side by side; each pair is written in the folded form
 * normalizeForComparison produces (lower case, no punctuation, apostrophes dropped, so
 * "Department's" is "departments"). Both texts are rewritten into the 2012 wording before they
 * are compared, longest phrase first.
 *
 * Not here on purpose: rewordings that occur once ("across departments and outside the Civil
 * Service" → "across the Organisation and Civil Service"), typos ("Organsation") and added or
 * dropped words. Those are what the comparison exists to report; a person accepts the deliberate
 * ones in the MMO errata file.
 */
export const MMO_SUBSTITUTIONS: readonly (readonly [mmo: string, cscf2012: string])[] = [
  // The MMO's introduction and values speak of the "Civil and Public Service" where 2012 says "Civil Service".
  ['civil and public service', 'civil service'],
  // The MMO is not a department: "the work of the Department" becomes "the work of the Organisation
  // and Civil Service", as throughout its level 6 ("reputation of the Organisation and Civil Service").
  ['the organisation and civil service', 'the department'],
  // "the Department" → "the Organisation", "the Department's vision" → "the Organisation's vision".
  ['organisation', 'department'],
  ['organisations', 'departments'],
  // "Departmental priorities" → "organisational priorities".
  ['organisational', 'departmental'],
];

interface Rewrite {
  from: string[];
  to: string[];
}

function compile(table: readonly (readonly [string, string])[]): Rewrite[] {
  return table.map(([from, to]) => ({ from: from.split(' '), to: to.split(' ') })).sort((a, b) => b.from.length - a.from.length);
}

const MMO_REWRITES = compile(MMO_SUBSTITUTIONS);

/** Rewrites folded words by the table, longest phrase first, left to right, never re-reading rewritten words. */
export function applySubstitutions(words: readonly string[], rewrites: Rewrite[] = MMO_REWRITES): string[] {
  const out: string[] = [];
  let i = 0;
  outer: while (i < words.length) {
    for (const r of rewrites) {
      if (r.from.every((w, k) => words[i + k] === w)) {
        out.push(...r.to);
        i += r.from.length;
        continue outer;
      }
    }
    out.push(words[i]!);
    i++;
  }
  return out;
}

/** The words of a text in the 2012 wording, for comparison. */
export function canonicalWords(text: string): string[] {
  return applySubstitutions(comparable(text).words);
}

/**
 * Equal apart from spacing and hyphenation: "on-going" and "ongoing", "mind sets" and "mindsets",
 * "under- represented" and "under-represented" are the same words typed differently.
 */
export function sameLetters(a: readonly string[], b: readonly string[]): boolean {
  return a.join('') === b.join('');
}
