import { append } from '../model/arrays';
import { DEFAULT_CONFIG, type Config } from '../config/config';
import type { ErrataFile } from '../model/errata';
import { applyAcceptances } from './acceptances';
import type { IngestResult } from '../model/ingest-result';
import { compareDiagnostics, diagnostic, type Diagnostic, type Severity } from '../model/diagnostic';
import { FINDING_CODES, ruleOf } from '../model/findings';
import { GradepackError } from '../model/errors';
import type { Rule, ValidationInput } from './rule';
import { RULES } from './rules';
import { checkFramework } from './rules/schema';
import { Framework } from '../model/schema';

export interface ValidateOptions {
  rules?: readonly Rule[];
  /**
   * Every registered framework is in the input. Only then is an errata `accept` entry that
   * matches no finding reported as stale: with some frameworks left out, its finding may simply
   * not have been looked for.
   */
  complete?: boolean;
  /** Where the configuration came from, for error messages. */
  configFile?: string;
}

/** What `rules` in the configuration may name: a rule id (all its findings) or a finding code. */
export function knownSeverityKeys(rules: readonly Rule[] = RULES): string[] {
  return [...new Set([...rules.map((r) => r.id), ...FINDING_CODES.map(ruleOf), ...FINDING_CODES])];
}

export function checkRuleConfig(config: Config, rules: readonly Rule[] = RULES, file = 'gradepack.config.json'): void {
  const known = knownSeverityKeys(rules);
  for (const key of Object.keys(config.rules)) {
    if (!known.includes(key)) {
      const near = known.filter((k) => k.startsWith(key.split('/')[0]!) || key.startsWith(k));
      throw new GradepackError(
        'ConfigInvalid',
        `rules: "${key}" is neither a validation rule nor a finding code.`,
        { file },
        near.length > 0
          ? `Did you mean ${near.slice(0, 5).join(', ')}? docs/validation-rules.md lists them all.`
          : `Rules: ${rules.map((r) => r.id).join(', ')}, errata; or a code from docs/validation-rules.md.`,
      );
    }
  }
}

/** The configured severity of a finding: its code's, else its rule's, else its own. */
export function severityFor(config: Config, code: string): Severity | 'off' | undefined {
  return config.rules[code] ?? config.rules[ruleOf(code)];
}

/**
 * The one validation of the project, for `validate` and `build` alike: runs every rule over the
 * ingest results, then applies the configured severities (a rule set to "off" is not run and its
 * findings are dropped; a code can be set apart from its rule), marks the findings that errata
 * accept, reports accept entries that match nothing, and sorts by file and position.
 */
export function validate(input: ValidationInput, config: Config = DEFAULT_CONFIG, options: ValidateOptions = {}): Diagnostic[] {
  const rules = options.rules ?? RULES;
  checkRuleConfig(config, rules, options.configFile);
  const codeOverrides = Object.keys(config.rules).filter((k) => k.includes('/') && config.rules[k] !== 'off');
  const found: Diagnostic[] = [];
  for (const rule of rules) {
    if (config.rules[rule.id] === 'off' && !codeOverrides.some((k) => ruleOf(k) === rule.id)) continue;
    append(found, rule.check(input));
  }
  const configured = dropCorrectionsMatchedElsewhere(found, input.results).flatMap((d): Diagnostic[] => {
    const s = severityFor(config, d.code);
    if (s === 'off') return [];
    return [s ? { ...d, severity: s } : d];
  });
  const errata = uniqueErrata(input.results);
  const marked = applyAcceptances(configured, errata);
  const stale = options.complete ? staleAcceptances(marked, errata, config) : [];
  return [...marked, ...stale].sort(compareDiagnostics);
}

/**
 * Model files checked on their own (`gradepack validate <model.json>`), as other tools publish or
 * edit them: the schema first; a model that passes it then goes through every rule, with the
 * policy it carries and no errata. Findings of the schema rule name the model file.
 */
export function validateModelFiles(models: { file: string; json: unknown }[], config: Config = DEFAULT_CONFIG, options: ValidateOptions = {}): Diagnostic[] {
  checkRuleConfig(config, options.rules ?? RULES, options.configFile);
  const schemaFindings = models.flatMap(({ file, json }) => checkFramework(json).map((d) => ({ ...d, file, line: null, page: null })));
  const valid = models.filter(({ json }) => Framework.safeParse(json).success).map(({ json }) => Framework.parse(json));
  const rest = validate({ results: valid.map((framework) => ({ framework, diagnostics: [], captures: {}, errata: [] })) }, config, {
    ...options,
    rules: (options.rules ?? RULES).filter((r) => r.id !== 'schema'),
  });
  return [...schemaFindings, ...rest].sort(compareDiagnostics);
}

/** A source read by two frameworks has its errata loaded twice. */
function uniqueErrata(results: IngestResult[]): ErrataFile[] {
  const bySource = new Map<string, ErrataFile>();
  for (const r of results) for (const e of r.errata ?? []) if (!bySource.has(e.source)) bySource.set(e.source, e);
  return [...bySource.values()];
}

/**
 * Ingest applies a source's corrections to every framework that reads the source and reports an
 * entry that "matches nothing" in each. With two frameworks reading one source (ODP core skills
 * and ODP SCS), an entry for one matches nothing in the other; it is stale only if it matched
 * nothing in every framework that reads its source.
 */
function dropCorrectionsMatchedElsewhere(diagnostics: Diagnostic[], results: IngestResult[]): Diagnostic[] {
  const readers = new Map<string, number>();
  for (const r of results) for (const s of r.framework.sources) readers.set(`sources/${s.file}`, (readers.get(`sources/${s.file}`) ?? 0) + 1);
  const key = (d: Diagnostic) => `${d.file}|${d.line}|${d.page}|${d.message}`;
  const misses = new Map<string, number>();
  const isMiss = (d: Diagnostic) => d.code === 'errata/unmatched-correction';
  for (const d of diagnostics) if (isMiss(d)) misses.set(key(d), (misses.get(key(d)) ?? 0) + 1);
  const kept = new Set<string>();
  return diagnostics.filter((d) => {
    if (!isMiss(d)) return true;
    const k = key(d);
    if ((misses.get(k) ?? 0) < (readers.get(d.file ?? '') ?? 1) || kept.has(k)) return false;
    kept.add(k);
    return true;
  });
}

/** Accept entries that accept nothing: the defect was fixed or moved, and the entry should go. */
function staleAcceptances(diagnostics: Diagnostic[], errata: ErrataFile[], config: Config): Diagnostic[] {
  const out: Diagnostic[] = [];
  const unmarked = diagnostics.map(({ accepted: _accepted, ...d }) => d);
  for (const file of errata) {
    for (const entry of file.entries) {
      if (entry.action !== 'accept' || severityFor(config, entry.code) === 'off') continue;
      const single: ErrataFile = { source: file.source, entries: [entry] };
      if (applyAcceptances(unmarked, [single]).some((d) => d.accepted !== undefined)) continue;
      out.push(
        diagnostic({
          severity: 'error',
          code: 'errata/stale-accept',
          message: `accept entry for ${entry.code} matches no finding; remove it if the defect is gone: ${entry.reason}`,
          competency: entry.competency ?? null,
          level: entry.level ?? null,
          file: `sources/${file.source}`,
          line: entry.line ?? null,
          page: entry.page ?? null,
        }),
      );
    }
  }
  return out;
}
