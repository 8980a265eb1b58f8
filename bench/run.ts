/**
 * The benchmark: `npm run bench`. Runs each step as a fresh process in a temporary copy of the
 * project (so nothing here is disturbed) and measures wall time and peak memory with
 * /usr/bin/time; compares rendering with the naive baseline, one
 * `chromium --headless --print-to-pdf` process per document. Prints a Markdown table.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { CHROMIUM_ARGS, chromiumPath } from '../src/render/browser';

const ROOT = join(import.meta.dirname, '..');

interface Measure {
  seconds: number;
  peakMb: number;
  stdout: string;
}

function measure(cwd: string, command: string, args: string[]): Measure {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: '1' } });
  const last = result.stderr.trim().split('\n').pop() ?? '';
  const [seconds, kb] = last.split(' ').map(Number);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stderr}`);
  return { seconds: seconds!, peakMb: Math.round(kb! / 1024), stdout: result.stdout };
}

function copyProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gradepack-bench-'));
  for (const entry of ['sources', 'templates', 'src', 'bench', 'package.json', 'tsconfig.json']) {
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

/** One Chromium process per document, as a shell script would do it. */
function naivePdf(htmlFiles: string[]): number {
  const started = performance.now();
  const out = mkdtempSync(join(tmpdir(), 'gradepack-naive-'));
  htmlFiles.forEach((html, i) => {
    const profile = mkdtempSync(join(tmpdir(), 'gradepack-naive-profile-'));
    const result = spawnSync(chromiumPath(), [...CHROMIUM_ARGS, `--user-data-dir=${profile}`, '--no-pdf-header-footer', `--print-to-pdf=${join(out, `${i}.pdf`)}`, `file://${html}`], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    rmSync(profile, { recursive: true, force: true });
    if (result.status !== 0) throw new Error(`chromium failed on ${html}: ${result.stderr}`);
  });
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
  const cli = (...args: string[]) => measure(dir, tsx(dir), ['src/cli/main.ts', ...args]);
  const ingest = cli('ingest', '-q');
  row('ingest, 6 frameworks (process incl. start-up)', ingest, null);
  const validate = cli('validate');
  row('validate, 6 frameworks (process incl. ingest)', validate, null);

  rmSync(join(dir, 'output'), { recursive: true, force: true });
  const cold = cli('build', '-q');
  const pdfs = files(join(dir, 'output'), '.pdf').length;
  const htmls = files(join(dir, 'output'), '.html');
  const docx = files(join(dir, 'output'), '.docx').length;
  const naive = naivePdf(htmls);
  const perDoc = naive / htmls.length;
  // The naive build renders every PDF (packs, references and forms) with one process each.
  const naiveCold = ingest.seconds + perDoc * pdfs;
  row(`cold build (${pdfs} PDF, ${htmls.length} HTML, ${docx} docx)`, cold, naiveCold, `naive: ingest + ${pdfs} chromium processes at ${perDoc.toFixed(2)} s (measured on ${htmls.length} documents)`);
  row(`naive baseline alone: ${htmls.length} chromium --print-to-pdf processes`, null, naive, `${perDoc.toFixed(2)} s per document`);

  const noop = cli('build', '-q');
  row('rebuild, nothing changed', noop, null, `${((noop.seconds / cold.seconds) * 100).toFixed(0)}% of the cold build`);

  const source = join(dir, 'sources', 'success-profiles-behaviours-2024.txt');
  writeFileSync(source, readFileSync(source, 'utf8').replace('- learn new procedures and help colleagues to do the same', '- learn new procedures and help others to do the same'));
  const one = cli('build', '-q');
  const rendered = /(\d+) rendered/.exec(one.stdout)?.[1] ?? '?';
  row('rebuild after one indicator reworded', one, null, `${rendered} outputs re-rendered`);

  try {
    const forms = measure(dir, tsx(dir), ['bench/forms.ts', '200']);
    const perSecond = /forms\/s[^\d]*([\d.]+)/.exec(forms.stdout)?.[1];
    row('200 evidence forms (PDF + docx)', forms, ingest.seconds + perDoc * 200, `${perSecond ?? '?'} forms/s; naive: 200 chromium processes at the measured per-document time`);
  } catch (e) {
    row('200 evidence forms', null, null, `not run: ${(e as Error).message.split('\n')[0]}`);
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
void relative;
