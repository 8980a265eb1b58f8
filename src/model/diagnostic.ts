import { docsOf, FINDINGS, type FindingCode, ruleOf } from './findings';
import { printable } from './text';

/**
 * A finding about a source or the model, shaped like vfile-message: where (file and line or page),
 * its stable code (`rule/kind`, from the catalogue in findings.ts), what, how bad, and a hint.
 */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** Stable code, `rule/kind`: what errata `accept` entries and the configuration name. */
  code: FindingCode;
  /** The rule that reports it: the code's first part. */
  rule: string;
  message: string;
  /** One line on how to fix it. */
  hint: string;
  /** Where the docs explain it. */
  docs: string;
  framework: string | null;
  competency: string | null;
  level: string | null;
  file: string | null;
  line: number | null;
  page: number | null;
  /** Set when an errata entry accepts this finding; it then no longer counts as an error. */
  accepted?: string;
}

export type DiagnosticInit = Partial<Omit<Diagnostic, 'severity' | 'code' | 'rule' | 'message' | 'hint' | 'docs'>> &
  Pick<Diagnostic, 'severity' | 'code' | 'message'>;

export function diagnostic(init: DiagnosticInit): Diagnostic {
  return {
    severity: init.severity,
    code: init.code,
    rule: ruleOf(init.code),
    message: init.message,
    hint: FINDINGS[init.code],
    docs: docsOf(init.code),
    framework: init.framework ?? null,
    competency: init.competency ?? null,
    level: init.level ?? null,
    file: init.file ?? null,
    line: init.line ?? null,
    page: init.page ?? null,
    ...(init.accepted ? { accepted: init.accepted } : {}),
  };
}

/** `file:line: severity code message`; a page is written `file:p.N`. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line != null ? `:${d.line}` : d.page != null ? `:p.${d.page}` : '';
  const severity = d.accepted ? `${d.severity} (accepted: ${printable(d.accepted)})` : d.severity;
  return `${printable(d.file ?? d.framework ?? '-')}${where}: ${severity} ${d.code} ${printable(d.message)}`;
}

/** The finding's line, then its hint and docs (unless accepted: a person has already decided). */
export function formatDiagnosticWithHint(d: Diagnostic): string {
  return d.accepted ? formatDiagnostic(d) : `${formatDiagnostic(d)}\n  hint: ${d.hint} (${d.docs})`;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.file ?? '').localeCompare(b.file ?? '') ||
    (a.line ?? a.page ?? 0) - (b.line ?? b.page ?? 0) ||
    a.code.localeCompare(b.code) ||
    a.message.localeCompare(b.message)
  );
}

export function isBlocking(d: Diagnostic, strict: boolean): boolean {
  if (d.accepted) return false;
  return d.severity === 'error' || (strict && d.severity === 'warning');
}

/** "3 errors, 1 warning, 2 accepted" (unaccepted errors and warnings; accepted findings of either kind). */
export function countFindings(diagnostics: Diagnostic[]): string {
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const errors = diagnostics.filter((d) => !d.accepted && d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => !d.accepted && d.severity === 'warning').length;
  const accepted = diagnostics.filter((d) => d.accepted).length;
  return `${n(errors, 'error')}, ${n(warnings, 'warning')}, ${accepted} accepted`;
}
