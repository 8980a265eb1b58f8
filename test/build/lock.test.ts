import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireBuildLock } from '../../src/pipeline/lock';
import { ROOT } from '../helpers/ingest';

const LOCK = '.gradepack.lock';
const folder = () => mkdtempSync(join(tmpdir(), 'gradepack-lock-'));

async function lockError(dir: string): Promise<{ code: string; message: string }> {
  try {
    await acquireBuildLock(dir);
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error('the lock was taken');
}

describe('the build lock', () => {
  it('is written whole, owner and all, in one step, and refuses a second taker while held', async () => {
    const dir = folder();
    const release = await acquireBuildLock(dir);
    const owner = JSON.parse(readFileSync(join(dir, LOCK), 'utf8'));
    expect(owner).toMatchObject({ pid: process.pid, host: hostname() });
    expect((await lockError(dir)).code).toBe('BuildLocked');
    await release();
    await (await acquireBuildLock(dir))();
  });

  it('is taken over when its owner is provably gone: a dead process, or its PID now another process', async () => {
    const dir = folder();
    const child = spawn(process.execPath, ['-e', '']);
    const pid = child.pid!;
    await new Promise((resolve) => child.once('exit', resolve));
    writeFileSync(join(dir, LOCK), JSON.stringify({ pid, host: hostname(), started: '1', token: 'dead' }));
    await (await acquireBuildLock(dir))();
    // This process, but started at another time: the PID was reused.
    writeFileSync(join(dir, LOCK), JSON.stringify({ pid: process.pid, host: hostname(), started: '1', token: 'reused' }));
    await (await acquireBuildLock(dir))();
  });

  it('is not taken over when the owner may live: another machine, or a lock it cannot read', async () => {
    const dir = folder();
    writeFileSync(join(dir, LOCK), JSON.stringify({ pid: 1, host: 'another-machine', started: null, token: 'far' }));
    expect((await lockError(dir)).message).toContain('on another-machine');
    writeFileSync(join(dir, LOCK), '');
    expect((await lockError(dir)).message).toContain('is not a lock gradepack wrote');
  });

  it('is released only by its owner', async () => {
    const dir = folder();
    const release = await acquireBuildLock(dir);
    const theirs = JSON.stringify({ pid: process.pid, host: hostname(), started: null, token: 'theirs' });
    writeFileSync(join(dir, LOCK), theirs);
    await release();
    expect(readFileSync(join(dir, LOCK), 'utf8')).toBe(theirs);
  });

  it('has one holder at a time among processes racing for it', async () => {
    const dir = folder();
    const racers = Array.from(
      { length: 3 },
      () =>
        new Promise<{ held: number; overlaps: number }>((resolve, reject) => {
          const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'fixtures', 'build', 'lock-racer.ts'), dir, '60'], { cwd: ROOT });
          let out = '';
          child.stdout.on('data', (chunk: Buffer) => {
            out += chunk.toString();
          });
          child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`racer exited ${code}`))));
        }),
    );
    const results = await Promise.all(racers);
    expect(results.reduce((n, r) => n + r.held, 0)).toBeGreaterThan(10);
    expect(results.map((r) => r.overlaps)).toEqual([0, 0, 0]);
  });
});
