import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../helpers/ingest';
import { formatExamples, formatReport, runFuzz } from './runner';

/**
 * `npm run fuzz -- [--cases 10000] [--seed 1] [--kinds registry,errata] [--workers 2] [--timeout 120] [--case 137]`
 * Mutates every input kind and runs the CLI on it; prints the report (also written to
 * scratch/fuzz/report.md) and writes each failing case to scratch/fuzz/failures/ to replay it
 * with `--kinds <kind> --seed <seed> --case <index>`. Exits 1 on any crash, hang or damaged output.
 */
const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    kinds: { type: 'string' },
    workers: { type: 'string', default: '2' },
    timeout: { type: 'string', default: '120' },
    case: { type: 'string' },
  },
});
const workers = Number(values.workers);
const dir = join(ROOT, 'scratch', 'fuzz');
mkdirSync(join(dir, 'failures'), { recursive: true });
let last = 0;
const report = await runFuzz({
  seed: Number(values.seed),
  cases: Number(values.cases),
  kinds: values.kinds?.split(','),
  workers,
  timeoutMs: Number(values.timeout) * 1000,
  only: values.case === undefined ? undefined : Number(values.case),
  // Every minute: the count on stderr, and the report so far in scratch/fuzz/partial.md.
  progress: (done, total, partial) => {
    if (done === total || Date.now() - last > 60_000) {
      last = Date.now();
      process.stderr.write(`fuzz: ${done} of ${total} cases\n`);
      writeFileSync(join(dir, 'partial.md'), formatReport(partial, workers));
      for (const f of partial.failures) writeFileSync(join(dir, 'failures', `${f.kind}-seed${f.seed}-case${f.index}.json`), JSON.stringify(f, null, 2));
    }
  },
});
const text = formatReport(report, workers);
writeFileSync(join(dir, 'report.md'), text);
writeFileSync(join(dir, 'messages.md'), formatExamples(report));
for (const f of report.failures) writeFileSync(join(dir, 'failures', `${f.kind}-seed${f.seed}-case${f.index}.json`), JSON.stringify(f, null, 2));
process.stdout.write(text);
for (const f of report.failures.slice(0, 20))
  process.stdout.write(`\nFAIL ${f.kind} seed ${f.seed} case ${f.index}: ${f.problems.join('; ')}\n${f.stderr.slice(0, 600)}\n`);
process.exitCode = report.failures.length > 0 ? 1 : 0;
