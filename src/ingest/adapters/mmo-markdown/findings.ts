import { diagnostic, type Diagnostic, type Severity } from '../../../model/diagnostic';
import type { ExtractionKind } from '../../../model/findings';

/** An extraction-health finding inside one competency section, before it is placed in the model. */
export interface Finding {
  kind: ExtractionKind;
  severity: Severity;
  line: number;
  message: string;
  level?: string | null;
}

export function toDiagnostic(finding: Finding, file: string, competency: string | null): Diagnostic {
  return diagnostic({
    severity: finding.severity,
    code: `extraction-health/${finding.kind}`,
    message: finding.message,
    competency,
    level: finding.level ?? null,
    file: `sources/${file}`,
    line: finding.line,
  });
}

/** Quotes source text in a message, shortened so that a garbled page does not flood the report. */
export function quote(text: string, max = 120): string {
  return `"${text.length > max ? `${text.slice(0, max - 1)}…` : text}"`;
}
