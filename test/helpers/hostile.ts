import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ErrorName } from '../../src/model/errors';
import { ROOT, SOURCES } from './ingest';
import { type CliRun, runCli, tempProject } from './project';
import { treeBytes } from './tree';

/**
 * For tests that give gradepack bad or hostile input: a small built project to copy, edits to its
 * files, the CLI in a process of its own (so that a hang or a crash fails the test, not vitest),
 * and what a user must see when it refuses the input.
 */

/** The smallest framework: one grade, one text source with errata. */
export const FRAMEWORK = 'cscf-2012-sms1';
export const SOURCE = 'cs-competency-framework-2012-sms1.txt';
export const ERRATA = `${SOURCE}.errata.json`;
/** A line of the source with one indicator on it, and how that indicator starts. */
export const INDICATOR_LINE = 81;
export const INDICATOR = 'Anticipate and predict the long term impact';

/** A project holding `frameworks`, built once (--format docx: no browser); returns its folder. */
export async function builtProject(frameworks = [FRAMEWORK]): Promise<string> {
  const root = tempProject(frameworks);
  const first = await runCli(['build', '--root', root, '--quiet', '--format', 'docx']);
  expect(first.code, first.stderr).toBe(0);
  return root;
}

/** A copy of a project, to break. */
export function copyOf(root: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'gradepack-hostile-'));
  cpSync(root, copy, { recursive: true });
  return copy;
}

export const read = (root: string, path: string) => readFileSync(join(root, path), 'utf8');
export const write = (root: string, path: string, text: string | Uint8Array) => writeFileSync(join(root, path), text);

export function editJson(root: string, path: string, edit: (json: Record<string, unknown>) => void): void {
  const json = JSON.parse(read(root, path));
  edit(json);
  write(root, path, `${JSON.stringify(json, null, 2)}\n`);
}

export type FrameworkEntry = Record<string, unknown> & { id: string; sources: Record<string, unknown>[] };

/** Edits the registry's frameworks (the first by default). */
export const editRegistry = (root: string, edit: (frameworks: FrameworkEntry[]) => void) =>
  editJson(root, 'sources/registry.json', (r) => edit(r.frameworks as FrameworkEntry[]));
export const editFramework = (root: string, edit: (entry: FrameworkEntry) => void) => editRegistry(root, (frameworks) => edit(frameworks[0]!));
export const editErrata = (root: string, edit: (entries: Record<string, unknown>[]) => void) =>
  editJson(root, `sources/${ERRATA}`, (e) => edit(e.entries as Record<string, unknown>[]));
export const editSource = (root: string, edit: (text: string) => string) => write(root, `sources/${SOURCE}`, edit(read(root, `sources/${SOURCE}`)));

/** The 2018 PDF's registry entry, reading `bytes` as its PDF. */
export function pdfFramework(root: string, bytes: string | Uint8Array): void {
  const real = (JSON.parse(readFileSync(join(SOURCES, 'registry.json'), 'utf8')).frameworks as FrameworkEntry[]).find((f) => f.id === 'success-profiles-2018')!;
  write(root, 'sources/behaviours.pdf', bytes);
  editJson(root, 'sources/registry.json', (r) => {
    r.frameworks = [{ ...real, sources: [{ file: 'behaviours.pdf', format: 'pdf' }] }];
  });
}

/** The 1-based number of the first line of `path` that contains `text`. */
export function lineOf(root: string, path: string, text: string): number {
  const index = read(root, path)
    .split('\n')
    .findIndex((l) => l.includes(text));
  if (index < 0) throw new Error(`"${text}" is not in ${path}`);
  return index + 1;
}

/** Runs `work` with environment variables set, then puts them back. */
export async function withEnv<T>(env: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await work();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

export interface ChildRun extends CliRun {
  /** The signal that ended it: SIGKILL when it ran out of time. */
  signal: NodeJS.Signals | null;
}

/**
 * The CLI from source (tsx) in a process of its own, killed after `timeoutMs`: a hang or a crash
 * (heap exhausted, stack overflow) is a result to assert on, not a frozen test run.
 */
export function runCliProcess(args: string[], options: { env?: Record<string, string>; preload?: string; timeoutMs?: number } = {}): Promise<ChildRun> {
  const { env = {}, preload, timeoutMs = 120_000 } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(preload ? ['--require', preload] : []), '--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, CI: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, signal, stdout, stderr });
    });
  });
}

/**
 * What a user must see when gradepack refuses input: no stack trace, exactly one line
 * `<where>error <Name>: ...` saying `says`, one hint, and nothing else.
 */
export function expectOneNamedError(text: string, name: ErrorName, where: string, says: RegExp = /./): void {
  const lines = text.trimEnd().split('\n');
  expect(lines.filter((l) => /^\s+at /.test(l))).toEqual([]);
  const errors = lines.filter((l) => / ?error [A-Za-z]+: /.test(l) && !l.startsWith('  hint: '));
  expect(errors, text).toHaveLength(1);
  expect(errors[0]!.startsWith(`${where}error ${name}: `), `"${errors[0]}" should start with "${where}error ${name}: "`).toBe(true);
  expect(errors[0]).toMatch(says);
  expect(lines.filter((l) => l.startsWith('  hint: ') && l.length > '  hint: '.length)).toHaveLength(1);
  expect(lines).toHaveLength(2);
}

/** output/ as bytes (a tree, or the file that stands in its place), or null when there is none. */
export function outputState(root: string): Record<string, string> | string | null {
  try {
    return treeBytes(join(root, 'output'));
  } catch {
    try {
      return readFileSync(join(root, 'output'), 'base64');
    } catch {
      return null;
    }
  }
}

/**
 * Runs the CLI (in this process) on `root` with `--root` and `--quiet`, and expects one named error,
 * exit 3, and output/ byte for byte as it was.
 */
export async function expectRefused(root: string, args: string[], name: ErrorName, where: string, says?: RegExp, exit = [3]): Promise<CliRun> {
  const before = outputState(root);
  const run = await runCli([...args, '--root', root, '--quiet']);
  expect(exit, run.stderr).toContain(run.code);
  expectOneNamedError(run.stderr, name, where, says);
  expect(outputState(root)).toEqual(before);
  return run;
}
