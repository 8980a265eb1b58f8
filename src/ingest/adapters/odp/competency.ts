import { slugify } from '../../../model/slug';
import { joinWrapped } from '../../text';
import type { ExtractedCompetency } from '../../types';
import type { CompetencyBlock } from './blocks';
import type { Finding } from './findings';
import { checkIndicatorText, checkPanels } from './health';
import { readLevels, type GradeBlock } from './levels';
import type { OdpLevel } from './lines';

export interface ReadCompetency {
  competency: ExtractedCompetency;
  gradeBlocks: { block: GradeBlock; slug: string }[];
  findings: Finding[];
}

/** One skill or capability from its block: title, joined description, levels, and health findings. */
export function readCompetency(block: CompetencyBlock, file: string, documentText: string, expected: OdpLevel[]): ReadCompetency {
  const read = readLevels(block.body, block.part, file, documentText);
  const slug = slugify(block.title);
  const description = joinWrapped(
    block.description.map((t) => t.text),
    documentText,
  );
  const competency: ExtractedCompetency = {
    title: block.title,
    cluster: null,
    description: description || null,
    source: block.titleLine === null ? null : { file, line: block.titleLine, page: null },
    levels: read.levels,
  };
  const findings = [
    ...read.findings.map((f) => ({ ...f, competency: slug })),
    ...checkPanels(competency, block.titleLine, read, block.part, expected, slug),
    ...checkIndicatorText(competency, slug),
  ];
  return { competency, gradeBlocks: read.gradeBlocks.map((b) => ({ block: b, slug })), findings };
}
