import { readFile, readdir, rm, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Diagnostic } from '../model/diagnostic';
import { GradepackError } from '../model/errors';
import type { BrowserPool } from '../render/browser/pool';
import { validationReport } from '../validate/report';
import { validateProject } from './validation';
import { writeFileAtomic } from './atomic-write';
import { sha256Hex } from './fingerprint';
import { acquireBuildLock } from './lock';
import { GENERATOR, MANIFEST_FILE, readManifest, serializeManifest, type Manifest } from './manifest';
import { modelChanges } from './model-changes';
import type { ProjectPaths } from './paths';
import type { OutputKind } from './plan';
import { fileHash, planBuild, staleJobs, type Selection } from './plan-build';

export interface BuildHooks {
  step(message: string): void;
  progress(done: number, total: number, label: string): void;
}

export interface BuildOptions {
  paths: ProjectPaths;
  kinds: OutputKind[];
  selection?: Selection;
  hooks?: BuildHooks;
  /** Run validation (the same as `gradepack validate`) and fail on its unaccepted errors. */
  validate?: boolean;
  /** Fail when validation finds unaccepted errors (default true). */
  failOnValidationErrors?: boolean;
  env?: NodeJS.ProcessEnv;
}

export interface BuildSummary {
  rendered: string[];
  unchanged: string[];
  removed: string[];
  modelsWritten: string[];
  diagnostics: Diagnostic[];
  changes: string;
  timings: Record<string, number>;
}

const silent: BuildHooks = { step: () => undefined, progress: () => undefined };

/** Leaves a file untouched (same mtime) when its content would not change. */
async function writeIfChanged(file: string, text: string): Promise<boolean> {
  if ((await readFile(file, 'utf8').catch(() => null)) === text) return false;
  await writeFileAtomic(file, text);
  return true;
}

async function runWithConcurrency<T>(items: T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  });
  await Promise.all(workers);
}

async function removeEmptyParents(file: string, stopAt: string): Promise<void> {
  let dir = dirname(file);
  while (dir.startsWith(stopAt) && dir !== stopAt) {
    if ((await readdir(dir).catch(() => ['x'])).length > 0) return;
    await rmdir(dir).catch(() => undefined);
    dir = dirname(dir);
  }
}

/**
 * One build: ingest, validate, render what changed, then commit. Everything is produced in memory
 * first; only when every step has succeeded are files written (each atomically), outputs no longer
 * produced removed, and the manifest written last. A failure before that leaves every file as it
 * was; a kill during the commit leaves files that the manifest does not vouch for, so the next
 * build renders them again.
 */
export async function runBuild(options: BuildOptions): Promise<BuildSummary> {
  const { paths, kinds, selection = {}, hooks = silent, env = process.env } = options;
  const timings: Record<string, number> = {};
  const time = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      timings[label] = Math.round(performance.now() - started);
    }
  };
  const release = await acquireBuildLock(paths.output);
  let pool: Promise<BrowserPool> | null = null;
  try {
    const plan = await time('ingest', () => planBuild(paths, kinds, selection, env));
    hooks.step(`ingested ${plan.frameworks.length} frameworks`);
    const diagnostics = options.validate ? await time('validate', () => validateProject(paths, plan.ingested, plan.config, plan.complete)) : [];
    const blocking = diagnostics.filter((d) => d.severity === 'error' && !d.accepted);
    if (blocking.length > 0 && options.failOnValidationErrors !== false) {
      const first = blocking[0]!;
      throw new GradepackError(
        'ValidationFailed',
        `Validation found ${blocking.length} error${blocking.length === 1 ? '' : 's'}; the first: ${first.code} ${first.message}.`,
        { file: first.file ?? undefined, line: first.line ?? undefined, page: first.page ?? undefined },
        `${first.hint} Run \`gradepack validate\` for the list; fix the source or accept the finding in its errata file.`,
      );
    }
    const model = await modelChanges(paths.root, paths.model, plan.ingested);
    const manifest = await readManifest(join(paths.output, MANIFEST_FILE), GENERATOR);
    const stale = (await staleJobs(paths.output, plan.jobs, manifest)).sort((a, b) => b.cost - a.cost);
    hooks.step(`${stale.length} of ${plan.jobs.length} outputs to render`);
    const rendered = new Map<string, Uint8Array>();
    const context = {
      config: plan.config,
      templatesDir: paths.templates,
      browser: () =>
        (pool ??= import('../render/browser/pool').then(async ({ BrowserPool }) => {
          const launched = await BrowserPool.launch(plan.config.renderConcurrency, env);
          hooks.step(`printing with ${launched.description}`);
          return launched;
        })),
    };
    let done = 0;
    await time('render', () =>
      runWithConcurrency(stale, plan.config.renderConcurrency + 2, async (job) => {
        rendered.set(job.path, await job.render(context));
        hooks.progress(++done, stale.length, job.path);
      }),
    );
    // Commit.
    const whole = !selection.frameworks?.length && !selection.grades?.length && !selection.formats?.length;
    const next: Manifest = { generator: GENERATOR, outputs: whole ? {} : { ...manifest.outputs } };
    for (const job of plan.jobs) {
      const bytes = rendered.get(job.path);
      const sha = bytes ? sha256Hex(bytes) : manifest.outputs[job.path]!.sha256;
      next.outputs[job.path] = { kind: job.kind, framework: job.framework, target: job.target, inputs: job.inputs, parts: job.parts, sha256: sha };
    }
    await time('write', async () => {
      for (const [name, text] of model.files) {
        if (model.stale.includes(name)) await writeFileAtomic(join(paths.model, name), text);
      }
      for (const [path, bytes] of rendered) await writeFileAtomic(join(paths.output, path), bytes);
      // A narrowed build validated only part of the project: the last full report stays.
      if (options.validate && plan.complete) {
        const report = validationReport(diagnostics);
        await writeIfChanged(join(paths.output, 'validation.json'), report.json);
        await writeIfChanged(join(paths.output, 'validation.txt'), report.text);
      }
      // Outside git the baseline is the model on disk, which this build replaces: keep the last
      // report until the model changes again.
      const changesFile = join(paths.output, 'CHANGES.md');
      if (model.againstCommit || model.stale.length > 0 || !(await fileHash(changesFile))) await writeIfChanged(changesFile, model.report);
    });
    const removed = whole ? Object.keys(manifest.outputs).filter((p) => !(p in next.outputs)) : [];
    for (const path of removed) {
      await rm(join(paths.output, path), { force: true });
      await removeEmptyParents(join(paths.output, path), paths.output);
    }
    await writeIfChanged(join(paths.output, MANIFEST_FILE), serializeManifest(next));
    return {
      rendered: [...rendered.keys()],
      unchanged: plan.jobs.filter((j) => !rendered.has(j.path)).map((j) => j.path),
      removed,
      modelsWritten: model.stale,
      diagnostics,
      changes: model.report,
      timings,
    };
  } finally {
    if (pool) await (await (pool as Promise<BrowserPool>).catch(() => null))?.close();
    await release();
  }
}
