import { formatDiagnosticWithHint, type Diagnostic } from '../model/diagnostic';

/** output/validation.json and output/validation.txt: the findings as JSON and as readable lines. */
export function validationReport(diagnostics: Diagnostic[]): { json: string; text: string } {
  return {
    json: `${JSON.stringify(diagnostics, null, 2)}\n`,
    text: diagnostics.map((d) => `${formatDiagnosticWithHint(d)}\n`).join(''),
  };
}
