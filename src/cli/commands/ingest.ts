import { join } from 'node:path';
import { writeFileAtomic } from '../../pipeline/atomic-write';
import { ingestWithCache } from '../../pipeline/ingest-cache';
import { findFramework, loadRegistry } from '../../ingest/registry';
import { formatDiagnostic } from '../../model/diagnostic';
import { serializeModel, serializeSchema } from '../../model/io';
import { EXIT, type Command } from '../command';

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'Read the sources and write the canonical model, output/model/<framework>.json and schema.json.',
  usage: 'ingest [--framework <id>]',
  options: {
    framework: { type: 'string', description: 'only this framework' },
  },
  async run({ paths, values, reporter, out }) {
    const registry = await loadRegistry(paths.sources);
    const ids = typeof values.framework === 'string' ? [findFramework(registry, values.framework).id] : undefined;
    const started = performance.now();
    // Everything is ingested before anything is written: a bad source leaves every model as it was.
    // Ids are kept from the models on disk (see assignStableIds).
    const results = await ingestWithCache(paths, registry, ids);
    const elapsed = performance.now() - started;
    await writeFileAtomic(join(paths.model, 'schema.json'), serializeSchema());
    for (const { framework } of results) {
      await writeFileAtomic(join(paths.model, `${framework.id}.json`), serializeModel(framework));
    }
    for (const { framework, diagnostics } of results) {
      const count = framework.competencies.reduce((n, c) => n + c.levels.reduce((m, l) => m + l.indicators.length, 0), 0);
      reporter.step(`${framework.id}: ${framework.competencies.length} competencies, ${count} indicators, ${diagnostics.length} extraction findings`);
      for (const d of diagnostics) out(formatDiagnostic(d));
    }
    reporter.step(`ingested ${results.length} frameworks in ${elapsed.toFixed(0)} ms`);
    return EXIT.ok;
  },
};
