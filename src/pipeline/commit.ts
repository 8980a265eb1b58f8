import { lstat, mkdir, readdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { GradepackError } from '../model/errors';
import { processAlive } from '../model/processes';
import { writeFileAtomic } from './atomic-write';

/**
 * Writing a build's results into output/ so that, whatever happens, the folder holds either the
 * last build's tree or the new one, never a mix:
 *  1. stage: every new file is written under output/.gradepack-commit/staged/;
 *  2. journal: the list of changes is written (atomically) to .gradepack-commit/journal.json:
 *     the commit point;
 *  3. switch: for each change, the file in place (if any) moves into .gradepack-commit/backup/,
 *     and the staged file moves into its place;
 *  4. the journal is removed, then the commit folder.
 * A build killed before (2) left only staging: the next build removes it (the old tree stands).
 * A build killed after (2) left a journal: the next build finishes the switch (the new tree).
 * A switch that fails (a file cannot be replaced) is undone from the backups, and reported.
 * Renames stay within output/, so each is atomic.
 */
export interface Change {
  /** Relative to output/, POSIX separators. */
  path: string;
  /** The new content, or null to remove the file. */
  bytes: Uint8Array | string | null;
}

const COMMIT_DIR = '.gradepack-commit';
const JOURNAL = 'journal.json';

interface Journal {
  paths: { path: string; remove: boolean }[];
}

/** Test seam: `GRADEPACK_CRASH_AT=journal` (or `switch:3`, ...) kills the build right there. */
function crashPoint(name: string): void {
  if (process.env.GRADEPACK_CRASH_AT === name) process.kill(process.pid, 'SIGKILL');
}

function checkedPath(outputDir: string, path: string): string {
  const normal = normalize(path);
  if (normal.startsWith('..') || normal.startsWith(sep) || normal.includes(`${sep}..${sep}`) || normal.startsWith(COMMIT_DIR)) {
    throw new GradepackError(
      'PathOutsideProject',
      `The output path "${path}" leads outside ${outputDir}.`,
      { file: outputDir },
      'Framework, level and grade ids become folder names: keep them to letters, digits and hyphens.',
    );
  }
  return join(outputDir, normal);
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

/** Every folder on the way to `target` under output/ is a folder (or absent), and `target` is not one. */
async function preflight(outputDir: string, path: string): Promise<void> {
  const target = join(outputDir, path);
  const info = await lstat(target).catch(() => null);
  if (info && !info.isFile()) {
    throw new GradepackError(
      'OutputUnwritable',
      `output/${path} is ${info.isDirectory() ? 'a folder' : 'not a regular file'}, so the build cannot write its file there.`,
      { file: target },
      'Move it out of the way and build again.',
    );
  }
  let dir = dirname(target);
  while (dir.length > outputDir.length) {
    const parent = await lstat(dir).catch(() => null);
    if (parent && !parent.isDirectory()) {
      throw new GradepackError(
        'OutputUnwritable',
        `${dir} is a file, so the build cannot make a folder there for output/${path}.`,
        { file: dir },
        'Move it out of the way and build again.',
      );
    }
    dir = dirname(dir);
  }
}

export async function commitChanges(outputDir: string, changes: Change[]): Promise<void> {
  if (changes.length === 0) return;
  const commitDir = join(outputDir, COMMIT_DIR);
  for (const change of changes) {
    checkedPath(outputDir, change.path);
    await preflight(outputDir, change.path);
  }
  await rm(commitDir, { recursive: true, force: true });
  try {
    for (const change of changes) {
      if (change.bytes === null) continue;
      const staged = join(commitDir, 'staged', change.path);
      await mkdir(dirname(staged), { recursive: true });
      await writeFile(staged, change.bytes);
    }
  } catch (e) {
    await rm(commitDir, { recursive: true, force: true });
    throw new GradepackError(
      'OutputUnwritable',
      `The new outputs could not be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`,
      { file: outputDir },
      'Check the free space and that output/ may be written.',
    );
  }
  crashPoint('staged');
  const journal: Journal = { paths: changes.map((c) => ({ path: c.path, remove: c.bytes === null })) };
  await writeFileAtomic(join(commitDir, JOURNAL), JSON.stringify(journal));
  crashPoint('journal');
  try {
    await switchTree(outputDir, journal);
  } catch (e) {
    await undoSwitch(outputDir, journal);
    await rm(commitDir, { recursive: true, force: true });
    const code = (e as NodeJS.ErrnoException).code;
    throw new GradepackError(
      'OutputUnwritable',
      `The new outputs could not be put in place (${code ?? (e as Error).message}); the last build's files were restored.`,
      { file: outputDir },
      'Check that output/ and its files may be written.',
    );
  }
  await finish(outputDir);
}

async function switchTree(outputDir: string, journal: Journal): Promise<void> {
  const commitDir = join(outputDir, COMMIT_DIR);
  for (const [i, { path, remove }] of journal.paths.entries()) {
    const target = join(outputDir, path);
    const staged = join(commitDir, 'staged', path);
    const backup = join(commitDir, 'backup', path);
    const placed = !remove && !(await exists(staged));
    if (placed) continue;
    if ((await exists(target)) && !(await exists(backup))) {
      await mkdir(dirname(backup), { recursive: true });
      await rename(target, backup);
    }
    if (!remove) {
      await mkdir(dirname(target), { recursive: true });
      await rename(staged, target);
    }
    crashPoint(`switch:${i + 1}`);
  }
}

/** Puts every moved file back and takes away every placed one (after a failed switch). */
async function undoSwitch(outputDir: string, journal: Journal): Promise<void> {
  const commitDir = join(outputDir, COMMIT_DIR);
  for (const { path, remove } of [...journal.paths].reverse()) {
    const target = join(outputDir, path);
    const staged = join(commitDir, 'staged', path);
    const backup = join(commitDir, 'backup', path);
    if (!remove && !(await exists(staged)) && (await exists(target))) await rm(target, { force: true });
    if (await exists(backup)) {
      await mkdir(dirname(target), { recursive: true });
      await rename(backup, target);
    }
  }
}

async function finish(outputDir: string): Promise<void> {
  const commitDir = join(outputDir, COMMIT_DIR);
  await rm(join(commitDir, JOURNAL), { force: true });
  crashPoint('switched');
  await rm(commitDir, { recursive: true, force: true });
}

/**
 * What a killed build left behind, made good at the start of the next (under the lock): a
 * journalled commit is finished, an unfinished staging is removed, and so are the temporary files
 * of writes that were cut short.
 */
export async function recoverOutput(outputDir: string): Promise<'finished' | 'discarded' | 'none'> {
  const commitDir = join(outputDir, COMMIT_DIR);
  await removeTemporaryFiles(outputDir);
  const journalText = await readFile(join(commitDir, JOURNAL), 'utf8').catch(() => null);
  if (journalText !== null) {
    await switchTree(outputDir, JSON.parse(journalText) as Journal);
    await finish(outputDir);
    return 'finished';
  }
  if (await exists(commitDir)) {
    await rm(commitDir, { recursive: true, force: true });
    return 'discarded';
  }
  return 'none';
}

/** True when output/ holds an interrupted commit (`check` then says so). */
export async function interruptedCommit(outputDir: string): Promise<boolean> {
  return exists(join(outputDir, COMMIT_DIR));
}

/** `.<name>.<pid>.<hex>.tmp`, from writeFileAtomic, whose process is gone. */
async function removeTemporaryFiles(dir: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== COMMIT_DIR) await removeTemporaryFiles(full);
      continue;
    }
    const pid = Number(/^\..+\.(\d+)\.[0-9a-f]+\.tmp$/.exec(entry.name)?.[1]);
    if (pid && pid !== process.pid && !processAlive(pid)) await rm(full, { force: true });
  }
}

/** Removes the folders a removal left empty, up to (not including) output/. */
export async function removeEmptyFolders(outputDir: string, paths: string[]): Promise<void> {
  for (const path of paths) {
    let dir = dirname(join(outputDir, path));
    while (dir.startsWith(outputDir) && dir !== outputDir) {
      if ((await readdir(dir).catch(() => ['x'])).length > 0) break;
      await rmdir(dir).catch(() => undefined);
      dir = dirname(dir);
    }
  }
}
