import { DEFAULT_CONFIG, type Config } from '../config/config';
import type { ErrataFile } from '../model/errata';
import { applyAcceptances } from './acceptances';
import type { IngestResult } from '../model/ingest-result';
import { compareDiagnostics, diagnostic, type Diagnostic } from '../model/diagnostic';
import { GradepackError } from '../model/errors';
import type { Rule, ValidationInput } from './rule';
import { RULES } from './rules';

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

/** Rule ids a configuration may name: every rule's own id and the ids it also reports. */
export function knownRuleIds(rules: readonly Rule[] = RULES): string[] {
  return [...new Set(rules.flatMap((r) => [r.id, ...(r.reports ?? [])]))];
}

export function checkRuleConfig(config: Config, rules: readonly Rule[] = RULES, file = 'gradepack.config.json'): void {
  const known = knownRuleIds(rules);
  for (const id of Object.keys(config.rules)) {
    if (!known.includes(id)) {
      throw new GradepackError('ConfigInvalid', `rules: "${id}" is not a validation rule.`, { file }, `Rules: ${known.join(', ')}.`);
    }
  }
}

/**
 * Runs every rule over the ingest results, then: applies the configured severities (a rule set to
 * "off" is not run and its findings are dropped), marks the findings that errata accept, reports
 * accept entries that match nothing, and sorts by file and position.
 */
export function validate(input: ValidationInput, config: Config = DEFAULT_CONFIG, options: ValidateOptions = {}): Diagnostic[] {
  const rules = options.rules ?? RULES;
  checkRuleConfig(config, rules, options.configFile);
  const severity = config.rules;
  const found: Diagnostic[] = [];
  for (const rule of rules) {
    if (severity[rule.id] === 'off') continue;
    found.push(...rule.check(input));
  }
  const configured = dropCorrectionsMatchedElsewhere(found, input.results).flatMap((d): Diagnostic[] => {
    const s = severity[d.rule];
    if (s === 'off') return [];
    return [s ? { ...d, severity: s } : d];
  });
  const errata = uniqueErrata(input.results);
  const marked = applyAcceptances(configured, errata);
  const stale = options.complete ? staleAcceptances(marked, errata, config) : [];
  return [...marked, ...stale].sort(compareDiagnostics);
}

/** The validator the build calls: every result, configuration from the build. */
export function validateAll(results: IngestResult[], config: Config): Diagnostic[] {
  return validate({ results }, config);
}

/** A source read by two frameworks (odp-core-skills.txt) has its errata loaded twice. */
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
  const isMiss = (d: Diagnostic) => d.rule === 'errata' && d.message.includes('matches nothing');
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
      if (entry.action !== 'accept' || config.rules[entry.rule] === 'off') continue;
      const single: ErrataFile = { source: file.source, entries: [entry] };
      if (applyAcceptances(unmarked, [single]).some((d) => d.accepted !== undefined)) continue;
      out.push(
        diagnostic({
          severity: 'warning',
          rule: 'errata',
          message: `accept entry for ${entry.rule}${entry.match ? ` ("${entry.match}")` : ''} matches no finding; remove it if the defect is gone: ${entry.reason}`,
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
