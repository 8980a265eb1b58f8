import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The committed text of a model file: what `git show HEAD:<path>` gives when the project is a git
 * checkout that has the file committed, else the file on disk. The change report compares the new
 * model with this, so it keeps saying what changed until the new model is committed.
 */
export async function committedText(root: string, file: string): Promise<{ text: string | null; fromGit: boolean }> {
  const path = relative(root, file).split(sep).join('/');
  try {
    const { stdout } = await run('git', ['-C', root, 'show', `HEAD:${path}`], { maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
    return { text: stdout, fromGit: true };
  } catch {
    return { text: await readFile(join(file), 'utf8').catch(() => null), fromGit: false };
  }
}
