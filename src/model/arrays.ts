/**
 * Array helpers whose stack use does not grow with the input: `target.push(...items)` and
 * `Math.max(...values)` pass every item as an argument, and a large enough input (a 50 MB source)
 * overflows the call stack.
 */
export function append<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The largest value, or `empty` when there is none. */
export function maxOf(values: Iterable<number>, empty = 0): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) if (v > max) max = v;
  return max === Number.NEGATIVE_INFINITY ? empty : max;
}
