import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processAlive } from '../../model/processes';

/** Chromium profile folders are named for the build process that made them. */
export const PROFILE_PREFIX = 'gradepack-chromium-';

/** Profile folders of builds that were killed (their process is gone) are removed at the next start. */
export function removeStaleProfiles(dir: string = tmpdir()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const pid = Number(/^gradepack-chromium-(\d+)-/.exec(name)?.[1]);
    if (!pid || pid === process.pid || processAlive(pid)) continue;
    rmSync(join(dir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}
