import { NEAR_DUPLICATE, normalizeForComparison, wordEditDistance } from '../model/similarity';
import { commonWords } from './word-diff';

/**
 * When two indicators count as the same indicator written twice. See docs/validation-rules.md
 * ("cumulative-consistency") for the reasoning behind each measure and threshold.
 *
 * Words, not characters: indicators are reworded by swapping, adding or dropping words, and a
 * character measure rates short texts that share letters as close. Texts are folded first (case,
 * punctuation, quotes, hyphens) by normalizeForComparison.
 */

/** Word similarity (1 − word edit distance / longer length) at or above which a repeat is an error: at most one word in ten differs. */
export const NEAR_VERBATIM = 0.9;
/** Word similarity at or above which a repeat is reported (as a warning below NEAR_VERBATIM). */
export const SIMILAR = NEAR_DUPLICATE;
/** Share of the shorter text's words found, in order, in the longer one, for "contains". */
export const CONTAINED = 0.9;
/** Shorter texts than this may share phrases legitimately; containment is not checked for them. */
export const CONTAINED_MIN_WORDS = 15;
/** A sentence at least this long, found word for word in two multi-sentence indicators, is a shared sentence. */
export const SENTENCE_MIN_WORDS = 10;

export type Relation = 'verbatim' | 'near-verbatim' | 'similar' | 'contains' | 'shared-sentence';

/** Stronger relations first. */
export const RELATION_STRENGTH: Record<Relation, number> = {
  verbatim: 5,
  'near-verbatim': 4,
  similar: 3,
  contains: 2,
  'shared-sentence': 1,
};

export interface Comparable {
  words: string[];
  /** The folded text: equal keys are verbatim repeats. */
  key: string;
  /** The words as ids, in order. */
  ids: Uint32Array;
  /** The words as ids, sorted: the multiset of words, for a quick upper bound on what two texts share. */
  bag: Uint32Array;
  /** Keys of the sentences long enough to count as shared. */
  sentences: Set<string>;
}

/** Texts recur across rules and runs (watch mode, the build); folding is the costly part, so it is kept. */
const memo = new Map<string, Comparable>();
const MEMO_LIMIT = 20_000;

export function comparable(text: string): Comparable {
  let found = memo.get(text);
  if (!found) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    found = fold(text);
    memo.set(text, found);
  }
  return found;
}

const wordIds = new Map<string, number>();
const wordId = (word: string): number => {
  let id = wordIds.get(word);
  if (id === undefined) {
    id = wordIds.size;
    wordIds.set(word, id);
  }
  return id;
};

function fold(text: string): Comparable {
  // Sentences split at white space, which folding drops anyway, so the text's words are its sentences' words.
  const sentenceWords = splitSentences(text).map(normalizeForComparison);
  const words = sentenceWords.flat();
  const ids = Uint32Array.from(words, wordId);
  const bag = ids.slice().sort();
  const sentences = new Set(sentenceWords.filter((s) => s.length >= SENTENCE_MIN_WORDS).map((s) => s.join(' ')));
  return { words, key: words.join(' '), ids, bag, sentences };
}

/** Sentences end at . ; ! ? followed by a capital (so "e.g. reduces" stays one sentence). */
export function splitSentences(text: string): string[] {
  return text.split(/(?<=[.;!?])\s+(?=[A-Z‘“"'(])/).filter((s) => s.trim().length > 0);
}

/** Size of the multiset intersection of two sorted bags. */
function sharedWordCount(a: Comparable, b: Comparable): number {
  const x = a.bag;
  const y = b.bag;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) {
      shared++;
      i++;
      j++;
    } else if (x[i]! < y[j]!) i++;
    else j++;
  }
  return shared;
}

export interface Relatedness {
  relation: Relation;
  /** Word similarity for verbatim/near/similar, containment share for contains, 1 for a shared sentence. */
  score: number;
}

/**
 * The strongest relation between two indicator texts, or null. Cheap bounds first: the words two
 * texts share (as multisets) bound both the edit similarity and the containment from above, so
 * most pairs are dismissed without a dynamic programme.
 */
export function relate(a: Comparable, b: Comparable): Relatedness | null {
  if (a.words.length === 0 || b.words.length === 0) return null;
  if (a.key === b.key) return { relation: 'verbatim', score: 1 };
  const longer = Math.max(a.words.length, b.words.length);
  const shorter = Math.min(a.words.length, b.words.length);
  // Similarity needs lengths within SIMILAR of each other; containment a long enough shorter text.
  const maySimilar = shorter / longer >= SIMILAR;
  const mayContain = shorter >= CONTAINED_MIN_WORDS;
  if (maySimilar || mayContain) {
    const shared = sharedWordCount(a, b);
    if (maySimilar && shared / longer >= SIMILAR) {
      const score = 1 - wordEditDistance(a.words, b.words) / longer;
      if (score >= NEAR_VERBATIM) return { relation: 'near-verbatim', score };
      if (score >= SIMILAR) return { relation: 'similar', score };
    }
    if (mayContain && shared / shorter >= CONTAINED) {
      const score = commonWords(a.words, b.words) / shorter;
      if (score >= CONTAINED) return { relation: 'contains', score };
    }
  }
  if (a.sentences.size > 0 && b.sentences.size > 0) {
    for (const sentence of a.sentences) {
      if (b.sentences.has(sentence)) return { relation: 'shared-sentence', score: 1 };
    }
  }
  return null;
}
