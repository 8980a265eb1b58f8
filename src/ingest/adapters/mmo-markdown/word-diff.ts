/**
 * The places where two versions of a text differ, word by word (longest common subsequence), each
 * with a word of context on either side, as `"a ..." → "b ..."`: enough to report how the
 * summary's description of a competency differs from the one above its tables.
 */
export function wordDifferences(a: string, b: string): string[] {
  const x = a.split(/\s+/).filter(Boolean);
  const y = b.split(/\s+/).filter(Boolean);
  const lcs: number[][] = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) {
      lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  // Pairs of positions (i in x, j in y) where the two texts agree, in order.
  const anchors: [number, number][] = [];
  for (let i = 0, j = 0; i < x.length && j < y.length; ) {
    if (x[i] === y[j]) anchors.push([i++, j++]);
    else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) i++;
    else j++;
  }
  anchors.push([x.length, y.length]);

  // Changed spans between consecutive anchors, widened by one agreeing word each side, merged where they touch.
  const spans: { x: [number, number]; y: [number, number] }[] = [];
  let previous: [number, number] = [-1, -1];
  for (const [i, j] of anchors) {
    if (i > previous[0] + 1 || j > previous[1] + 1) {
      const span = {
        x: [Math.max(previous[0], 0), Math.min(i + 1, x.length)] as [number, number],
        y: [Math.max(previous[1], 0), Math.min(j + 1, y.length)] as [number, number],
      };
      const last = spans[spans.length - 1];
      if (last && last.x[1] >= span.x[0] && last.y[1] >= span.y[0]) {
        last.x[1] = span.x[1];
        last.y[1] = span.y[1];
      } else spans.push(span);
    }
    previous = [i, j];
  }
  return spans.map((s) => `"${x.slice(...s.x).join(' ')}" → "${y.slice(...s.y).join(' ')}"`);
}
