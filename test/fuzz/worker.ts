import { spawnSync } from 'node:child_process';
import { closeSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, symlinkSync, ftruncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { ERRORS } from '../../src/model/errors';
import { printable } from '../../src/model/text';
import type { FuzzCase } from './kinds';
import { applyByteEdits, applyJsonEdits, applyTextEdits, type FileChange } from './mutations';
import { createFuzzProject, outsideFile } from './project';

/**
 * A fuzz worker: a child process with a project of its own. It builds the project once (the last
 * good build), then runs the cases the runner sends, one at a time, in this process: change a
 * file, run the CLI, judge what it did, put the file back. The runner kills a worker whose case
 * runs too long (a hang) and starts another.
 */
export interface CaseResult {
  exit: number | null;
  errorNames: string[];
  problems: string[];
  /** The first lines printed to stderr, control characters escaped. */
  stderr: string;
  ms: number;
}

export type WorkerMessage = { type: 'ready'; ms: number } | { type: 'result'; id: number; result: CaseResult } | { type: 'setup-failed'; message: string };

const REPORT_FILES = ['output/validation.json', 'output/validation.txt'];
const KNOWN = new Set(Object.keys(ERRORS));
/** An error line: `error Name: ...` or `file:line: error Name: ...`; a finding's code has a slash. */
const ERROR_LINE = /(?:^|: )error ([A-Za-z]+):/;
const STACK_LINE = /^\s+at .+/;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

let root = '';
let outside = '';
const originals = new Map<string, Buffer>();
let lastGood = new Map<string, string>();
let caseProblems: string[] = [];

process.on('unhandledRejection', (e) => caseProblems.push(`unhandled rejection: ${String((e as Error)?.message ?? e)}`));
process.on('uncaughtException', (e) => caseProblems.push(`uncaught exception: ${e.message}`));
// A Node warning is printed raw on the user's terminal, outside gradepack's reporter.
process.on('warning', (w) => caseProblems.push(`a Node warning printed: ${w.name}: ${w.message.slice(0, 200)}`));

/** Every path under the output folder, and every entry at the project's root, with what identifies its content. */
function snapshot(): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const info = lstatSync(path);
      out.set(`${rel}${name}`, `${info.isDirectory() ? 'd' : info.isSymbolicLink() ? 'l' : 'f'}:${info.size}:${info.mtimeMs}:${info.ino}`);
      if (info.isDirectory()) walk(path, `${rel}${name}/`);
    }
  };
  walk(join(root, 'output'), 'output/');
  for (const name of readdirSync(root)) if (name !== '.cache' && name !== 'output') out.set(name, 'root');
  return out;
}

function differences(a: Map<string, string>, b: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [k, v] of a) if (b.get(k) !== v) out.push(b.has(k) ? `changed ${k}` : `removed ${k}`);
  for (const k of b.keys()) if (!a.has(k)) out.push(`added ${k}`);
  return out;
}

function original(file: string): Buffer {
  let bytes = originals.get(file);
  if (!bytes) {
    bytes = readFileSync(join(root, file));
    originals.set(file, bytes);
  }
  return bytes;
}

function apply(file: string, change: FileChange): void {
  const path = join(root, file);
  const before = original(file);
  switch (change.kind) {
    case 'text': {
      const text = applyTextEdits(before.toString('utf8'), change.edits);
      writeFileSync(path, applyByteEdits(Buffer.from(text, 'utf8'), change.bytes));
      return;
    }
    case 'bytes':
      writeFileSync(path, applyByteEdits(before, change.edits));
      return;
    case 'json': {
      const value = applyJsonEdits(JSON.parse(before.toString('utf8')), change.edits);
      writeFileSync(path, applyTextEdits(JSON.stringify(value, null, 2), change.text));
      return;
    }
    case 'replace':
      rmSync(path, { recursive: true, force: true });
      switch (change.with) {
        case 'empty':
          writeFileSync(path, '');
          return;
        case 'directory':
          mkdirSync(path);
          writeFileSync(join(path, 'inside.txt'), 'a file in a folder where a file was expected');
          return;
        case 'symlink-dev-zero':
          symlinkSync('/dev/zero', path);
          return;
        case 'symlink-outside':
          symlinkSync(outside, path);
          return;
        case 'symlink-etc-passwd':
          symlinkSync('/etc/passwd', path);
          return;
        case 'fifo':
          spawnSync('mkfifo', [path]);
          return;
        case 'oversize': {
          // Sparse: 60 MB that take no disk, over every input limit.
          const fd = openSync(path, 'w');
          ftruncateSync(fd, 60 * 1024 * 1024);
          closeSync(fd);
          return;
        }
      }
  }
}

