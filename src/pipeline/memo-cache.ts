import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write';
import type { ProjectPaths } from './paths';

/**
 * Results kept under .cache/gradepack/<area>/<name>.json with the key of everything they were
 * made from; a stored result is used only when its key matches. Only ever saves time: a missing,
 * unreadable or stale entry means computing again, and the folder can be deleted at any time.
 */
export async function memo<T>(paths: ProjectPaths, area: string, name: string, key: string, compute: () => Promise<T> | T): Promise<T> {
  const file = join(paths.cache, area, `${name}.json`);
  try {
    const stored = JSON.parse(await readFile(file, 'utf8')) as { key: string; value: T };
    if (stored.key === key) return stored.value;
  } catch {
    // not stored yet, or unreadable: compute it
  }
  const value = await compute();
  await writeFileAtomic(file, JSON.stringify({ key, value }));
  return value;
}
