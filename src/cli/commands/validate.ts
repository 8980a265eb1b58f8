import { join } from 'node:path';
import { writeFileAtomic } from '../../pipeline/atomic-write';
import { validationReport } from '../../validate/report';
import { loadConfig } from '../../config/config';
import { ingestWithCache } from '../../pipeline/ingest-cache';
import { findFramework, loadRegistry } from '../../ingest/registry';
import { countFindings, isBlocking } from '../../model/diagnostic';
import { RULES } from '../../validate/rules';
import { checkRuleConfig, validate } from '../../validate/validate';
import { EXIT, listOption, type Command } from '../command';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check every framework against the validation rules; write output/validation.json and validation.txt.',
  usage: 'validate [--json] [--strict] [--framework <ids>]',
  options: {
    json: { type: 'boolean', description: 'print the findings as JSON instead of lines' },
    strict: { type: 'boolean', description: 'fail on warnings as well as errors' },
    framework: { type: 'string', description: 'only these frameworks (comma-separated ids)' },
  },
  async run({ paths, values, reporter, out }) {
    const registry = await loadRegistry(paths.sources);
    const config = await loadConfig(paths.config);
    checkRuleConfig(config, RULES, paths.config);
    const ids = listOption(values.framework)?.map((id) => findFramework(registry, id).id);

    const ingestStarted = performance.now();
    const results = await ingestWithCache(paths, registry, ids);
    const ingestMs = performance.now() - ingestStarted;

    const started = performance.now();
    const complete = registry.frameworks.every((f) => results.some((r) => r.framework.id === f.id));
    const diagnostics = validate({ results }, config, { complete, configFile: paths.config });
    const validateMs = performance.now() - started;

    const report = validationReport(diagnostics);
    await writeFileAtomic(join(paths.output, 'validation.json'), report.json);
    await writeFileAtomic(join(paths.output, 'validation.txt'), report.text);
    if (values.json) out(report.json);
    else if (report.text) out(report.text);

    const strict = values.strict === true;
    reporter.step(
      `validated ${results.length} framework${results.length === 1 ? '' : 's'} in ${validateMs.toFixed(1)} ms (ingest ${ingestMs.toFixed(0)} ms): ` +
        `${countFindings(diagnostics)}${strict ? ' (strict: warnings fail)' : ''}`,
    );
    return diagnostics.some((d) => isBlocking(d, strict)) ? EXIT.findings : EXIT.ok;
  },
};
