import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { GradepackError } from '../model/errors';
import { processAlive } from '../model/processes';

const LOCK_FILE = '.gradepack.lock';

/** Who holds the lock: enough to tell, later, whether that process is provably gone. */
interface Owner {
  pid: number;
  host: string;
  /** The process's start time (Linux /proc), so that a reused PID is not taken for the owner. */
  started: string | null;
  /** Unique to this acquisition: release removes only a lock with this token. */
  token: string;
}

async function processStart(pid: number): Promise<string | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Field 22, after the command name in parentheses (which may hold spaces).
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** The owner is gone for certain: same machine, and its PID is free or now belongs to another process. */
async function provablyGone(owner: Owner): Promise<boolean> {
  if (owner.host !== hostname()) return false;
  if (!processAlive(owner.pid)) return true;
  const started = await processStart(owner.pid);
  return owner.started !== null && started !== null && started !== owner.started;
}

function parseOwner(text: string): Owner | null {
  try {
    const owner = JSON.parse(text) as Owner;
    return Number.isInteger(owner.pid) && typeof owner.host === 'string' && typeof owner.token === 'string' ? owner : null;
  } catch {
    return null;
  }
}

/**
 * Takes the build lock in the output folder, so that two builds at once cannot interleave their
 * writes. The lock file appears complete, owner and all, in one step: it is written under a name
 * of its own, then hard-linked to the lock's name, which fails if a lock is there. A lock is taken
 * over only when its owner is provably gone, and released only by its owner. Returns the release.
 */
export async function acquireBuildLock(outputDir: string): Promise<() => Promise<void>> {
  try {
    await mkdir(outputDir, { recursive: true });
  } catch (e) {
    throw outputFolderError(outputDir, e);
  }
  const file = join(outputDir, LOCK_FILE);
  const owner: Owner = { pid: process.pid, host: hostname(), started: await processStart(process.pid), token: randomBytes(8).toString('hex') };
  const mine = `${file}.${process.pid}.${owner.token}`;
  await writeFile(mine, JSON.stringify(owner));
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await link(mine, file);
        return () => releaseBuildLock(file, owner.token);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const text = await readFile(file, 'utf8').catch(() => null);
      if (text === null) continue; // released meanwhile: try again
      const holder = parseOwner(text);
      if (!holder) {
        throw new GradepackError(
          'BuildLocked',
          `${file} is not a lock gradepack wrote, so its owner cannot be known.`,
          { file },
          'Remove it if no build is running.',
        );
      }
      if (!(await provablyGone(holder))) {
        throw new GradepackError(
          'BuildLocked',
          `Process ${holder.pid}${holder.host !== owner.host ? ` on ${holder.host}` : ''} holds ${file}.`,
          { file },
          'Wait for that build to finish.',
        );
      }
      // Take over the dead owner's lock: move it aside under a name of our own (one process wins
      // the rename), check it is the lock we judged, and remove it.
      const aside = `${file}.stale.${owner.token}`;
      try {
        await rename(file, aside);
      } catch {
        continue;
      }
      const moved = parseOwner(await readFile(aside, 'utf8').catch(() => ''));
      if (moved?.token === holder.token) {
        await rm(aside, { force: true });
      } else {
        // Someone else's fresh lock: put it back if its place is still free.
        await link(aside, file).catch(() => undefined);
        await rm(aside, { force: true });
      }
    }
    throw new GradepackError('BuildLocked', `Could not take ${file}.`, { file }, 'Another build is starting; try again.');
  } finally {
    await rm(mine, { force: true });
  }
}

async function releaseBuildLock(file: string, token: string): Promise<void> {
  const holder = parseOwner(await readFile(file, 'utf8').catch(() => ''));
  if (holder?.token === token) await rm(file, { force: true });
}

/** `output` that is a file, or a folder that cannot be made. */
export function outputFolderError(outputDir: string, e: unknown): GradepackError {
  const code = (e as NodeJS.ErrnoException).code;
  return new GradepackError(
    'OutputUnwritable',
    code === 'EEXIST' || code === 'ENOTDIR' ? `${outputDir} is a file, not a folder.` : `${outputDir} cannot be made (${code ?? (e as Error).message}).`,
    { file: outputDir },
    "gradepack writes its outputs into the project's output/ folder: move the file that stands in its way.",
  );
}
