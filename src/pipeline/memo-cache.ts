import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write';
import type { ProjectPaths } from './paths';

export interface MemoEntry<T> {
  key: string;
  value: T;
}

/**
 * Results kept under .cache/gradepack/<area>/<name>.json with the key of everything they were
 * made from; a stored result is used only when its key matches. Only ever saves time: a missing,
 * unreadable or stale entry means computing again, and the folder can be deleted at any time.
 * `next` may add the entry the next run will look for (when this run changes one of the inputs,
 * as a build that writes the model it read does); the file keeps both.
 */
export async function memo<T>(
  paths: ProjectPaths,
  area: string,
  name: string,
  key: string,
  compute: () => Promise<T> | T,
  next?: (value: T) => Promise<MemoEntry<T> | null>,
): Promise<T> {
  const file = join(paths.cache, area, `${name}.json`);
  try {
    const stored = JSON.parse(await readFile(file, 'utf8')) as { entries?: MemoEntry<T>[] };
    const hit = stored.entries?.find((e) => e.key === key);
    if (hit) return hit.value;
  } catch {
    // not stored yet, or unreadable: compute it
  }
  const value = await compute();
  const entries: MemoEntry<T>[] = [{ key, value }];
  const following = next ? await next(value) : null;
  if (following && following.key !== key) entries.push(following);
  await writeFileAtomic(file, JSON.stringify({ entries }));
  return value;
}