function restore(file: string): void {
  const path = join(root, file);
  rmSync(path, { recursive: true, force: true });
  writeFileSync(path, original(file));
}

/** The CLI in this process, with what it prints captured. */
async function runCli(args: string[]): Promise<{ exit: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const write = { out: process.stdout.write, err: process.stderr.write };
  process.stdout.write = ((chunk: unknown) => {
    stdout += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: unknown) => {
    stderr += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    const exit = await main([...args, '--root', root, '--quiet']);
    return { exit, stdout, stderr };
  } catch (e) {
    caseProblems.push(`main threw: ${(e as Error)?.stack ?? String(e)}`);
    return { exit: null, stdout, stderr };
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
  }
}

async function runCase(c: FuzzCase): Promise<CaseResult> {
  const started = performance.now();
  caseProblems = [];
  if (c.file && c.change) apply(c.file, c.change);
  const { exit, stdout, stderr } = await runCli(c.args);
  if (c.file && c.change) restore(c.file);
  // A rejection the CLI left behind surfaces on a later turn of the event loop.
  await new Promise((resolve) => setImmediate(resolve));
  const problems = [...caseProblems];
  const lines = stderr.split('\n');
  const errorNames = lines.map((l) => ERROR_LINE.exec(l)?.[1]).filter((n): n is string => n !== undefined);
  if (exit !== null && ![0, 1, 2, 3].includes(exit)) problems.push(`exit code ${exit}`);
  if (lines.some((l) => STACK_LINE.test(l))) problems.push('a stack trace');
  if (errorNames.includes('InternalError')) problems.push('InternalError');
  for (const name of errorNames) if (name !== 'InternalError' && !KNOWN.has(name)) problems.push(`error name ${name} is not in the catalogue`);
  if ((exit === 2 || exit === 3) && errorNames.length === 0) problems.push(`exit ${exit} without a named error`);
  if (CONTROL.test(stdout) || CONTROL.test(stderr)) problems.push('raw control characters printed');
  const now = snapshot();
  if (exit === 0) lastGood = now;
  else {
    // validate reports its findings (exit 1) in output/validation.json and .txt: that is its job.
    const reports = exit === 1 && c.args[0] === 'validate' ? REPORT_FILES : [];
    const changed = differences(lastGood, now).filter((d) => !reports.some((r) => d === `changed ${r}` || d === `added ${r}`));
    if (changed.length > 0) {
      problems.push(`outputs changed by a failed run: ${changed.slice(0, 5).join(', ')}${changed.length > 5 ? ` and ${changed.length - 5} more` : ''}`);
      lastGood = now;
    } else {
      // The reports validate wrote are the state later cases must leave alone.
      for (const r of reports) {
        const entry = now.get(r);
        if (entry === undefined) lastGood.delete(r);
        else lastGood.set(r, entry);
      }
    }
  }
  return { exit, errorNames, problems, stderr: stderr.slice(0, 2000).split('\n').map(printable).join('\n'), ms: Math.round(performance.now() - started) };
}

async function setup(): Promise<void> {
  const started = performance.now();
  root = await createFuzzProject();
  // Paths in cases (a model file, a campaign file) are relative to the project, as a user types them there.
  process.chdir(root);
  outside = outsideFile();
  const first = await runCli(['build', '--format', 'html']);
  if (first.exit !== 0) throw new Error(`the good build failed (exit ${first.exit}): ${first.stderr.slice(0, 2000)}`);
  lastGood = snapshot();
  process.send!({ type: 'ready', ms: Math.round(performance.now() - started) } satisfies WorkerMessage);
}

process.on('message', (message: { type: 'case'; id: number; case: FuzzCase }) => {
  runCase(message.case).then(
    (result) => process.send!({ type: 'result', id: message.id, result } satisfies WorkerMessage),
    (e: unknown) =>
      process.send!({
        type: 'result',
        id: message.id,
        result: { exit: null, errorNames: [], problems: [`the worker failed: ${(e as Error)?.stack ?? String(e)}`], stderr: '', ms: 0 },
      } satisfies WorkerMessage),
  );
});

setup().catch((e: unknown) => {
  process.send!({ type: 'setup-failed', message: (e as Error)?.stack ?? String(e) } satisfies WorkerMessage);
  process.exit(1);
});
