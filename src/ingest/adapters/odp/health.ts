import type { ExtractedCompetency } from '../../types';
import { quote, type Finding } from './findings';
import type { GradeBlock, ReadLevels } from './levels';
import type { OdpLevel, Part, ScsGrade } from './lines';

const SCS_GRADES: ScsGrade[] = ['scs1', 'scs2', 'scs3'];
const ENDS_SENTENCE = /[.!?]['’")\]]*$/;
const RUN_TOGETHER = /[.!?]['’")\]]*\s*-\s+[A-Z]|\bSCS\s*[123]\s*:/;

/** Levels missing or empty, and on SCS pages, grade blocks missing, repeated, out of order or empty. */
export function checkPanels(
  competency: ExtractedCompetency,
  titleLine: number | null,
  read: ReadLevels,
  part: Part,
  expected: OdpLevel[],
  slug: string,
): Finding[] {
  const findings: Finding[] = [];
  for (const id of expected) {
    const level = competency.levels.find((l) => l.level === id);
    const where = { competency: slug, level: id };
    if (!level) {
      const line = read.labelLines.get(id) ?? titleLine;
      const what = part === 'scs' && id === 'awareness' ? 'note' : 'indicators';
      findings.push({ kind: 'missing-part', severity: 'error', message: `no ${id} ${what} found for "${competency.title}"`, line, ...where });
      continue;
    }
    if (part === 'scs' && id === 'awareness') {
      if (level.indicators.length > 0) {
        const line = level.indicators[0]!.source.line;
        findings.push({ kind: 'misplaced-text', severity: 'warning', message: 'bullets under Awareness, which SCS pages say is not required', line, ...where });
      }
      continue;
    }
    if (part === 'scs')
      findings.push(
        ...checkGradeBlocks(
          read.gradeBlocks.filter((b) => b.level === id),
          read.labelLines.get(id) ?? titleLine,
          slug,
          id,
        ),
      );
  }
  return findings;
}

function checkGradeBlocks(blocks: GradeBlock[], labelLine: number | null, slug: string, level: OdpLevel): Finding[] {
  const findings: Finding[] = [];
  const where = { competency: slug, level };
  for (const grade of SCS_GRADES) {
    const of = blocks.filter((b) => b.grade === grade);
    if (of.length === 0)
      findings.push({ kind: 'missing-part', severity: 'error', message: `no ${grade.toUpperCase()} block in ${level}`, line: labelLine, ...where });
    for (const repeat of of.slice(1)) {
      findings.push({ kind: 'read-twice', severity: 'warning', message: `second ${grade.toUpperCase()} block in ${level}`, line: repeat.line, ...where });
    }
  }
  const order = blocks.map((b) => SCS_GRADES.indexOf(b.grade));
  const outOfOrder = blocks.find((_b, i) => i > 0 && order[i]! < order[i - 1]!);
  if (outOfOrder) {
    findings.push({
      kind: 'misplaced-text',
      severity: 'warning',
      message: `${outOfOrder.grade.toUpperCase()} block out of order in ${level}`,
      line: outOfOrder.line,
      ...where,
    });
  }
  for (const empty of blocks.filter((b) => b.count === 0)) {
    findings.push({ kind: 'missing-part', severity: 'error', message: `empty ${empty.grade.toUpperCase()} block in ${level}`, line: empty.line, ...where });
  }
  return findings;
}

/** Grade blocks with fewer bullets than most blocks of the page: a bullet may be missing. */
export function checkShortGradeBlocks(blocks: { block: GradeBlock; slug: string }[]): Finding[] {
  const counts = new Map<number, number>();
  for (const { block } of blocks) if (block.count > 0) counts.set(block.count, (counts.get(block.count) ?? 0) + 1);
  const usual = [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0];
  if (usual === undefined) return [];
  return blocks
    .filter(({ block }) => block.count > 0 && block.count < usual)
    .map(({ block, slug }) => ({
      kind: 'missing-part',
      severity: 'warning' as const,
      message: `${block.grade.toUpperCase()} block in ${block.level} has ${block.count} bullet(s) where most blocks have ${usual}; one may be missing`,
      line: block.line,
      competency: slug,
      level: block.level,
    }));
}

/** Indicators that look cut off (no closing full stop) or like two bullets run together. */
export function checkIndicatorText(competency: ExtractedCompetency, slug: string): Finding[] {
  return competency.levels.flatMap((level) =>
    level.indicators.flatMap((indicator): Finding[] => {
      const where = { line: indicator.source.line, competency: slug, level: level.level };
      const findings: Finding[] = [];
      if (!ENDS_SENTENCE.test(indicator.text)) {
        findings.push({
          kind: 'truncated',
          severity: 'warning',
          message: `indicator does not end with a full stop; it may be cut off: ${quote(indicator.text.slice(-60))}`,
          ...where,
        });
      }
      if (RUN_TOGETHER.test(indicator.text)) {
        findings.push({
          kind: 'ambiguous-boundary',
          severity: 'warning',
          message: `indicator may be two bullets run together: ${quote(indicator.text)}`,
          ...where,
        });
      }
      return findings;
    }),
  );
}
