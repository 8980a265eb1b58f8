/**
 * The benchmark: `npm run bench`. Runs each step as a fresh process in a temporary copy of the
 * project (so nothing here is disturbed) and measures wall time and peak memory with
 * /usr/bin/time; compares rendering with the naive baseline, one Chromium process per document. Prints a Markdown table.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS } from '../src/render/browser/pool';
import { isolatedFontconfig, resolveBrowser } from '../src/render/browser/pinned-chromium';

const ROOT = join(import.meta.dirname, '..');

interface Measure {
  seconds: number;
  peakMb: number;
  stdout: string;
  stderr: string;
}

function measure(cwd: string, command: string, args: string[]): Measure {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: '1' } });
  const last = result.stderr.trim().split('\n').pop() ?? '';
  const [seconds, kb] = last.split(' ').map(Number);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stderr}`);
  return { seconds: seconds!, peakMb: Math.round(kb! / 1024), stdout: result.stdout, stderr: result.stderr };
}

function copyProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gradepack-bench-'));
  for (const entry of ['sources', 'templates', 'src', 'bench', 'dist', 'package.json', 'tsconfig.json']) {
    cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

function files(dir: string, ending: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith(ending)) out.push(join(d, e.name));
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * One Chromium process per document, as a script without a pool would do it: start the pinned
 * browser, print the file, close it. (The pinned build is a headless shell whose --print-to-pdf
 * switch stalls on its GPU process here, so each process is driven over the DevTools pipe.)
 */
