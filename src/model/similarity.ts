/**
 * Similarity of two indicator texts, from 0 (nothing shared) to 1 (same words).
 *
 * Word-level, because indicators are reworded by swapping, adding or dropping words
 * ("Department" becoming "Organisation", "ensure" becoming "make sure"), not by typos:
 * 1 - (word edit distance / length of the longer text in words), after folding case,
 * punctuation, quotes and hyphens. A character-level measure would rate short texts that share
 * letters but not meaning as close, and a bag-of-words measure would miss reordering.
 */
export function normalizeForComparison(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u2018\u2019\u201c\u201d'"`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

export function wordEditDistance(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

export function similarity(a: string, b: string): number {
  const wa = normalizeForComparison(a);
  const wb = normalizeForComparison(b);
  const longest = Math.max(wa.length, wb.length);
  if (longest === 0) return 1;
  return 1 - wordEditDistance(wa, wb) / longest;
}

/** Same words after folding case and punctuation. */
export function isVerbatim(a: string, b: string): boolean {
  return normalizeForComparison(a).join(' ') === normalizeForComparison(b).join(' ');
}

/** Threshold above which two indicators count as the same indicator reworded. */
export const NEAR_DUPLICATE = 0.8;
/** Threshold above which a changed indicator counts as reworded rather than removed and added. */
export const REWORDED = 0.5;
