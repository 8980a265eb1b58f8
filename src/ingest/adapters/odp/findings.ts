import { diagnostic, type Diagnostic, type Severity } from '../../../model/diagnostic';
import type { ExtractionKind } from '../../../model/findings';

/** An extraction-health finding before it is tied to a file and framework. */
export interface Finding {
  kind: ExtractionKind;
  severity: Severity;
  message: string;
  line: number | null;
  competency?: string | null;
  level?: string | null;
}

export function toDiagnostics(findings: Finding[], file: string): Diagnostic[] {
  return findings.map((f) =>
    diagnostic({
      severity: f.severity,
      code: `extraction-health/${f.kind}`,
      message: f.message,
      competency: f.competency ?? null,
      level: f.level ?? null,
      file: `sources/${file}`,
      line: f.line,
    }),
  );
}

/** Shortens a line of source text for a message. */
export function quote(text: string, max = 80): string {
  return `"${text.length > max ? `${text.slice(0, max - 1)}…` : text}"`;
}
