/**
 * Evidence forms in a batch: renders N fillable PDF forms (default 200), cycling over every target
 * of every framework, with one BrowserPool, then N Word templates and N Word forms; prints the
 * rates. `--json` prints one JSON object instead of the table (for bench/run.ts);
 * `--html <dir>` also writes each distinct form's HTML there, for a naive baseline to print.
 *
 *   npx tsx bench/forms.ts [count, default 200] [--pool 2] [--json] [--html <dir>]
 *
 * The last line reads "forms/s: <PDF forms per second>, templates/s: ..., word forms/s: ...".
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG } from '../src/config/config';
import { documentDate } from '../src/pipeline/document-date';
import { ingestAll } from '../src/ingest/ingest';
import { loadRegistry } from '../src/ingest/registry';
import { packTargets, packView, type PackView } from '../src/model/pack-view';
import { BrowserPool } from '../src/render/browser/pool';
import { renderEvidenceFormDocx, renderEvidenceTemplate } from '../src/render/docx';
import { evidenceForm, formPageData, loadFormLayout, renderEvidenceFormPdf } from '../src/render/forms';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    pool: { type: 'string', default: String(DEFAULT_CONFIG.renderConcurrency) },
    json: { type: 'boolean', default: false },
    html: { type: 'string' },
  },
});
const count = Number(positionals[0] ?? 200);
const poolSize = Number(values.pool);
const ROOT = join(import.meta.dirname, '..');

const registry = await loadRegistry(join(ROOT, 'sources'));
const frameworks = (await ingestAll(join(ROOT, 'sources'), registry)).map((r) => r.framework);
const jobs: { view: PackView; date: Date }[] = frameworks.flatMap((f) => packTargets(f).map((t) => ({ view: packView(f, t), date: documentDate(f).instant })));
const batch = Array.from({ length: count }, (_, i) => jobs[i % jobs.length]!);
const layout = await loadFormLayout();

if (values.html) {
  mkdirSync(values.html, { recursive: true });
  for (const { view } of jobs) {
    writeFileSync(join(values.html, `${view.framework.id}-${view.target.key}.html`), layout.page(formPageData(evidenceForm(view, DEFAULT_CONFIG))));
  }
}

async function timed(work: () => Promise<number>): Promise<{ seconds: number; bytes: number }> {
  const started = performance.now();
  const bytes = await work();
  return { seconds: (performance.now() - started) / 1000, bytes };
}

/** Runs `task` over the batch with `width` in flight, so that pdf-lib's work overlaps Chromium's printing. */
async function inParallel(width: number, task: (job: (typeof batch)[number]) => Promise<Uint8Array>): Promise<number> {
  let next = 0;
  let bytes = 0;
  const worker = async () => {
    while (next < batch.length) bytes += (await task(batch[next++]!)).length;
  };
  await Promise.all(Array.from({ length: width }, worker));
  return bytes;
}

const pool = await BrowserPool.launch(poolSize);
let pdf: { seconds: number; bytes: number };
try {
  // One warm-up form, so the rate is not the browser's start-up.
  await renderEvidenceFormPdf(pool, jobs[0]!.view, DEFAULT_CONFIG, { date: jobs[0]!.date, layout });
  pdf = await timed(() => inParallel(poolSize * 2, ({ view, date }) => renderEvidenceFormPdf(pool, view, DEFAULT_CONFIG, { date, layout })));
} finally {
  await pool.close();
}
const templates = await timed(() => inParallel(1, ({ view, date }) => renderEvidenceTemplate(view, DEFAULT_CONFIG, { date })));
const docxForms = await timed(() => inParallel(1, ({ view, date }) => renderEvidenceFormDocx(view, DEFAULT_CONFIG, { date })));

const result = {
  count,
  targets: jobs.length,
  pool: poolSize,
  pdfForms: { seconds: pdf.seconds, perSecond: count / pdf.seconds, averageKb: pdf.bytes / count / 1024 },
  wordTemplates: { seconds: templates.seconds, perSecond: count / templates.seconds, averageKb: templates.bytes / count / 1024 },
  wordForms: { seconds: docxForms.seconds, perSecond: count / docxForms.seconds, averageKb: docxForms.bytes / count / 1024 },
};

if (values.json) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const row = (name: string, r: { seconds: number; perSecond: number; averageKb: number }) =>
    `| ${name} | ${count} | ${r.seconds.toFixed(2)} | ${r.perSecond.toFixed(2)} | ${r.averageKb.toFixed(0)} |`;
  console.log(`Evidence documents, ${count} each, cycling over ${jobs.length} targets of ${frameworks.length} frameworks; one browser, ${poolSize} pages.\n`);
  console.log('| document | count | seconds | per second | average KB |');
  console.log('|---|---:|---:|---:|---:|');
  console.log(row('fillable PDF form', result.pdfForms));
  console.log(row('Word evidence template', result.wordTemplates));
  console.log(row('Word evidence form', result.wordForms));
  console.log(
    `\nforms/s: ${result.pdfForms.perSecond.toFixed(2)}, templates/s: ${result.wordTemplates.perSecond.toFixed(2)}, word forms/s: ${result.wordForms.perSecond.toFixed(2)}`,
  );
}
