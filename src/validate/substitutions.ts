import { append } from '../model/arrays';
import { comparable } from './repeats';

/**
 * Expected substitutions between an adaptation and its original (sources/registry.json,
 * `policy.adaptationOf.substitutions`, e.g. the MMO writing "Organisation" where the 2012
 * framework says "Department"): differences that are not reported. Each pair is written in the
 * folded form `comparable` produces (lower case, no punctuation, apostrophes dropped, so
 * "Department's" is "departments"). Both texts are rewritten into the original's wording before
 * they are compared, longest phrase first.
 */
export interface Rewrite {
  from: string[];
  to: string[];
}

export function compileSubstitutions(table: readonly { adapted: string; original: string }[]): Rewrite[] {
  return table.map(({ adapted, original }) => ({ from: adapted.split(' '), to: original.split(' ') })).sort((a, b) => b.from.length - a.from.length);
}

/** Rewrites folded words by the table, longest phrase first, left to right, never re-reading rewritten words. */
export function applySubstitutions(words: readonly string[], rewrites: readonly Rewrite[]): string[] {
  const out: string[] = [];
  let i = 0;
  outer: while (i < words.length) {
    for (const r of rewrites) {
      if (r.from.every((w, k) => words[i + k] === w)) {
        append(out, r.to);
        i += r.from.length;
        continue outer;
      }
    }
    out.push(words[i]!);
    i++;
  }
  return out;
}

/** The words of a text in the original's wording, for comparison. */
export function canonicalWords(text: string, rewrites: readonly Rewrite[]): string[] {
  return applySubstitutions(comparable(text).words, rewrites);
}

/**
 * Equal apart from spacing and hyphenation: "on-going" and "ongoing", "mind sets" and "mindsets",
 * "under- represented" and "under-represented" are the same words typed differently.
 */
export function sameLetters(a: readonly string[], b: readonly string[]): boolean {
  return a.join('') === b.join('');
}
