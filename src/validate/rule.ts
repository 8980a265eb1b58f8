import type { IngestResult } from '../model/ingest-result';
import type { Diagnostic, Severity } from '../model/diagnostic';

/**
 * What every rule sees: the ingest results of the frameworks being validated (models, captures,
 * ingest diagnostics and errata). Rules that compare two frameworks (cross-source consistency)
 * find both here; a rule whose inputs are not all present checks what is there and stays silent
 * about the rest.
 */
export interface ValidationInput {
  results: IngestResult[];
}

export interface Rule {
  /** Stable id: the name in diagnostics, in gradepack.config.json `rules` and in errata `accept` entries. */
  id: string;
  /**
   * The severity of the rule's findings unless the configuration overrides it. A rule may give a
   * milder finding a lower severity (documented in docs/validation-rules.md); a configured
   * severity replaces both.
   */
  defaultSeverity: Severity;
  /** One line for `--help` and listings. */
  description: string;
  /** Where the rule is explained: what it checks, why, measures and thresholds, examples. */
  docs: string;
  check(input: ValidationInput): Diagnostic[];
}
