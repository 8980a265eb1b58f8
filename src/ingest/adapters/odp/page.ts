import { GradepackError } from '../../../model/errors';
import type { ExtractedCompetency, SourceInput } from '../../types';
import { splitBlocks } from './blocks';
import { readCompetency } from './competency';
import { quote, type Finding } from './findings';
import { checkShortGradeBlocks } from './health';
import { tokenize, type OdpLevel, type Part } from './lines';

const PART_NAMES: Record<Part, string> = { core: 'Core ODP Skills', scs: 'Seven core capabilities for SCS roles' };

/** The skills of one part of the ODP page (core skills or SCS capabilities). */
/** The source's text; the ODP pages are captured as text, never PDF. */
export function sourceText(source: SourceInput, display: string): string {
  if (source.text === null)
    throw new GradepackError(
      'SourceUnrecognised',
      'The ODP adapters read text, not PDF.',
      { file: display },
      'Give the source "format": "text" in sources/registry.json.',
    );
  return source.text;
}

export function readPart(source: SourceInput, part: Part, expected: OdpLevel[]): { competencies: ExtractedCompetency[]; findings: Finding[] } {
  const display = `sources/${source.file}`;
  const text = sourceText(source, display);
  const tokens = tokenize(text);
  if (!tokens.some((t) => t.kind === 'level') || !tokens.some((t) => t.kind === 'curriculum')) {
    throw new GradepackError(
      'SourceUnrecognised',
      'No ODP level tabs ("AwarenessA") or "Learning Curriculum for" lines were found.',
      { file: display },
      'These adapters read the text of the Operational Delivery Profession pages (core skills, SCS capabilities); check that the file is a capture of them.',
    );
  }
  const page = splitBlocks(tokens);
  const blocks = page.blocks.filter((b) => b.part === part);
  if (blocks.length === 0) {
    throw new GradepackError(
      'SourceUnrecognised',
      `No skills were found under "${PART_NAMES[part]}".`,
      { file: display },
      'These adapters read the text of the Operational Delivery Profession pages (core skills, SCS capabilities); check that the file is a capture of them.',
    );
  }
  const read = blocks.map((block) => readCompetency(block, source.file, text, expected));
  const findings: Finding[] = [
    ...page.findings.filter((f) => f.part === part).map((f) => f.finding),
    ...page.stray
      .filter((s) => s.part === part)
      .map(
        ({ token }): Finding => ({
          kind: 'misplaced-text',
          severity: token.kind === 'bullet' ? ('error' as const) : ('warning' as const),
          message: `text outside any skill, not extracted: ${quote(token.text)}`,
          line: token.line,
        }),
      ),
    ...read.flatMap((r) => r.findings),
    ...(part === 'scs' ? checkShortGradeBlocks(read.flatMap((r) => r.gradeBlocks)) : []),
  ];
  return { competencies: read.map((r) => r.competency), findings };
}
