import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic } from '../model/diagnostic';
import { GradepackError } from '../model/errors';
import type { BrowserPool } from '../render/browser/pool';
import { validationReport } from '../validate/report';
import { validateProject } from './validation';
import { type Change, commitChanges, recoverOutput, removeEmptyFolders } from './commit';
import { removeStaleProfiles } from '../render/browser/profiles';
import { sha256Hex } from './fingerprint';
import { requireProject } from '../ingest/registry';
import { acquireBuildLock } from './lock';
import { GENERATOR, MANIFEST_FILE, readManifest, serializeManifest, type Manifest } from './manifest';
import { modelChanges } from './model-changes';
import type { ProjectPaths } from './paths';
import type { OutputKind } from './plan';
import { readOutputStats, recordOutputStats } from './output-stats';
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

/** Adds a change to `path` unless the file already holds `text`: unchanged files keep their time. */
async function addIfChanged(changes: Change[], outputDir: string, path: string, text: string): Promise<void> {
  if ((await readFile(join(outputDir, path), 'utf8').catch(() => null)) !== text) changes.push({ path, bytes: text });
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

/**
 * One build: ingest, validate, render what changed, then commit. Everything is produced in memory
 * first; only when every step has succeeded is output/ changed, in one crash-safe switch
 * (commit.ts): a failure or a kill at any moment leaves the last build's tree or the new one.
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
  requireProject(paths.sources);
  const release = await acquireBuildLock(paths.output);
  let pool: Promise<BrowserPool> | null = null;
  try {
    if ((await recoverOutput(paths.output)) === 'finished') hooks.step('finished the commit of a build that was stopped');
    removeStaleProfiles();
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
    const stale = (await staleJobs(paths.output, plan.jobs, manifest, await readOutputStats(paths.cache))).sort((a, b) => b.cost - a.cost);
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
    // Commit: every changed file, in one crash-safe switch (commit.ts).
    const whole = !selection.frameworks?.length && !selection.grades?.length && !selection.formats?.length;
    const next: Manifest = { generator: GENERATOR, outputs: whole ? {} : { ...manifest.outputs } };
    for (const job of plan.jobs) {
      const bytes = rendered.get(job.path);
      const sha = bytes ? sha256Hex(bytes) : manifest.outputs[job.path]!.sha256;
      next.outputs[job.path] = { kind: job.kind, framework: job.framework, target: job.target, inputs: job.inputs, parts: job.parts, sha256: sha };
    }
    const removed = whole ? Object.keys(manifest.outputs).filter((p) => !(p in next.outputs)) : [];
    const changes: Change[] = [];
    for (const [name, text] of model.files) if (model.stale.includes(name)) changes.push({ path: `model/${name}`, bytes: text });
    for (const [path, bytes] of rendered) changes.push({ path, bytes });
    // A narrowed build validated only part of the project: the last full report stays.
    if (options.validate && plan.complete) {
      const report = validationReport(diagnostics, plan.frameworks);
      await addIfChanged(changes, paths.output, 'validation.json', report.json);
      await addIfChanged(changes, paths.output, 'validation.txt', report.text);
    }
    // Outside git the baseline is the model on disk, which this build replaces: keep the last
    // report until the model changes again.
    if (model.againstCommit || model.stale.length > 0 || !(await fileHash(join(paths.output, 'CHANGES.md')))) {
      await addIfChanged(changes, paths.output, 'CHANGES.md', model.report);
    }
    for (const path of removed) changes.push({ path, bytes: null });
    await addIfChanged(changes, paths.output, MANIFEST_FILE, serializeManifest(next));
    await time('write', () => commitChanges(paths.output, changes));
    await removeEmptyFolders(paths.output, removed);
    await recordOutputStats(paths.cache, paths.output, next);
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
