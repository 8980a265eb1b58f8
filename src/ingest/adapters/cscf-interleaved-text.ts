import { diagnostic } from '../../model/diagnostic';
import { GradepackError } from '../../model/errors';
import { numberedLines } from '../text';
import type { Adapter } from '../types';
import { LEVEL, readCompetencies } from './cscf-interleaved-text/competencies';
import { readLayout } from './cscf-interleaved-text/layout';

/**
 * "Civil Service Competency Framework By Grade - SMS 1" (July 2012), text extracted from the PDF:
 * intro, the ten competency summaries under three cluster headings, then per competency a two-column
 * table (effective | ineffective) whose columns the extraction interleaved: TAB-separated, wrapped
 * line by line, and in places two cells run together on one line. Every indicator is at level 5
 * (SMS 1).
 */
export const cscfInterleavedText: Adapter = ({ sources }) => {
  const source = sources[0]!;
  const display = `sources/${source.file}`;
  const documentText = source.text ?? '';
  const layout = readLayout(numberedLines(documentText));
  const looksLikeTheDocument = layout.hasRunningTitle || layout.hasColumnHeaders || layout.hasClusters;
  if (layout.tables.length === 0 || !looksLikeTheDocument) {
    throw new GradepackError(
      'SourceUnrecognised',
      'No numbered competency heading followed by TAB-separated Effective / Ineffective rows was found.',
      { file: display },
      'This adapter reads the text extraction of the 2012 Civil Service Competency Framework "By Grade - SMS 1".',
    );
  }
  const { competencies, findings } = readCompetencies(layout, documentText, source.file);
  const diagnostics = findings
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
    .map((f) =>
      diagnostic({
        severity: f.severity,
        code: `extraction-health/${f.kind}`,
        message: f.message,
        file: display,
        line: f.line,
        competency: f.competency ?? null,
        level: f.competency ? LEVEL : null,
      }),
    );
  return { competencies, diagnostics };
};
