import { EXIT, listOption, type Command } from '../command';

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'Read the sources and write the canonical model, output/model/<framework>.json and schema.json.',
  usage: 'ingest [--framework <ids>]',
  options: {
    framework: { type: 'string', description: 'only these frameworks (comma-separated ids)' },
  },
  async run({ paths, values, reporter, out }) {
    const [{ join }, { writeFileAtomic }, { ingestCached }, { findFramework, loadRegistry }, { formatDiagnostic }, { serializeSchema }] = await Promise.all([
      import('node:path'),
      import('../../pipeline/atomic-write'),
      import('../../pipeline/ingest-cache'),
      import('../../ingest/registry'),
      import('../../model/diagnostic'),
      import('../../model/io'),
    ]);
    const registry = await loadRegistry(paths.sources);
    const ids = listOption(values.framework)?.map((id) => findFramework(registry, id).id);
    const started = performance.now();
    // Everything is ingested before anything is written: a bad source leaves every model as it was.
    // Ids are kept from the models on disk (see assignStableIds).
    const ingested = await ingestCached(paths, registry, ids);
    const elapsed = performance.now() - started;
    await writeFileAtomic(join(paths.model, 'schema.json'), serializeSchema());
    for (const { result, modelText } of ingested) await writeFileAtomic(join(paths.model, `${result.framework.id}.json`), modelText);
    const results = ingested.map((i) => i.result);
    for (const { framework, diagnostics } of results) {
      const count = framework.competencies.reduce((n, c) => n + c.levels.reduce((m, l) => m + l.indicators.length, 0), 0);
      reporter.step(`${framework.id}: ${framework.competencies.length} competencies, ${count} indicators, ${diagnostics.length} extraction findings`);
      for (const d of diagnostics) out(formatDiagnostic(d));
    }
    reporter.step(`ingested ${results.length} frameworks in ${elapsed.toFixed(0)} ms`);
    return EXIT.ok;
  },
};
