/**
 * The words that differ between two word sequences, as runs: what the first has where the second
 * has something else. Used in messages ("differs in: support … to → ensure").
 */
export interface Change {
  from: string[];
  to: string[];
}

export function wordChanges(a: readonly string[], b: readonly string[]): Change[] {
  // LCS table, then walk it to collect runs outside the common subsequence.
  const rows = a.length + 1;
  const cols = b.length + 1;
  const table = new Uint16Array(rows * cols);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * cols + j] = a[i] === b[j] ? table[(i + 1) * cols + j + 1]! + 1 : Math.max(table[(i + 1) * cols + j]!, table[i * cols + j + 1]!);
    }
  }
  const changes: Change[] = [];
  let current: Change | null = null;
  let i = 0;
  let j = 0;
  const flush = () => {
    if (current) changes.push(current);
    current = null;
  };
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      flush();
      i++;
      j++;
    } else {
      current ??= { from: [], to: [] };
      if (j >= b.length || (i < a.length && table[(i + 1) * cols + j]! >= table[i * cols + j + 1]!)) current.from.push(a[i++]!);
      else current.to.push(b[j++]!);
    }
  }
  flush();
  return changes;
}

/**
 * A short account of the changes, for a message: `"support" → "ensure"; + "without fear"`, or
 * with labels for the two sides, `here "members" / there "member"`.
 */
export function describeChanges(changes: Change[], max = 4, labels?: { from: string; to: string }): string {
  const words = (ws: string[]) => (ws.length > 0 ? `"${ws.join(' ')}"` : '(nothing)');
  const parts = changes.slice(0, max).map((c) => {
    if (labels) return `${labels.from} ${words(c.from)} / ${labels.to} ${words(c.to)}`;
    if (c.from.length === 0) return `+ "${c.to.join(' ')}"`;
    if (c.to.length === 0) return `− "${c.from.join(' ')}"`;
    return `"${c.from.join(' ')}" → "${c.to.join(' ')}"`;
  });
  if (changes.length > max) parts.push(`and ${changes.length - max} more`);
  return parts.join('; ');
}

/** Length of the longest common subsequence of two word sequences. */
export function commonWords(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let previous = new Uint16Array(b.length + 1);
  let current = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      current[j] = a[i - 1] === b[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}
