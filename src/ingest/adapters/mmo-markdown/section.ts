import { append } from '../../../model/arrays';
import type { ExtractedCompetency, ExtractedIndicator, ExtractedLevel } from '../../types';
import { assembleSection, draftText, type AssembledSection, type Draft } from './assemble';
import { streamSection } from './events';
import { quote, type Finding } from './findings';
import { checkJunctions } from './junctions';
import type { CompetencyHeading, CompetencySection } from './outline';
import { wordDifferences } from './word-diff';
import { endsMidSentence } from './wording';

/** One competency: its section's tables read into levels of indicators, with the summary's cluster and description. */
export interface ReadCompetency {
  competency: ExtractedCompetency;
  findings: Finding[];
}

export function readCompetency(section: CompetencySection, summary: CompetencyHeading | undefined, levelOrder: string[], file: string): ReadCompetency {
  const stream = streamSection(section.tables);
  const assembled = assembleSection(stream);
  const levelAt = (line: number) => assembled.labels.filter((l) => l.line <= line).at(-1)?.level ?? null;
  const findings: Finding[] = [
    ...stream.findings.map((f) => ({ ...f, level: f.level ?? levelAt(f.line) })),
    ...assembled.findings,
    ...checkJunctions(assembled.drafts, stream.garbledTables),
    ...section.strayParagraphs.map(
      (p): Finding => ({
        kind: 'unreadable-region',
        severity: 'error',
        line: p.line,
        message: `lines ${p.line}-${p.endLine} are not a table (a row or the delimiter row may be damaged); their text is not read: ${quote(p.text)}`,
      }),
    ),
    ...describeDifferences(section, summary),
  ];

  const grouped = groupByLevel(assembled, section, levelOrder, file);
  append(findings, grouped.findings);
  const gaps = stream.events.flatMap((e) => (e.kind === 'gap' ? [`${e.line}-${e.endLine}`] : []));
  for (const level of levelOrder.filter((l) => !grouped.levels.some((g) => g.level === l))) {
    const where = gaps.length ? `; it may have been in the unreadable lines ${gaps.join(', ')}` : '';
    findings.push({ kind: 'missing-part', severity: 'error', line: section.line, level, message: `no level ${level} was found in "${section.title}"${where}` });
  }

  findings.sort((a, b) => a.line - b.line);
  return {
    competency: {
      title: section.title,
      cluster: summary?.cluster ?? section.cluster,
      description: section.description?.text ?? summary?.description?.text ?? null,
      source: { file, line: section.line, page: null },
      levels: grouped.levels,
    },
    findings,
  };
}

/** The framework's levels in its order, each with its effective then its ineffective indicators. */
function groupByLevel(
  assembled: AssembledSection,
  section: CompetencySection,
  levelOrder: string[],
  file: string,
): { levels: ExtractedLevel[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const byLevel = new Map<string, ExtractedIndicator[]>(assembled.labels.map((l) => [l.level, []]));
  for (const draft of assembled.drafts) {
    const text = draftText(draft);
    append(findings, draftFindings(draft, text));
    if (draft.level === null) continue;
    const list = byLevel.get(draft.level) ?? [];
    list.push({ text, polarity: draft.polarity, grade: null, source: { file, line: draft.fragments[0]!.line, page: null } });
    byLevel.set(draft.level, list);
  }
  for (const level of byLevel.keys()) {
    if (!levelOrder.includes(level))
      findings.push({ kind: 'misread-label', severity: 'error', line: section.line, level, message: `level ${level} is not a level of this framework` });
  }
  const levels: ExtractedLevel[] = [];
  for (const level of levelOrder) {
    const indicators = byLevel.get(level);
    if (!indicators) continue;
    if (!indicators.length) {
      const line = assembled.labels.find((l) => l.level === level)?.line ?? section.line;
      findings.push({ kind: 'missing-part', severity: 'error', line, level, message: `level ${level} of "${section.title}" has no readable indicators` });
    }
    const ordered = [...indicators.filter((i) => i.polarity === 'effective'), ...indicators.filter((i) => i.polarity === 'ineffective')];
    levels.push({ level, note: null, intro: null, indicators: ordered });
  }
  return { levels, findings };
}

function draftFindings(draft: Draft, text: string): Finding[] {
  const line = draft.fragments[0]!.line;
  const findings: Finding[] = [];
  if (draft.level === null) {
    findings.push({ kind: 'misplaced-text', severity: 'error', line, message: `${draft.polarity} text ${quote(text)} comes before any level label; left out` });
    return findings;
  }
  if (draft.cutOffBy) {
    findings.push({
      kind: 'truncated',
      severity: 'error',
      line,
      level: draft.level,
      message: `${draft.polarity} indicator ${quote(text)} runs into the unreadable lines ${draft.cutOffBy.line}-${draft.cutOffBy.endLine}: its end may be lost`,
    });
  } else if (endsMidSentence(text)) {
    findings.push({
      kind: 'truncated',
      severity: 'error',
      line,
      level: draft.level,
      message: `${draft.polarity} indicator ${quote(text)} ends mid-sentence: its last words are lost`,
    });
  }
  return findings;
}

function describeDifferences(section: CompetencySection, summary: CompetencyHeading | undefined): Finding[] {
  const findings: Finding[] = [];
  if (!summary) {
    findings.push({
      kind: 'inconsistent-summary',
      severity: 'warning',
      line: section.line,
      message: `"${section.title}" is not in the summary list of competencies`,
    });
    return findings;
  }
  if (summary.title !== section.title) {
    findings.push({
      kind: 'inconsistent-summary',
      severity: 'warning',
      line: section.line,
      message: `the section title "${section.title}" differs from the summary's "${summary.title}" (line ${summary.line})`,
    });
  }
  if (summary.cluster !== section.cluster && summary.cluster && section.cluster) {
    findings.push({
      kind: 'inconsistent-summary',
      severity: 'warning',
      line: section.line,
      message: `the section's cluster "${section.cluster}" differs from the summary's "${summary.cluster}"`,
    });
  }
  const own = section.description;
  const listed = summary.description;
  if (own && listed && own.text !== listed.text) {
    findings.push({
      kind: 'inconsistent-summary',
      severity: 'warning',
      line: own.line,
      message: `the description above the tables differs from the summary's (line ${listed.line}); the one above the tables is used. Summary / section: ${wordDifferences(listed.text, own.text).join('; ')}`,
    });
  }
  return findings;
}
