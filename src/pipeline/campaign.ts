import { readdir, readFile, rm, rmdir } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { z } from 'zod';
import { parseCandidates } from '../campaign/candidates';
import type { Campaign, Vacancy } from '../campaign/campaign';
import { readCampaignYaml } from '../campaign/read-campaign';
import { checkFrameworkIds, resolveCampaign } from '../campaign/resolve';
import { loadConfig, type Config } from '../config/config';
import { loadRegistry, requireProject } from '../ingest/registry';
import { GradepackError, isGradepackError } from '../model/errors';
import { containedPath, readInputText } from '../model/input-file';
import { findTarget } from '../model/pack-view';
import type { Framework } from '../model/schema';
import { behavioursAt, vacancyView, type Stage, type VacancyView } from '../model/vacancy-view';
import type { BrowserPool } from '../render/browser/pool';
import { browserIdentity } from '../render/browser/pinned-chromium';
import { assessmentForm } from '../render/campaign/assessment-form';
import { CAMPAIGN_TEMPLATE_FILES, type CampaignTemplates } from '../render/campaign/layouts';
import type { StampBase } from '../render/campaign/stamp';
import { fontsIdentity, subsetsFor } from '../render/fonts';
import { writeFileAtomic } from './atomic-write';
import { codeFingerprint } from './code-fingerprint';
import { documentDate } from './document-date';
import { hashJson, hashSelected, hashTree, sha256Hex } from './fingerprint';
import { ingestCached } from './ingest-cache';
import { acquireBuildLock } from './lock';
import { outputHash, type OutputStats, readOutputStats, recordOutputStats } from './output-stats';
import type { ProjectPaths } from './paths';

/**
 * Building a recruitment campaign: output/campaigns/<campaign>/<reference>/ per vacancy, with a
 * manifest of its own (output/campaigns/<campaign>/manifest.json) that records each output's
 * input hash and bytes' hash, and nothing else: candidate names enter only as part of a hash.
 *
 * As for the main build: everything is checked, and every vacancy document rendered, before
 * anything is written; bad input is one error and leaves the last good build's files as they
 * were. Candidates' forms are the exception to "rendered in memory first": ten thousand of them
 * would not fit, so they are stamped onto their vacancy's blank forms (already checked) and
 * written one by one during the commit; a kill part-way leaves files the manifest does not vouch
 * for, which the next build renders again.
 */

export const CAMPAIGNS_DIR = 'campaigns';
const GENERATOR = 'gradepack campaign 2';
const MANIFEST = 'manifest.json';

const CampaignManifest = z
  .object({
    generator: z.string(),
    outputs: z.record(z.string(), z.object({ kind: z.string(), inputs: z.string(), sha256: z.string(), bytes: z.number().int() }).strict()),
  })
  .strict();
type CampaignManifest = z.infer<typeof CampaignManifest>;

export interface CampaignHooks {
  step(message: string): void;
  progress(done: number, total: number, label: string): void;
}

export interface CampaignSummary {
  name: string;
  vacancies: number;
  candidates: number;
  rendered: number;
  candidateForms: number;
  unchanged: number;
  removed: number;
  timings: Record<string, number>;
}

/** The renderers (pdf-lib, docx, exceljs, Handlebars, the browser), loaded only when something is rendered. */
const renderers = () => import('../render/campaign');

/** The campaign files `npm run build` builds: campaigns/*.yaml (and .yml) of the project. */
export async function projectCampaignFiles(paths: ProjectPaths): Promise<string[]> {
  const dir = join(paths.root, CAMPAIGNS_DIR);
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((n) => /\.ya?ml$/i.test(n))
    .sort()
    .map((n) => join(dir, n));
}

type Medium = 'pdf' | 'html' | 'docx' | 'data';

interface Job {
  /** Relative to the campaign's folder. */
  path: string;
  kind: string;
  inputs: string;
  medium: Medium;
  /** Rendered in memory (vacancy documents), or stamped during the commit (candidates' forms). */
  render?: (context: RenderContext) => Promise<Uint8Array>;
  stamp?: { blank: string; number: string; name: string | null };
}

interface RenderContext {
  config: Config;
  templates: () => Promise<CampaignTemplates>;
  browser: () => Promise<BrowserPool>;
}

const silent: CampaignHooks = { step: () => undefined, progress: () => undefined };

