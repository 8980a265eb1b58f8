import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { relative, sep } from 'node:path';

/**
 * The committed text of each model file: what `HEAD:<path>` holds when the project is a git
 * checkout that has the file committed, else the file on disk. The change report compares the new
 * model with this, so it keeps saying what changed until the new model is committed. One
 * `git cat-file --batch` serves every file (a git process each cost 20-30 ms of a no-op build).
 */
export async function committedTexts(root: string, files: string[]): Promise<{ texts: Map<string, string | null>; fromGit: boolean }> {
  const paths = files.map((file) => relative(root, file).split(sep).join('/'));
  const fromGit = await catFiles(root, paths).catch(() => null);
  const texts = new Map<string, string | null>();
  for (const [i, file] of files.entries()) {
    const committed = fromGit?.[i];
    texts.set(file, committed ?? (await readFile(file, 'utf8').catch(() => null)));
  }
  return { texts, fromGit: fromGit?.every((t) => t !== null) ?? false };
}

/** `HEAD:<path>` for each path through one `git cat-file --batch`: its text, or null where HEAD has none. */
function catFiles(root: string, paths: string[]): Promise<(string | null)[]> {
  return new Promise((resolve, reject) => {
    const git = spawn('git', ['-C', root, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    git.on('error', reject);
    git.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    git.on('close', (code) => {
      if (code !== 0) return reject(new Error(`git cat-file exited ${code}`));
      try {
        resolve(parseBatch(Buffer.concat(chunks), paths.length));
      } catch (e) {
        reject(e);
      }
    });
    git.stdin.on('error', reject);
    git.stdin.end(paths.map((p) => `HEAD:${p}\n`).join(''));
  });
}

function parseBatch(out: Buffer, count: number): (string | null)[] {
  const texts: (string | null)[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    const end = out.indexOf(10, at);
    if (end < 0) throw new Error('git cat-file: output ended early');
    const header = out.subarray(at, end).toString('utf8').split(' ');
    at = end + 1;
    if (header.length !== 3) {
      texts.push(null); // "<name> missing", "ambiguous"
      continue;
    }
    const size = Number(header[2]);
    texts.push(header[1] === 'blob' ? out.subarray(at, at + size).toString('utf8') : null);
    at += size + 1;
  }
  return texts;
}
