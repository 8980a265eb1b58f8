import { formatDiagnosticWithHint, type Diagnostic } from '../model/diagnostic';
import type { Framework } from '../model/schema';
import { validationSummary } from './summary';

/**
 * output/validation.json and output/validation.txt: the findings as JSON, and as text that leads
 * with a summary in plain words (per document) before the findings' lines.
 */
export function validationReport(diagnostics: Diagnostic[], frameworks: Framework[]): { json: string; text: string } {
  const detail = diagnostics.map((d) => `${formatDiagnosticWithHint(d)}\n`).join('');
  return {
    json: `${JSON.stringify(diagnostics, null, 2)}\n`,
    text: `${validationSummary(diagnostics, frameworks)}\n${detail ? `\nEach finding, where to fix it (file:line: severity code message):\n\n${detail}` : ''}`,
  };
}
