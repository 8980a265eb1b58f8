import { readFile } from 'node:fs/promises';
import { loadConfig, type Config } from '../config/config';
import { findFramework, loadRegistry } from '../ingest/registry';
import { GradepackError } from '../model/errors';
import type { IngestResult } from '../model/ingest-result';
import { closest } from '../model/closest';
import { findTarget, packTargets, packView, targetNamed } from '../model/pack-view';
import type { Framework } from '../model/schema';
import { browserIdentity } from '../render/browser/pinned-chromium';
import { fontsIdentity } from '../render/fonts';
import { codeFingerprint } from './code-fingerprint';
import { documentDate } from './document-date';
import { hashJson, hashTree, sha256Hex, viewFingerprint } from './fingerprint';
import { type CachedIngest, ingestCached } from './ingest-cache';
import { memo } from './memo-cache';
import type { Manifest } from './manifest';
import { outputHash, type OutputStats } from './output-stats';
import type { ProjectPaths } from './paths';
import { referenceModel, WHOLE_FRAMEWORK, WHOLE_MODEL, type OutputJob, type OutputKind, type PlanContext } from './plan';

/** What `--framework`, `--grade` and `--format` narrow a build or check to. */
export interface Selection {
  frameworks?: string[];
  grades?: string[];
  formats?: string[];
}

export interface Plan {
  results: IngestResult[];
  /** The ingest results with their cache keys, for what is derived from them (validation). */
  ingested: CachedIngest[];
  frameworks: Framework[];
  jobs: OutputJob[];
  config: Config;
  /** Every framework of the registry is in the plan (no --framework narrowing). */
  complete: boolean;
}

/** Ingests the sources and lists every output the selection asks for, with its input hash. */
export async function planBuild(paths: ProjectPaths, kinds: OutputKind[], written: Selection = {}, env = process.env): Promise<Plan> {
  const registry = await loadRegistry(paths.sources);
  const config = await loadConfig(paths.config);
  const selection: Selection = {
    ...written,
    frameworks: written.frameworks?.map((id) => findFramework(registry, id).id),
    formats: written.formats?.map((format) => formatNamed(kinds, format)),
  };
  const ingested = await ingestCached(paths, registry, selection.frameworks);
  const results = ingested.map((i) => i.result);
  const frameworks = results.map((r) => r.framework);
  const renderer = await codeFingerprint('render');
  const viewHashes = new Map(await Promise.all(ingested.map(async (i) => [i.result.framework, await viewHashesOf(paths, i, renderer)] as const)));
  let browser: string | undefined;
  let fonts: string | undefined;
  const context: PlanContext = {
    config,
    templates: await hashTree(paths.templates, 'template'),
    renderer,
    viewHash: (framework, target) => viewHashes.get(framework)?.[target] ?? null,
    date: (framework) => documentDate(framework, env),
    browser: () => (browser ??= browserIdentity(env)),
    fonts: () => (fonts ??= fontsIdentity()),
  };
  if (written.grades?.length) selection.grades = written.grades.flatMap((grade) => gradeKeys(frameworks, grade));
  const selectedKinds = selection.formats?.length ? kinds.filter((k) => selection.formats!.some((f) => f === k.id || k.formats.includes(f))) : kinds;
  const jobs = frameworks.flatMap((framework) => {
    const targets = packTargets(framework).filter((t) => !selection.grades?.length || selection.grades.includes(t.key));
    const includeWhole = !selection.grades?.length;
    return selectedKinds.flatMap((kind) => kind.jobs(framework, targets, context).filter((job) => job.target !== null || includeWhole));
  });
  const complete = registry.frameworks.every((f) => frameworks.some((x) => x.id === f.id));
  return { results, ingested, frameworks, jobs, config, complete };
}

/** A --format name, in any case. */
function formatNamed(kinds: OutputKind[], written: string): string {
  const formats = [...new Set(kinds.flatMap((k) => [k.id, ...k.formats]))].sort();
  const wanted = written.trim().toLowerCase();
  if (formats.includes(wanted)) return wanted;
  const near = closest(wanted, formats);
  throw new GradepackError(
    'UnknownFormat',
    `"${written}" is not an output format${near ? `; did you mean "${near}"?` : '.'}`,
    {},
    `Formats: ${formats.join(', ')}.`,
  );
}

/** The target keys a --grade names in the selected frameworks ("EO" and "Executive Officer" are eo). */
function gradeKeys(frameworks: Framework[], written: string): string[] {
  const keys = [...new Set(frameworks.flatMap((f) => targetNamed(f, written)?.key ?? []))];
  if (keys.length > 0) return keys;
  // One framework: its own error names its grades.
  if (frameworks.length === 1) findTarget(frameworks[0]!, written);
  const known = [...new Set(frameworks.flatMap((f) => packTargets(f).map((t) => t.key)))];
  const near = closest(written, known);
  throw new GradepackError(
    'UnknownGrade',
    `No selected framework has the grade or level "${written}"${near ? `; did you mean "${near}"?` : '.'}`,
    {},
    `Known: ${known.join(', ')}.`,
  );
}

/**
 * The hash of each pack target's view (what its outputs show), kept with the ingest result's key
 * and the rendering code: working out what carries over between levels is the costliest part of
 * planning, and a build with nothing to render should not pay for it.
 */
function viewHashesOf(paths: ProjectPaths, ingested: CachedIngest, renderer: string): Promise<Record<string, string>> {
  const framework = ingested.result.framework;
  return memo(paths, 'views', framework.id, hashJson({ ingest: ingested.key, renderer }), () => ({
    ...Object.fromEntries(packTargets(framework).map((t) => [t.key, viewFingerprint(packView(framework, t))])),
    [WHOLE_FRAMEWORK]: viewFingerprint(referenceModel(framework)),
    [WHOLE_MODEL]: viewFingerprint(framework),
  }));
}

export async function fileHash(file: string): Promise<string | null> {
  try {
    return sha256Hex(await readFile(file));
  } catch {
    return null;
  }
}

/** Outputs whose inputs changed since the manifest, or whose file is missing or was altered. */
export async function staleJobs(outputDir: string, jobs: OutputJob[], manifest: Manifest, known: OutputStats = new Map()): Promise<OutputJob[]> {
  return (await staleOutputs(outputDir, jobs, manifest, known)).map((s) => s.job);
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

export async function staleOutputs(outputDir: string, jobs: OutputJob[], manifest: Manifest, known: OutputStats = new Map()): Promise<StaleOutput[]> {
  const verdicts = await Promise.all(jobs.map((job) => staleness(outputDir, job, manifest, known)));
  return jobs.flatMap((job, i) => (verdicts[i] === null ? [] : [{ job, reason: verdicts[i]! }]));
}

/** Why an output must be made again, or null when it is up to date. */
async function staleness(outputDir: string, job: OutputJob, manifest: Manifest, known: OutputStats): Promise<string | null> {
  const entry = manifest.outputs[job.path];
  if (!entry) return 'never built';
  if (entry.inputs !== job.inputs) {
    const changed = Object.keys({ ...entry.parts, ...job.parts })
      .filter((name) => entry.parts[name] !== job.parts[name])
      .map((name) =>
        READABLE_PARTS.has(name)
          ? `${PART_NAMES[name] ?? name} changed (${entry.parts[name] ?? 'none'} -> ${job.parts[name] ?? 'none'})`
          : `${PART_NAMES[name] ?? name} changed`,
      );
    return changed.length > 0 ? changed.join('; ') : 'inputs changed';
  }
  if ((await outputHash(outputDir, job.path, known)) !== entry.sha256) return 'the file was changed or removed since it was built';
  return null;
}