export async function buildCampaign(options: { paths: ProjectPaths; file: string; hooks?: CampaignHooks; env?: NodeJS.ProcessEnv }): Promise<CampaignSummary> {
  const { paths, file, hooks = silent, env = process.env } = options;
  const timings: Record<string, number> = {};
  const started = performance.now();
  const lap = (label: string, since: number) => {
    timings[label] = Math.round(performance.now() - since);
    return performance.now();
  };
  requireProject(paths.sources);
  const release = await acquireBuildLock(paths.output);
  let pool: Promise<BrowserPool> | null = null;
  try {
    let t = performance.now();
    const { campaign, config, jobs, stale, manifest, outDir } = await planCampaignBuild(paths, file, env);
    const candidates = campaign.vacancies.reduce((n, v) => n + v.candidates.length, 0);
    hooks.step(`campaign ${campaign.name}: ${campaign.vacancies.length} vacancies, ${candidates} candidates`);
    t = lap('plan', t);
    hooks.step(`${stale.length} of ${jobs.length} outputs to render`);

    let templates: Promise<CampaignTemplates> | null = null;
    const context: RenderContext = {
      config,
      templates: () => (templates ??= renderers().then((r) => r.loadCampaignTemplates(paths.templates))),
      browser: () =>
        (pool ??= import('../render/browser/pool').then(async ({ BrowserPool }) => {
          const launched = await BrowserPool.launch(config.renderConcurrency, env);
          hooks.step(`printing with ${launched.description}`);
          return launched;
        })),
    };
    // Templates are checked even when nothing is printed, so that a broken one fails this build.
    if (stale.length > 0) await context.templates();
    const rendered = new Map<string, Uint8Array>();
    const documents = stale.filter((j) => j.render);
    let done = 0;
    await inParallel(documents, config.renderConcurrency + 2, async (job) => {
      rendered.set(job.path, await job.render!(context));
      hooks.progress(++done, documents.length, job.path);
    });
    // The blank forms that stale candidates' forms are stamped onto, parsed before anything is written.
    const stamps = stale.filter((j) => j.stamp);
    const bases = new Map<string, StampBase>();
    for (const blank of new Set(stamps.map((j) => j.stamp!.blank))) {
      const bytes = rendered.get(blank) ?? new Uint8Array(await readFile(join(outDir, blank)));
      bases.set(blank, await (await renderers()).prepareStamp(bytes));
    }
    t = lap('render', t);

    // Commit.
    const next: CampaignManifest = { generator: GENERATOR, outputs: {} };
    for (const job of jobs) {
      const bytes = rendered.get(job.path);
      if (bytes) await writeFileAtomic(join(outDir, job.path), bytes);
      const entry = bytes ? { kind: job.kind, inputs: job.inputs, sha256: sha256Hex(bytes), bytes: bytes.length } : manifest.outputs[job.path];
      if (entry) next.outputs[job.path] = entry;
    }
    let stamped = 0;
    const { stampCandidate } = stamps.length > 0 ? await renderers() : { stampCandidate: null };
    await inParallel(stamps, 4, async (job) => {
      const bytes = await stampCandidate!(bases.get(job.stamp!.blank)!, { number: job.stamp!.number, name: job.stamp!.name });
      await writeFileAtomic(join(outDir, job.path), bytes);
      next.outputs[job.path] = { kind: job.kind, inputs: job.inputs, sha256: sha256Hex(bytes), bytes: bytes.length };
      stamped++;
      if (stamped % 500 === 0 || stamped === stamps.length) hooks.progress(stamped, stamps.length, 'candidate forms');
    });
    const planned = new Set(jobs.map((j) => j.path));
    const removed = Object.keys(manifest.outputs).filter((p) => !planned.has(p));
    for (const path of removed) {
      await rm(join(outDir, path), { force: true });
      await removeEmptyParents(join(outDir, path), outDir);
    }
    await writeFileAtomic(join(outDir, MANIFEST), serializeManifest(next));
    await recordOutputStats(paths.cache, outDir, next, statsName(campaign.name));
    lap('write', t);
    timings.total = Math.round(performance.now() - started);
    return {
      name: campaign.name,
      vacancies: campaign.vacancies.length,
      candidates,
      rendered: documents.length + stamps.length,
      candidateForms: stamps.length,
      unchanged: jobs.length - stale.length,
      removed: removed.length,
      timings,
    };
  } finally {
    if (pool) await (await (pool as Promise<BrowserPool>).catch(() => null))?.close();
    await release();
  }
}

/** Reads and checks a campaign, lists its outputs and finds those whose inputs or files changed since the last build. */
async function planCampaignBuild(paths: ProjectPaths, file: string, env: NodeJS.ProcessEnv) {
  const config = await loadConfig(paths.config);
  const { campaign, frameworks } = await readCampaign(paths, file, config);
  const jobs = await planCampaign(paths, campaign, frameworks, config, env);
  const outDir = join(paths.output, CAMPAIGNS_DIR, campaign.name);
  const manifest = await readCampaignManifest(join(outDir, MANIFEST));
  const known = await readOutputStats(paths.cache, statsName(campaign.name));
  const isStale = await Promise.all(jobs.map((job) => limit(() => staleOutput(outDir, job, manifest, known))));
  const stale = jobs.filter((_, i) => isStale[i]);
  return { campaign, config, jobs, stale, manifest, outDir };
}

