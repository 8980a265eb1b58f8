import type { Diagnostic } from '../model/diagnostic';
import type { ExtractedCompetency } from '../model/extracted';
import type { FrameworkEntry, SourceEntry } from './registry';

export type { ExtractedCompetency, ExtractedIndicator, ExtractedLevel } from '../model/extracted';

/** One source file as read from disk, before any parsing. */
export interface SourceInput {
  /** File name under sources/, as the model and diagnostics name it. */
  file: string;
  format: SourceEntry['format'];
  role: SourceEntry['role'];
  bytes: Uint8Array;
  /** The decoded text, for text and markdown sources (validated UTF-8, BOM removed). */
  text: string | null;
}

export interface AdapterResult {
  competencies: ExtractedCompetency[];
  /** Extraction-health findings: garbled, truncated or unrecoverable regions, at their source location. */
  diagnostics: Diagnostic[];
  /**
   * Competencies read from secondary captures of the same content (sources with role "capture"),
   * keyed by file. They are not part of the model; cross-source validation compares them.
   */
  captures?: Record<string, ExtractedCompetency[]>;
}

export interface AdapterContext {
  framework: FrameworkEntry;
  sources: SourceInput[];
}

/**
 * One adapter per source layout. Pure: bytes in, extracted competencies and diagnostics out.
 * Throws GradepackError (SourceUnrecognised, SourceCorrupt, SourceEncrypted) when the input
 * cannot be read at all; everything recoverable is a diagnostic.
 */
export type Adapter = (context: AdapterContext) => Promise<AdapterResult> | AdapterResult;
