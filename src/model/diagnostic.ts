/**
 * A finding about a source or the model, shaped like vfile-message: where (file and line or page),
 * which rule, what, and how bad.
 */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  rule: string;
  message: string;
  framework: string | null;
  competency: string | null;
  level: string | null;
  file: string | null;
  line: number | null;
  page: number | null;
  /** Set when an errata entry accepts this finding; it then no longer counts as an error. */
  accepted?: string;
}

export type DiagnosticInit = Partial<Omit<Diagnostic, 'severity' | 'rule' | 'message'>> & Pick<Diagnostic, 'severity' | 'rule' | 'message'>;

export function diagnostic(init: DiagnosticInit): Diagnostic {
  return {
    severity: init.severity,
    rule: init.rule,
    message: init.message,
    framework: init.framework ?? null,
    competency: init.competency ?? null,
    level: init.level ?? null,
    file: init.file ?? null,
    line: init.line ?? null,
    page: init.page ?? null,
    ...(init.accepted ? { accepted: init.accepted } : {}),
  };
}

/** `file:line: severity rule message`; a page is written `file:p.N`. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line != null ? `:${d.line}` : d.page != null ? `:p.${d.page}` : '';
  const severity = d.accepted ? `${d.severity} (accepted: ${d.accepted})` : d.severity;
  return `${d.file ?? d.framework ?? '-'}${where}: ${severity} ${d.rule} ${d.message}`;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.file ?? '').localeCompare(b.file ?? '') ||
    (a.line ?? a.page ?? 0) - (b.line ?? b.page ?? 0) ||
    a.rule.localeCompare(b.rule) ||
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
