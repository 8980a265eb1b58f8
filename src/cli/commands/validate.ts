import type { Framework } from '../../model/schema';
import { EXIT, listOption, type Command } from '../command';

export const validateCommand: Command = {
  name: 'validate',
  summary:
    'Check every framework (or the given model files) against the validation rules; write output/validation.json and validation.txt (all frameworks only).',
  usage: 'validate [<model.json> ...] [--json] [--strict] [--framework <ids>]',
  options: {
    json: { type: 'boolean', description: 'print the findings as JSON instead of lines' },
    strict: { type: 'boolean', description: 'fail on warnings as well as errors' },
    framework: { type: 'string', description: 'only these frameworks (comma-separated ids)' },
  },
  positionals: { min: 0, max: Number.POSITIVE_INFINITY },
  async run({ paths, values, positionals, reporter, out }) {
    const [{ join }, { writeFileAtomic }, { validationReport }, { CONFIG_FILE, loadConfig }, { countFindings, isBlocking }, { validateModelFiles }] =
      await Promise.all([
        import('node:path'),
        import('../../pipeline/atomic-write'),
        import('../../validate/report'),
        import('../../config/config'),
        import('../../model/diagnostic'),
        import('../../validate/validate'),
      ]);
    const config = await loadConfig(paths.config);
    const strict = values.strict === true;
    const started = performance.now();
    let diagnostics: Awaited<ReturnType<typeof validateModelFiles>>;
    let frameworks: Framework[];
    let what: string;
    let writeReport = false;
    if (positionals.length > 0) {
      // Model files on their own: no sources, errata or registry needed, nothing written.
      const [{ readModelJson }, { Framework }] = await Promise.all([import('../../model/io'), import('../../model/schema')]);
      const models = await Promise.all(positionals.map(async (file) => ({ file, json: await readModelJson(file) })));
      diagnostics = validateModelFiles(models, config, { configFile: CONFIG_FILE });
      frameworks = models.flatMap(({ json }) => {
        const parsed = Framework.safeParse(json);
        return parsed.success ? [parsed.data] : [];
      });
      what = `${models.length} model file${models.length === 1 ? '' : 's'}`;
    } else {
      const [{ findFramework, loadRegistry }, { ingestCached }, { validateProject }] = await Promise.all([
        import('../../ingest/registry'),
        import('../../pipeline/ingest-cache'),
        import('../../pipeline/validation'),
      ]);
      const registry = await loadRegistry(paths.sources);
      const ids = listOption(values.framework)?.map((id) => findFramework(registry, id).id);
      const ingested = await ingestCached(paths, registry, ids);
      const complete = registry.frameworks.every((f) => ingested.some((i) => i.result.framework.id === f.id));
      diagnostics = await validateProject(paths, ingested, config, complete);
      frameworks = ingested.map((i) => i.result.framework);
      what = `${ingested.length} framework${ingested.length === 1 ? '' : 's'}`;
      // A narrowed run validated only part of the project: the last full report stays, as in build.
      writeReport = complete;
    }
    const report = validationReport(diagnostics, frameworks);
    if (writeReport) {
      await writeFileAtomic(join(paths.output, 'validation.json'), report.json);
      await writeFileAtomic(join(paths.output, 'validation.txt'), report.text);
    }
    out(values.json ? report.json : report.text);
    reporter.step(
      `validated ${what} in ${(performance.now() - started).toFixed(0)} ms: ${countFindings(diagnostics)}${strict ? ' (strict: warnings fail)' : ''}`,
    );
    return diagnostics.some((d) => isBlocking(d, strict)) ? EXIT.findings : EXIT.ok;
  },
};
