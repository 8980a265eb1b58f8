import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { treeBytes } from '../helpers/tree';

/** fs.rename, failing on the call whose number is set here (0: never). */
let failOnRename = 0;
let renames = 0;
vi.mock('node:fs/promises', async (original) => {
  const fs = await original<typeof import('node:fs/promises')>();
  return {
    ...fs,
    rename: async (from: string, to: string) => {
      renames++;
      if (renames === failOnRename) throw Object.assign(new Error('simulated failure'), { code: 'EIO' });
      return fs.rename(from, to);
    },
  };
});

const { commitChanges, interruptedCommit, recoverOutput } = await import('../../src/pipeline/commit');

afterEach(() => {
  failOnRename = 0;
  renames = 0;
});

/** An output folder with a last build's files. */
function lastBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gradepack-commit-'));
  mkdirSync(join(dir, 'packs', 'eo'), { recursive: true });
  writeFileSync(join(dir, 'packs', 'eo', 'a.pdf'), 'old a');
  writeFileSync(join(dir, 'packs', 'eo', 'b.pdf'), 'old b');
  writeFileSync(join(dir, 'gone.pdf'), 'old gone');
  writeFileSync(join(dir, 'manifest.json'), 'old manifest');
  return dir;
}

const changes = [
  { path: 'packs/eo/a.pdf', bytes: 'new a' },
  { path: 'packs/eo/b.pdf', bytes: 'new b' },
  { path: 'packs/heo/c.pdf', bytes: 'new c' },
  { path: 'gone.pdf', bytes: null },
  { path: 'manifest.json', bytes: 'new manifest' },
];

describe('the commit of a build', () => {
  it('replaces, adds and removes files, and leaves nothing of its own behind', async () => {
    const dir = lastBuild();
    await commitChanges(dir, changes);
    expect(treeBytes(dir)).toEqual({
      'packs/eo/a.pdf': Buffer.from('new a').toString('base64'),
      'packs/eo/b.pdf': Buffer.from('new b').toString('base64'),
      'packs/heo/c.pdf': Buffer.from('new c').toString('base64'),
      'manifest.json': Buffer.from('new manifest').toString('base64'),
    });
    expect(await interruptedCommit(dir)).toBe(false);
  });

  it('restores the last build’s files when a file cannot be put in place midway', async () => {
    const dir = lastBuild();
    const before = treeBytes(dir);
    failOnRename = 6; // the journal's write, then a, b and their backups...: fails in the middle of the switch
    await expect(commitChanges(dir, changes)).rejects.toMatchObject({ code: 'OutputUnwritable' });
    expect(treeBytes(dir)).toEqual(before);
    expect(await interruptedCommit(dir)).toBe(false);
  });

  it('refuses, before changing anything, an output path that is a folder, or under a file', async () => {
    const dir = lastBuild();
    mkdirSync(join(dir, 'packs', 'heo', 'c.pdf'), { recursive: true });
    const before = treeBytes(dir);
    await expect(commitChanges(dir, changes)).rejects.toMatchObject({
      code: 'OutputUnwritable',
      message: expect.stringContaining('output/packs/heo/c.pdf is a folder'),
    });
    expect(treeBytes(dir)).toEqual(before);
    const other = lastBuild();
    writeFileSync(join(other, 'packs', 'heo'), 'a file where a folder goes');
    await expect(commitChanges(other, changes)).rejects.toMatchObject({ code: 'OutputUnwritable', message: expect.stringContaining('is a file') });
  });

  it('refuses an output path that leads out of output/', async () => {
    await expect(commitChanges(lastBuild(), [{ path: '../escape.pdf', bytes: 'x' }])).rejects.toMatchObject({ code: 'PathOutsideProject' });
  });

  it('is finished by the next build when stopped after its journal, and discarded when stopped before', async () => {
    // Stopped right after the journal was written: everything staged, nothing yet moved.
    const stopped = lastBuild();
    const journal = JSON.stringify({ paths: changes.map((c) => ({ path: c.path, remove: c.bytes === null })) });
    mkdirSync(join(stopped, '.gradepack-commit', 'staged', 'packs', 'heo'), { recursive: true });
    mkdirSync(join(stopped, '.gradepack-commit', 'staged', 'packs', 'eo'), { recursive: true });
    for (const c of changes) if (c.bytes !== null) writeFileSync(join(stopped, '.gradepack-commit', 'staged', c.path), c.bytes);
    writeFileSync(join(stopped, '.gradepack-commit', 'journal.json'), journal);
    expect(await interruptedCommit(stopped)).toBe(true);
    expect(await recoverOutput(stopped)).toBe('finished');
    const clean = lastBuild();
    await commitChanges(clean, changes);
    expect(treeBytes(stopped)).toEqual(treeBytes(clean));

    const early = lastBuild();
    const before = treeBytes(early);
    mkdirSync(join(early, '.gradepack-commit', 'staged'), { recursive: true });
    writeFileSync(join(early, '.gradepack-commit', 'staged', 'half.pdf'), 'half');
    writeFileSync(join(early, '.manifest.json.12345678.abcd.tmp'), 'a cut-short write');
    expect(await recoverOutput(early)).toBe('discarded');
    expect(treeBytes(early)).toEqual(before);
    expect(readFileSync(join(early, 'manifest.json'), 'utf8')).toBe('old manifest');
  });
});
