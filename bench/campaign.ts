/**
 * Campaign scale: one vacancy (four behaviours at HEO) with N candidates (default 10,000), built
 * as `gradepack campaign` runs, each step a fresh process in a temporary copy of the project,
 * timed with /usr/bin/time (wall and peak RSS):
 *   - the vacancy with no candidates (its documents, the blank forms printed once);
 *   - the same vacancy with N candidates, from nothing: the marginal cost of a candidate (both
 *     forms) is the difference divided by N;
 *   - a rebuild with nothing changed; a rebuild after adding 10 candidates; after removing one.
 * Candidate names are made up, a mix of Latin letters (Zoë, Siân, Łukasz ...) and anonymous rows.
 *
 *   npx tsx bench/campaign.ts [count, default 10000] [--json]
 * Needs dist/gradepack.mjs (`npm run bench` builds it).
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
const count = Number(positionals[0] ?? 10_000);
const ROOT = join(import.meta.dirname, '..');

interface Measure {
  seconds: number;
  peakMb: number;
  stdout: string;
}

function measure(cwd: string, args: string[]): Measure {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, 'dist/gradepack.mjs', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
  });
  if (result.status !== 0) throw new Error(`gradepack ${args.join(' ')} failed (${result.status}):\n${result.stderr}`);
  const [seconds, kb] = (result.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  return { seconds: seconds!, peakMb: Math.round(kb! / 1024), stdout: result.stdout };
}

const FIRST = ['Zoë', 'Siân', 'Łukasz', 'Amara', 'Jordan', 'Aoife', 'Rhodri', 'Priya', 'Tomás', 'Ingrid', 'Kwame', 'Bartłomiej'];
const LAST = ['Adeyemi', 'Ó Briain', 'Wiśniewski', 'Pritchard', 'Okafor', 'Nguyen', 'MacLeod', 'Haddad', 'Øvergaard', 'Smith'];
const person = (i: number) => (i % 17 === 0 ? '' : `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`);
const csvLine = (i: number) => `${100000 + i},${person(i).includes(',') ? `"${person(i)}"` : person(i)}\n`;

function campaignFile(withCandidates: boolean): string {
  return [
    'campaign: Benchmark campaign',
    'framework: success-profiles-2024',
    'vacancies:',
    '  - reference: "500001"',
    '    title: Policy Adviser',
    '    grade: heo',
    '    behaviours: [Communicating and influencing, Seeing the big picture, Working together, Delivering at pace]',
    ...(withCandidates ? ['    candidates: candidates.csv'] : []),
    '',
  ].join('\n');
}

function folderSize(dir: string): number {
  let bytes = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) bytes += statSync(join(e.parentPath, e.name)).size;
  return bytes;
}

const dir = mkdtempSync(join(tmpdir(), 'gradepack-bench-campaign-'));
const rows: string[][] = [];
try {
  for (const entry of ['sources', 'templates', 'src', 'dist', 'package.json']) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  mkdirSync(join(dir, 'campaigns'));
  const file = join(dir, 'campaigns', 'bench.yaml');
  const csv = join(dir, 'campaigns', 'candidates.csv');
  const run = () => measure(dir, ['campaign', 'campaigns/bench.yaml', '-q']);
  // Ingest once, so that no step below pays for it.
  measure(dir, ['ingest', '--framework', 'success-profiles-2024', '-q']);

  writeFileSync(file, campaignFile(false));
  const none = run();
  rows.push(['vacancy with no candidates, from nothing', none.seconds.toFixed(2), String(none.peakMb), '9 documents; the blank forms printed once']);

  rmSync(join(dir, 'output', 'campaigns'), { recursive: true, force: true });
  writeFileSync(file, campaignFile(true));
  writeFileSync(csv, `number,name\n${Array.from({ length: count }, (_, i) => csvLine(i)).join('')}`);
  const full = run();
  const perCandidate = ((full.seconds - none.seconds) * 1000) / count;
  const size = folderSize(join(dir, 'output', 'campaigns'));
  rows.push([
    `vacancy with ${count.toLocaleString('en-GB')} candidates, from nothing`,
    full.seconds.toFixed(2),
    String(full.peakMb),
    `${(2 * count).toLocaleString('en-GB')} candidate forms; ${(size / 1024 ** 3).toFixed(2)} GB written`,
  ]);
  rows.push([
    'marginal cost of one candidate (both forms)',
    `${perCandidate.toFixed(2)} ms`,
    '-',
    `(${full.seconds.toFixed(2)} s - ${none.seconds.toFixed(2)} s) / ${count}`,
  ]);

  const noop = run();
  rows.push([
    `rebuild, nothing changed (${count.toLocaleString('en-GB')} candidates)`,
    noop.seconds.toFixed(2),
    String(noop.peakMb),
    /\d+ rendered[^;]*/.exec(noop.stdout)?.[0] ?? '',
  ]);

  for (let i = count; i < count + 10; i++) appendFileSync(csv, csvLine(i));
  const added = run();
  rows.push(['rebuild after adding 10 candidates', added.seconds.toFixed(2), String(added.peakMb), /\d+ rendered[^;]*/.exec(added.stdout)?.[0] ?? '']);

  writeFileSync(csv, `number,name\n${Array.from({ length: count + 10 }, (_, i) => (i === 5 ? '' : csvLine(i))).join('')}`);
  const removed = run();
  rows.push(['rebuild after removing 1 candidate', removed.seconds.toFixed(2), String(removed.peakMb), /\d+ removed/.exec(removed.stdout)?.[0] ?? '']);

  if (values.json) process.stdout.write(`${JSON.stringify({ count, perCandidateMs: perCandidate, peakMb: full.peakMb, rows })}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (!values.json) {
  const header = ['step', 'wall (s)', 'peak RSS (MB)', 'notes'];
  process.stdout.write([`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n') + '\n');
}
