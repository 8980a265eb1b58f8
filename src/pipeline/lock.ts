import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { GradepackError } from '../model/errors';

const LOCK_FILE = '.gradepack.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the build lock in the output folder, so that two builds at once cannot interleave their
 * writes. A lock left by a process that no longer runs (a killed build) is taken over.
 */
export async function acquireBuildLock(outputDir: string): Promise<() => Promise<void>> {
  await mkdir(outputDir, { recursive: true });
  const file = join(outputDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) {
        throw new GradepackError(
          'BuildLocked',
          `Process ${holder} holds ${file}.`,
          { file },
          'Wait for that build to finish, or remove the lock file if no build is running.',
        );
      }
      await rm(file, { force: true });
    }
  }
  throw new GradepackError('BuildLocked', `Could not take ${file}.`, { file });
}
