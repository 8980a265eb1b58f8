/**
 * Tests for text the conversion mangled: repeats of neighbouring text, and OCR misreadings of a
 * second, overlaid reading of the page ("camoionaly carry" for "sufficiently early").
 */

/** 1 for equal strings, 0 for nothing in common (Levenshtein distance over the longer length). */
export function similarity(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (!x.length && !y.length) return 1;
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return 1 - previous[y.length]! / Math.max(x.length, y.length);
}

export const words = (text: string): string[] => text.toLowerCase().match(/[a-z0-9]+(?:['’][a-z]+)?/g) ?? [];

/**
 * Two fragments of two or more words, not equal, whose words pair up one to one with lengths within
 * two letters: what an OCR misreading of the same line looks like.
 */
export function sameWordShapes(a: string, b: string): boolean {
  const x = a.split(/\s+/).filter(Boolean);
  const y = b.split(/\s+/).filter(Boolean);
  return x.length >= 2 && x.length === y.length && x.some((w, i) => w !== y[i]) && x.every((w, i) => Math.abs(w.length - y[i]!.length) <= 2);
}