/** For `gradepack check`: how many of a campaign's outputs a build would render or remove (the first few named). */
export async function campaignStaleness(paths: ProjectPaths, file: string, env: NodeJS.ProcessEnv = process.env) {
  const { campaign, jobs, stale, manifest } = await planCampaignBuild(paths, file, env);
  const planned = new Set(jobs.map((j) => j.path));
  const gone = Object.keys(manifest.outputs).filter((p) => !planned.has(p));
  return { folder: `output/${CAMPAIGNS_DIR}/${campaign.name}`, total: jobs.length, stale: stale.map((j) => j.path), gone };
}

/** The campaign file, checked against the frameworks, with every vacancy's candidates read and checked. */
async function readCampaign(paths: ProjectPaths, file: string, config: Config): Promise<{ campaign: Campaign; frameworks: Framework[] }> {
  const text = await readInputText(file, file, 'campaign');
  if (text === null) {
    throw new GradepackError(
      'CampaignMissing',
      `${file} does not exist.`,
      { file },
      'Give the path of a campaign file, e.g. `gradepack campaign campaigns/spring-2027.yaml`.',
    );
  }
  const raw = readCampaignYaml(text, file);
  const registry = await loadRegistry(paths.sources);
  const ids = checkFrameworkIds(
    raw,
    registry.frameworks.map((f) => f.id),
  );
  const frameworks = (await ingestCached(paths, registry, ids)).map((i) => i.result.framework);
  const campaign = resolveCampaign(raw, frameworks, { words: config.wordsPerExample });
  for (const [index, vacancy] of campaign.vacancies.entries()) {
    if (!vacancy.candidatesFile) continue;
    const written = relative(dirname(file), vacancy.candidatesFile);
    const where = { file, line: raw.vacancies[index]!.lines.candidates ?? vacancy.line };
    // The candidates file is relative to the campaign file and stays in its folder (links included).
    await containedPath(dirname(file), dirname(file), written, file).catch((e: unknown) => {
      throw isGradepackError(e) ? new GradepackError(e.code, e.message, where, e.hint) : e;
    });
    const csv = await readInputText(vacancy.candidatesFile, vacancy.candidatesFile, 'candidates');
    if (csv === null) {
      throw new GradepackError(
        'CandidatesMissing',
        `Vacancy ${vacancy.reference} names the candidates file ${written}, which does not exist.`,
        where,
        'The path is relative to the campaign file. Leave `candidates` out for a vacancy with no candidates yet.',
      );
    }
    vacancy.candidates = parseCandidates(csv, vacancy.candidatesFile);
    for (const c of vacancy.candidates) {
      const bad = c.name ? subsetsFor(c.name).uncovered : [];
      if (bad.length > 0) {
        throw new GradepackError(
          'CharacterUnsupported',
          `The name of candidate ${c.number} has characters no embedded font can show: ${bad.map((ch) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(', ')}.`,
          { file: vacancy.candidatesFile, line: c.line },
          'Names may use any Latin, Greek or Cyrillic letters; check the file is saved as UTF-8.',
        );
      }
    }
  }
  return { campaign, frameworks };
}

