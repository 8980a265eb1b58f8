/**
 * The known name nearest to what was written, for "did you mean" hints: the fewest letters
 * inserted, removed or changed (case aside), and only when that is a small part of the name, so
 * that a name with nothing near it gets no hint rather than a wild guess.
 */
export function closest(written: string, known: string[]): string | null {
  const a = written.toLowerCase();
  let best: { name: string; distance: number } | null = null;
  for (const name of known) {
    const distance = editDistance(a, name.toLowerCase());
    if (!best || distance < best.distance) best = { name, distance };
  }
  if (!best) return null;
  const near = best.distance <= Math.max(2, Math.floor(Math.max(a.length, best.name.length) / 3));
  // Not when every letter would change ("zz" is not "aa").
  return near && best.distance < Math.min(a.length, best.name.length) ? best.name : null;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