async function naivePdf(htmlFiles: string[]): Promise<number> {
  const spec = await resolveBrowser();
  const env = { ...process.env, FONTCONFIG_FILE: isolatedFontconfig() };
  const started = performance.now();
  const out = mkdtempSync(join(tmpdir(), 'gradepack-naive-'));
  for (const [i, html] of htmlFiles.entries()) {
    const profile = mkdtempSync(join(tmpdir(), 'gradepack-naive-profile-'));
    const browser = await puppeteer.launch({
      executablePath: spec.executablePath,
      headless: true,
      pipe: true,
      args: [...CHROMIUM_ARGS, `--user-data-dir=${profile}`],
      env,
    });
    try {
      const page = await browser.newPage();
      await page.goto(`file://${html}`, { waitUntil: 'load' });
      await page.pdf({ path: join(out, `${i}.pdf`), preferCSSPageSize: true, printBackground: true });
    } finally {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }
  rmSync(out, { recursive: true, force: true });
  return (performance.now() - started) / 1000;
}

const tsx = (dir: string) => join(dir, 'node_modules', '.bin', 'tsx');
const rows: string[][] = [];
const row = (step: string, m: Measure | null, baseline: number | null, note = '') =>
  rows.push([
    step,
    m ? m.seconds.toFixed(2) : '-',
    m ? String(m.peakMb) : '-',
    baseline === null ? '-' : baseline.toFixed(2),
    baseline !== null && m ? `${(baseline / m.seconds).toFixed(1)}x` : '-',
    note,
  ]);

const dir = copyProject();
try {
  // The CLI as `npm run build` runs it: the esbuild bundle on plain node.
  const cli = (...args: string[]) => measure(dir, process.execPath, ['dist/gradepack.mjs', ...args]);
  const ingest = cli('ingest');
  const ingestMs = /ingested \d+ frameworks in (\d+) ms/.exec(ingest.stderr)?.[1];
  row('ingest, 6 frameworks (whole process)', ingest, null, `in-process: ${ingestMs} ms`);
  const validate = cli('validate');
  const validateMs = /validated \d+ frameworks in ([\d.]+) ms/.exec(validate.stderr)?.[1];
  row('validate, 6 frameworks (whole process, ingest cached)', validate, null, `rules alone: ${validateMs} ms`);

  rmSync(join(dir, 'output'), { recursive: true, force: true });
  rmSync(join(dir, '.cache'), { recursive: true, force: true });
  const cold = cli('build', '-q');
  const pdfs = files(join(dir, 'output'), '.pdf').length;
  const htmls = files(join(dir, 'output'), '.html');
  const docx = files(join(dir, 'output'), '.docx').length;
  const naive = await naivePdf(htmls);
  const perDoc = naive / htmls.length;
  // The naive build renders every PDF (packs, references and forms) with one process each.
  const naiveCold = ingest.seconds + perDoc * pdfs;
  row(
    `cold build (${pdfs} PDF, ${htmls.length} HTML, ${docx} docx)`,
    cold,
    naiveCold,
    `naive: ingest + ${pdfs} chromium processes at ${perDoc.toFixed(2)} s (measured on ${htmls.length} documents)`,
  );
  row(`naive baseline alone: ${htmls.length} Chromium processes, one per document`, null, naive, `${perDoc.toFixed(2)} s per document`);

  const noop = cli('build', '-q');
  row('rebuild, nothing changed', noop, null, `${((noop.seconds / cold.seconds) * 100).toFixed(0)}% of the cold build; target under 0.5 s`);
  row('check, everything up to date', cli('check'), null, 'target under 0.5 s');
  row('validate, 6 frameworks, caches warm', cli('validate'), null, 'target under 0.5 s');

  const source = join(dir, 'sources', 'success-profiles-behaviours-2024.txt');
  writeFileSync(
    source,
    readFileSync(source, 'utf8').replace('- learn new procedures and help colleagues to do the same', '- learn new procedures and help others to do the same'),
  );
  const one = cli('build', '-q');
  const rendered = /(\d+) rendered/.exec(one.stdout)?.[1] ?? '?';
  row('rebuild after one indicator reworded', one, null, `${rendered} outputs re-rendered`);

  try {
    const forms = measure(dir, tsx(dir), ['bench/forms.ts', '200', '--json']);
    const result = JSON.parse(forms.stdout.trim().split('\n').pop()!) as Record<
      'pdfForms' | 'wordTemplates' | 'wordForms',
      { seconds: number; perSecond: number }
    >;
    const pdfForms: Measure = { ...forms, seconds: result.pdfForms.seconds };
    row(
      '200 fillable PDF evidence forms (in-process, warm browser)',
      pdfForms,
      perDoc * 200,
      `${result.pdfForms.perSecond.toFixed(2)} forms/s; naive: 200 chromium processes at the measured per-document time, before adding any field`,
    );
    row('200 Word evidence templates', { ...forms, seconds: result.wordTemplates.seconds }, null, `${result.wordTemplates.perSecond.toFixed(1)} templates/s`);
    row('200 Word evidence forms', { ...forms, seconds: result.wordForms.seconds }, null, `${result.wordForms.perSecond.toFixed(1)} forms/s`);
  } catch (e) {
    row('200 evidence forms', null, null, `not run: ${(e as Error).message.split('\n')[0]}`);
  }

  try {
    const campaign = measure(dir, tsx(dir), ['bench/campaign.ts', '10000', '--json']);
    const result = JSON.parse(campaign.stdout.trim().split('\n').pop()!) as { rows: string[][] };
    // Each campaign row: step, wall, peak RSS, notes; this table also has naive and speed-up columns.
    for (const [step, wall, peak, notes] of result.rows) rows.push([`campaign: ${step}`, wall!, peak!, '-', '-', notes!]);
  } catch (e) {
    row('campaign of 10,000 candidates', null, null, `not run: ${(e as Error).message.split('\n')[0]}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const header = ['step', 'wall (s)', 'peak RSS (MB)', 'naive (s)', 'speed-up', 'notes'];
const lines = [
  `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
  '',
  `| ${header.join(' | ')} |`,
  `|${header.map(() => '---').join('|')}|`,
  ...rows.map((r) => `| ${r.join(' | ')} |`),
];
process.stdout.write(`${lines.join('\n')}\n`);
mkdirSync(join(ROOT, 'output'), { recursive: true });
writeFileSync(join(ROOT, 'output', 'bench.md'), `${lines.join('\n')}\n`);