async function planCampaign(paths: ProjectPaths, campaign: Campaign, frameworks: Framework[], config: Config, env: NodeJS.ProcessEnv): Promise<Job[]> {
  const tree = await hashTree(paths.templates);
  const templates = hashSelected(tree, (p) => CAMPAIGN_TEMPLATE_FILES.includes(p));
  // The code that shapes a campaign's documents: renderers, model, campaign reading, and this planning.
  const code = await codeFingerprint('campaign');
  const fonts = fontsIdentity();
  let browser: string | null = null;
  const browserOnce = () => {
    browser ??= browserIdentity(env);
    return browser;
  };
  const shared = (medium: Medium) => ({
    code,
    scale: config.ratingScale,
    ...(medium === 'pdf' || medium === 'html' ? { templates, fonts } : {}),
    ...(medium === 'pdf' ? { browser: browserOnce() } : {}),
  });
  const jobs: Job[] = [];
  for (const vacancy of campaign.vacancies) {
    const framework = frameworks.find((f) => f.id === vacancy.framework)!;
    const date = documentDate(framework, env);
    const view = viewOf(campaign, vacancy, framework);
    const dir = vacancy.reference;
    const job = (path: string, kind: string, medium: Medium, extra: unknown, render: Job['render']): Job => ({
      path: `${dir}/${path}`,
      kind,
      medium,
      inputs: hashJson({ kind, view, date: date.iso, instant: date.instant.toISOString(), shared: shared(medium), extra }),
      render,
    });
    jobs.push(
      job('behaviours.html', 'vacancy-html', 'html', null, async (c) =>
        utf8((await renderers()).renderVacancyPackHtml(view, c.config.ratingScale, await c.templates(), { date })),
      ),
      job('behaviours.pdf', 'vacancy-pdf', 'pdf', null, async (c) =>
        (await renderers()).renderVacancyPackPdf(await c.browser(), view, c.config.ratingScale, await c.templates(), { date }),
      ),
    );
    if (behavioursAt(view, 'application').length > 0)
      jobs.push(job('statement.docx', 'statement-docx', 'docx', null, async () => (await renderers()).renderStatementDocx(view, { date: date.instant })));
    const people = vacancy.candidates.map((c) => ({ number: c.number, name: c.name }));
    for (const stage of ['application', 'interview'] as Stage[]) {
      const form = assessmentForm(view, stage, config.ratingScale);
      if (!form) continue;
      const name = stage === 'application' ? 'sift' : 'interview';
      const blank = job(`${name}.pdf`, `${name}-pdf`, 'pdf', null, async (c) =>
        (await renderers()).renderAssessmentPdf(await c.browser(), form, await c.templates(), { date: date.instant }),
      );
      jobs.push(
        blank,
        job(`${name}.docx`, `${name}-docx`, 'docx', null, async () => (await renderers()).renderAssessmentDocx(form, { date: date.instant })),
      );
      for (const candidate of people) {
        jobs.push({
          path: `${dir}/candidates/${candidate.number}/${name}.pdf`,
          kind: `candidate-${name}`,
          medium: 'pdf',
          // The name enters only inside this hash, with the blank form's: never on its own.
          inputs: hashJson({ blank: blank.inputs, candidate, code }),
          stamp: { blank: blank.path, number: candidate.number, name: candidate.name },
        });
      }
    }
    jobs.push(
      job('scores.xlsx', 'scores-xlsx', 'data', people, async () =>
        (await renderers()).renderScoresXlsx(view, config.ratingScale, people, { date: date.instant }),
      ),
      job('scores.csv', 'scores-csv', 'data', people, async () => (await renderers()).renderScoresCsv(view, people)),
    );
  }
  return jobs;
}

function viewOf(campaign: Campaign, vacancy: Vacancy, framework: Framework): VacancyView {
  return vacancyView(framework, findTarget(framework, vacancy.grade), {
    campaign: campaign.title,
    reference: vacancy.reference,
    title: vacancy.title,
    behaviours: vacancy.behaviours.map((b) => ({ id: b.id, lead: b.lead, stages: b.stages })),
    words: vacancy.words,
  });
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/**
 * Never built, built from other inputs, or changed since. Files are known by their stat when it is
 * unchanged since they were written (output-stats.ts), so a no-op rebuild of 10,000 candidates does
 * not read 3.9 GB; a form changed by hand has a new stat and is hashed.
 */
async function staleOutput(outDir: string, job: Job, manifest: CampaignManifest, known: OutputStats): Promise<boolean> {
  const entry = manifest.outputs[job.path];
  if (!entry || entry.inputs !== job.inputs) return true;
  return (await outputHash(outDir, job.path, known)) !== entry.sha256;
}

const statsName = (campaign: string) => `campaign-${campaign}-stats`;

/** Runs at most 16 file checks at once. */
function concurrency(max: number): <T>(work: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    while (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await work();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

const limit = concurrency(16);

async function readCampaignManifest(file: string): Promise<CampaignManifest> {
  try {
    const parsed = CampaignManifest.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (parsed.success && parsed.data.generator === GENERATOR) return parsed.data;
  } catch {
    // none yet, or unreadable: nothing is known to be up to date
  }
  return { generator: GENERATOR, outputs: {} };
}

function serializeManifest(manifest: CampaignManifest): string {
  const outputs = Object.fromEntries(
    Object.keys(manifest.outputs)
      .sort()
      .map((k) => [k, manifest.outputs[k]]),
  );
  return `${JSON.stringify({ generator: manifest.generator, outputs }, null, 1)}\n`;
}

async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

async function removeEmptyParents(file: string, stopAt: string): Promise<void> {
  let dir = dirname(file);
  while (dir.startsWith(stopAt) && dir !== stopAt) {
    if ((await readdir(dir).catch(() => ['x'])).length > 0) return;
    await rmdir(dir).catch(() => undefined);
    dir = dirname(dir);
  }
}
