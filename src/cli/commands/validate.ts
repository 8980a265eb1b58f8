import { join } from 'node:path';
import { writeFileAtomic } from '../../build/atomic-write';
import { loadConfig } from '../../build/config';
import { ingestAll } from '../../ingest/ingest';
import { findFramework, loadRegistry } from '../../ingest/registry';
import { formatDiagnostic, isBlocking, type Diagnostic } from '../../model/diagnostic';
import { RULES } from '../../validate/rules';
import { checkRuleConfig, validate } from '../../validate/validate';
import { EXIT, type Command } from '../command';

const list = (value: unknown): string[] | undefined =>
  typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : undefined;

/** "3 errors, 1 warning, 2 accepted" (unaccepted errors and warnings; accepted findings of either kind). */
export function countFindings(diagnostics: Diagnostic[]): string {
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const errors = diagnostics.filter((d) => !d.accepted && d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => !d.accepted && d.severity === 'warning').length;
  const accepted = diagnostics.filter((d) => d.accepted).length;
  return `${n(errors, 'error')}, ${n(warnings, 'warning')}, ${accepted} accepted`;
}

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
    const ids = list(values.framework)?.map((id) => findFramework(registry, id).id);

    const ingestStarted = performance.now();
    const results = await ingestAll(paths.sources, registry, ids);
    const ingestMs = performance.now() - ingestStarted;

    const started = performance.now();
    const complete = registry.frameworks.every((f) => results.some((r) => r.framework.id === f.id));
    const diagnostics = validate({ results }, config, { complete, configFile: paths.config });
    const validateMs = performance.now() - started;

    const lines = diagnostics.map(formatDiagnostic);
    const json = `${JSON.stringify(diagnostics, null, 2)}\n`;
    await writeFileAtomic(join(paths.output, 'validation.json'), json);
    await writeFileAtomic(join(paths.output, 'validation.txt'), lines.map((l) => `${l}\n`).join(''));
    if (values.json) out(json);
    else for (const line of lines) out(line);

    const strict = values.strict === true;
    reporter.step(
      `validated ${results.length} framework${results.length === 1 ? '' : 's'} in ${validateMs.toFixed(1)} ms (ingest ${ingestMs.toFixed(0)} ms): ` +
        `${countFindings(diagnostics)}${strict ? ' (strict: warnings fail)' : ''}`,
    );
    return diagnostics.some((d) => isBlocking(d, strict)) ? EXIT.findings : EXIT.ok;
  },
};
