import { readFile, rm, readdir, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { IngestResult } from '../model/ingest-result';
import { ingestWithCache } from './ingest-cache';
import { findFramework, loadRegistry } from '../ingest/registry';
import type { Diagnostic } from '../model/diagnostic';
import { GradepackError } from '../model/errors';
import { serializeModel, serializeSchema } from '../model/io';
import { findTarget, packTargets } from '../model/pack-view';
import type { Framework } from '../model/schema';
import { BrowserPool } from '../render/browser/pool';
import { browserIdentity } from '../render/browser/pinned-chromium';
import { fontsIdentity } from '../render/fonts';
import { writeFileAtomic } from './atomic-write';
import { loadConfig, type Config } from '../config/config';
import { documentDate } from './document-date';
import { hashSelected, hashTree, sha256Hex } from './fingerprint';
import { acquireBuildLock } from './lock';
import { committedText } from './committed-model';
import { validationReport } from '../validate/report';
import { validate } from '../validate/validate';
import { MANIFEST_FILE, readManifest, serializeManifest, type Manifest } from './manifest';
import { diffFrameworks, formatDiffMarkdown } from '../model/diff';
import { parseModel } from '../model/io';
import type { ProjectPaths } from './paths';
import type { OutputJob, OutputKind, PlanContext } from './plan';

export const GENERATOR = 'gradepack 1';

export interface Selection {
  frameworks?: string[];
  grades?: string[];
  formats?: string[];
}

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

/** Hash of the code that turns a model into documents. */
export async function rendererHash(root: string): Promise<string> {
  const render = await hashTree(join(root, 'src', 'render'));
  const model = await hashTree(join(root, 'src', 'model'));
  // The build modules that shape what a renderer receives.
  const build = await hashTree(join(root, 'src', 'pipeline'));
  const shaping = (path: string) => path === 'kinds.ts' || path === 'export-kinds.ts' || path === 'document-date.ts';
  return sha256Hex(`${GENERATOR}|${hashSelected(render, () => true)}|${hashSelected(model, () => true)}|${hashSelected(build, shaping)}`);
}

export interface Plan {
  results: IngestResult[];
  frameworks: Framework[];
  jobs: OutputJob[];
  config: Config;
  /** Every framework of the registry is in the plan (no --framework narrowing). */
  complete: boolean;
}

/** Ingests the sources and lists every output the selection asks for, with its input hash. */
export async function planBuild(paths: ProjectPaths, kinds: OutputKind[], selection: Selection = {}, env = process.env): Promise<Plan> {
  const registry = await loadRegistry(paths.sources);
  const config = await loadConfig(paths.config);
  for (const id of selection.frameworks ?? []) findFramework(registry, id);
  const formats = new Set(kinds.flatMap((k) => [k.id, ...k.formats]));
  for (const format of selection.formats ?? []) {
    if (!formats.has(format)) {
      throw new GradepackError('UnknownFormat', `"${format}" is not an output format.`, {}, `Formats: ${[...formats].sort().join(', ')}.`);
    }
  }
  const results = await ingestWithCache(paths, registry, selection.frameworks);
  const frameworks = results.map((r) => r.framework);
  let browser: string | undefined;
  let fonts: string | undefined;
  const context: PlanContext = {
    config,
    templates: await hashTree(paths.templates),
    renderer: await rendererHash(paths.gradepack),
    date: (framework) => documentDate(framework.date, env),
    browser: () => (browser ??= browserIdentity(env)),
    fonts: () => (fonts ??= fontsIdentity()),
  };
  if (selection.grades?.length) {
    const known = new Set(frameworks.flatMap((f) => packTargets(f).map((t) => t.key)));
    for (const grade of selection.grades) {
      if (!known.has(grade)) {
        // Name the first selected framework in the error for a precise hint.
        if (frameworks.length === 1) findTarget(frameworks[0]!, grade);
        throw new GradepackError('UnknownGrade', `No selected framework has the grade or level "${grade}".`, {}, `Known: ${[...known].join(', ')}.`);
      }
    }
  }
  const selectedKinds = selection.formats?.length ? kinds.filter((k) => selection.formats!.some((f) => f === k.id || k.formats.includes(f))) : kinds;
  const jobs = frameworks.flatMap((framework) => {
    const targets = packTargets(framework).filter((t) => !selection.grades?.length || selection.grades.includes(t.key));
    const includeWhole = !selection.grades?.length;
    return selectedKinds.flatMap((kind) => kind.jobs(framework, targets, context).filter((job) => job.target !== null || includeWhole));
  });
  const complete = registry.frameworks.every((f) => frameworks.some((x) => x.id === f.id));
  return { results, frameworks, jobs, config, complete };
}

async function fileHash(file: string): Promise<string | null> {
  try {
    return sha256Hex(await readFile(file));
  } catch {
    return null;
  }
}

/** Outputs whose inputs changed since the manifest, or whose file is missing or was altered. */
export async function staleJobs(outputDir: string, jobs: OutputJob[], manifest: Manifest): Promise<OutputJob[]> {
  return (await staleOutputs(outputDir, jobs, manifest)).map((s) => s.job);
}

export interface StaleOutput {
  job: OutputJob;
  /** Why, in words: "never built", "the file was changed or removed", "browser changed (A -> B)". */
  reason: string;
}

/** Names shown for the inputs of an output; the browser and fonts are shown with their versions. */
const PART_NAMES: Record<string, string> = {
  kind: 'output kind',
  model: 'its part of the model',
  templatesAndSettings: 'templates or configuration',
  renderer: "gradepack's rendering code",
  date: 'document date',
  browser: 'browser',
  fonts: 'fonts',
};
const READABLE_PARTS = new Set(['browser', 'fonts', 'date']);

export async function staleOutputs(outputDir: string, jobs: OutputJob[], manifest: Manifest): Promise<StaleOutput[]> {
  const stale: StaleOutput[] = [];
  for (const job of jobs) {
    const entry = manifest.outputs[job.path];
    if (!entry) {
      stale.push({ job, reason: 'never built' });
    } else if (entry.inputs !== job.inputs) {
      const changed = Object.keys({ ...entry.parts, ...job.parts })
        .filter((name) => entry.parts[name] !== job.parts[name])
        .map((name) =>
          READABLE_PARTS.has(name)
            ? `${PART_NAMES[name] ?? name} changed (${entry.parts[name] ?? 'none'} -> ${job.parts[name] ?? 'none'})`
            : `${PART_NAMES[name] ?? name} changed`,
        );
      stale.push({ job, reason: changed.length > 0 ? changed.join('; ') : 'inputs changed' });
    } else if ((await fileHash(join(outputDir, job.path))) !== entry.sha256) {
      stale.push({ job, reason: 'the file was changed or removed since it was built' });
    }
  }
  return stale;
}

/** The committed model files that differ from a fresh ingest, and the report of what changed. */
export interface ModelChanges {
  /** Model files whose text differs from a fresh ingest. */
  stale: string[];
  report: string;
  /** True when the report compares against git's HEAD, not against the files on disk. */
  againstCommit: boolean;
  files: Map<string, string>;
}

export async function modelChanges(root: string, modelDir: string, frameworks: Framework[]): Promise<ModelChanges> {
  const files = new Map<string, string>([['schema.json', serializeSchema()]]);
  for (const f of frameworks) files.set(`${f.id}.json`, serializeModel(f));
  const stale: string[] = [];
  const diffs = [];
  let againstCommit = true;
  for (const [name, text] of files) {
    const current = await readFile(join(modelDir, name), 'utf8').catch(() => null);
    if (current !== text) stale.push(name);
    const framework = frameworks.find((f) => `${f.id}.json` === name);
    if (!framework) continue;
    const committed = await committedText(root, join(modelDir, name));
    againstCommit &&= committed.fromGit;
    let before: Framework | null = null;
    if (committed.text !== null) {
      try {
        before = parseModel(committed.text, join(modelDir, name));
      } catch {
        before = null;
      }
    }
    diffs.push(diffFrameworks(before ?? { ...framework, competencies: [] }, framework));
  }
  return { stale, report: formatDiffMarkdown(diffs, 'Changes to the canonical model'), againstCommit, files };
}

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
    const diagnostics = options.validate
      ? await time('validate', async () => validate({ results: plan.results }, plan.config, { complete: plan.complete, configFile: paths.config }))
      : [];
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
    const model = await modelChanges(paths.root, paths.model, plan.frameworks);
    const manifest = await readManifest(join(paths.output, MANIFEST_FILE), GENERATOR);
    const stale = (await staleJobs(paths.output, plan.jobs, manifest)).sort((a, b) => b.cost - a.cost);
    hooks.step(`${stale.length} of ${plan.jobs.length} outputs to render`);
    const rendered = new Map<string, Uint8Array>();
    const context = {
      config: plan.config,
      templatesDir: paths.templates,
      browser: () =>
        (pool ??= BrowserPool.launch(plan.config.renderConcurrency, env).then((launched) => {
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
