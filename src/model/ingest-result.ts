import type { Diagnostic } from './diagnostic';
import type { ErrataFile } from './errata';
import type { ExtractedCompetency } from './extracted';
import type { Framework } from './schema';

/** One framework as ingest made it: what validation checks and the pipeline renders. */
export interface IngestResult {
  framework: Framework;
  /** Extraction health and errata findings, at their source locations. */
  diagnostics: Diagnostic[];
  /** Secondary captures of the same content, for cross-source validation. */
  captures: Record<string, ExtractedCompetency[]>;
  errata: ErrataFile[];
}
