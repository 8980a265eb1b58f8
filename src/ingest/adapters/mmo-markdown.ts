import { append } from '../../model/arrays';
import type { Diagnostic } from '../../model/diagnostic';
import { GradepackError } from '../../model/errors';
import { slugify } from '../../model/slug';
import type { Adapter, ExtractedCompetency } from '../types';
import { readColumnRoles } from './mmo-markdown/columns';
import { toDiagnostic } from './mmo-markdown/findings';
import { parseMarkdown } from './mmo-markdown/markdown';
import { readOutline, type CompetencyHeading } from './mmo-markdown/outline';
import { readCompetency } from './mmo-markdown/section';

/**
 * "MMO Competency Framework", Performance Expectation Statement 2014/15, converted from PDF to
 * markdown: a summary list of the ten competencies in three clusters, then per competency a
 * description and Effective / Ineffective Behaviour tables from Level 6 (CEO) down to Level 1 (AO),
 * split at every page break.
 */
export const mmoMarkdown: Adapter = ({ framework, sources }) => {
  const source = sources.find((s) => s.role === 'primary') ?? sources[0]!;
  const display = `sources/${source.file}`;
  if (source.text === null) {
    throw new GradepackError(
      'SourceUnrecognised',
      'The MMO framework is read from markdown, not from a PDF.',
      { file: display },
      'Give the source "format": "markdown" in sources/registry.json.',
    );
  }
  const blocks = parseMarkdown(source.text, display);
  const outline = readOutline(blocks);
  const sections = outline.sections.filter((s) => s.tables.some((t) => readColumnRoles(t) !== null));
  if (!sections.length) {
    throw new GradepackError(
      'SourceUnrecognised',
      'No competency heading ("1. Seeing the Big Picture") followed by an Effective / Ineffective Behaviour table was found.',
      { file: display },
      'This adapter reads the MMO Competency Framework 2014/15 converted to markdown tables; check that the file is that document.',
    );
  }

  const levelOrder = framework.levels.map((l) => l.id);
  const competencies: ExtractedCompetency[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const section of sections) {
    const summary = summaryFor(outline.summary, section.number, section.title);
    const read = readCompetency(section, summary, levelOrder, source.file);
    competencies.push(read.competency);
    append(
      diagnostics,
      read.findings.map((f) => toDiagnostic(f, source.file, slugify(section.title))),
    );
  }
  for (const listed of outline.summary) {
    if (!sections.some((s) => s.number === listed.number || s.title === listed.title)) {
      diagnostics.push(
        toDiagnostic(
          {
            kind: 'inconsistent-summary',
            severity: 'error',
            line: listed.line,
            message: `competency "${listed.title}" is in the summary list but has no section with tables`,
          },
          source.file,
          slugify(listed.title),
        ),
      );
    }
  }
  return { competencies, diagnostics };
};

function summaryFor(summary: CompetencyHeading[], number: number | null, title: string): CompetencyHeading | undefined {
  return summary.find((s) => s.number === number) ?? summary.find((s) => s.title.toLowerCase() === title.toLowerCase());
}
