import { append } from '../../../model/arrays';
import { GradepackError } from '../../../model/errors';
import { normalizeSpace } from '../../../model/text';
import type { ExtractedCompetency, SourceInput } from '../../types';
import { splitBlocks, type CompetencyBlock } from './blocks';
import { readCompetency } from './competency';
import type { Finding } from './findings';
import { checkShortGradeBlocks } from './health';
import { tokenize, type OdpLevel } from './lines';
import { sourceText } from './page';

/**
 * A second capture of an SCS capability, from its own page. That page has no title line or
 * "Learning Curriculum for" line: the description comes first, then the level panels. Its title is
 * the capability of the main page it matches (same description, else most indicators in common).
 */
export function readCapture(
  source: SourceInput,
  primary: ExtractedCompetency[],
  expected: OdpLevel[],
): { competencies: ExtractedCompetency[]; findings: Finding[] } {
  const display = `sources/${source.file}`;
  const text = sourceText(source, display);
  const tokens = tokenize(text);
  const firstLevel = tokens.findIndex((t) => t.kind === 'level');
  if (firstLevel < 0) {
    throw new GradepackError(
      'SourceUnrecognised',
      'No ODP level tabs ("AwarenessA") were found in the capture.',
      { file: display },
      'These adapters read the text of the Operational Delivery Profession pages (core skills, SCS capabilities); check that the file is a capture of them.',
    );
  }
  const titled = splitBlocks(tokens).blocks;
  const findings: Finding[] = [];
  let blocks: CompetencyBlock[] = titled.map((b) => ({ ...b, part: 'scs' }));
  if (blocks.length === 0) {
    const description = tokens.slice(0, firstLevel).filter((t) => t.kind === 'prose');
    const untitled: CompetencyBlock = {
      part: 'scs',
      title: '',
      titleLine: null,
      description,
      body: tokens.slice(firstLevel),
    };
    const title = matchingTitle(untitled, primary, source.file, text, expected);
    if (title === null) {
      findings.push({
        kind: 'missing-part',
        severity: 'error',
        message: 'the capture has no title and matches no capability of the main page; it is not compared',
        line: description[0]?.line ?? tokens[firstLevel]!.line,
      });
      blocks = [];
    } else {
      blocks = [{ ...untitled, title, titleLine: description[0]?.line ?? null }];
    }
  }
  const read = blocks.map((block) => readCompetency(block, source.file, text, expected));
  append(
    findings,
    read.flatMap((r) => r.findings),
  );
  append(findings, checkShortGradeBlocks(read.flatMap((r) => r.gradeBlocks)));
  return { competencies: read.map((r) => r.competency), findings };
}

function matchingTitle(block: CompetencyBlock, primary: ExtractedCompetency[], file: string, text: string, expected: OdpLevel[]): string | null {
  const description = normalizeSpace(block.description.map((t) => t.text).join(' ')).toLowerCase();
  const byDescription = primary.find((c) => description && normalizeSpace(c.description ?? '').toLowerCase() === description);
  if (byDescription) return byDescription.title;
  const texts = new Set(readCompetency({ ...block, title: 'capture' }, file, text, expected).competency.levels.flatMap((l) => l.indicators.map((i) => i.text)));
  const shared = primary.map((c) => ({ c, n: c.levels.flatMap((l) => l.indicators).filter((i) => texts.has(i.text)).length })).sort((a, b) => b.n - a.n)[0];
  return shared && shared.n > 0 ? shared.c.title : null;
}
