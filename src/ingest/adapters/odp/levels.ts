import { joinWrapped } from '../../text';
import type { ExtractedIndicator, ExtractedLevel } from '../../types';
import { quote, type Finding } from './findings';
import { ODP_LEVELS, type OdpLevel, type Part, type ScsGrade, type Token } from './lines';

/** Where an SCS grade block starts and how many bullets it holds. */
export interface GradeBlock {
  level: OdpLevel;
  grade: ScsGrade;
  line: number;
  count: number;
}

export interface ReadLevels {
  levels: ExtractedLevel[];
  gradeBlocks: GradeBlock[];
  /** The line of the last label of each level seen (the panel's, after the tab strip's). */
  labelLines: Map<OdpLevel, number>;
  findings: Finding[];
}

const ENDS_SENTENCE = /[.!?]['’")\]]*$/;

/**
 * Reads the level panels of one skill: a level label starts a panel, "SCS1:" a grade block within
 * it, "- " a bullet. On the SCS pages the Awareness panel holds prose saying the level is not
 * required; that prose is the level's note.
 */
export function readLevels(body: Token[], part: Part, file: string, documentText: string): ReadLevels {
  const findings: Finding[] = [];
  const byLevel = new Map<OdpLevel, ExtractedLevel>();
  const noteLines = new Map<OdpLevel, string[]>();
  const labelLines = new Map<OdpLevel, number>();
  const gradeBlocks: GradeBlock[] = [];
  let level: OdpLevel | null = null;
  let grade: ScsGrade | null = null;
  let block: GradeBlock | null = null;
  let last: { indicator: ExtractedIndicator; fragments: string[] } | null = null;
  const finishedWithContent = new Set<OdpLevel>();

  const levelEntry = (id: OdpLevel) => {
    let entry = byLevel.get(id);
    if (!entry) {
      entry = { level: id, note: null, intro: null, indicators: [] };
      byLevel.set(id, entry);
    }
    return entry;
  };

  for (const token of body) {
    // Only prose straight after a bullet can continue it.
    if (token.kind !== 'prose' && token.kind !== 'bullet') last = null;
    switch (token.kind) {
      case 'level':
        if (token.level !== level) {
          if (level && hasContent(byLevel.get(level), noteLines.get(level))) finishedWithContent.add(level);
          if (finishedWithContent.has(token.level)) {
            findings.push({
              kind: 'read-twice',
              severity: 'warning',
              message: `second ${token.level} panel; its bullets are added to the first`,
              line: token.line,
              level: token.level,
            });
          }
          level = token.level;
          grade = null;
          block = null;
        }
        labelLines.set(token.level, token.line);
        break;
      case 'grade':
        if (part === 'core') {
          findings.push({
            kind: 'misplaced-text',
            severity: 'warning',
            message: `SCS grade heading ${quote(token.text)} in a core skill; ignored`,
            line: token.line,
            level,
          });
          break;
        }
        if (level === null) {
          findings.push({
            kind: 'misplaced-text',
            severity: 'warning',
            message: `grade heading ${quote(token.text)} before any level label`,
            line: token.line,
          });
        }
        grade = token.grade;
        block = level ? { level, grade, line: token.line, count: 0 } : null;
        if (block) gradeBlocks.push(block);
        break;
      case 'bullet': {
        if (level === null) {
          findings.push({
            kind: 'misplaced-text',
            severity: 'error',
            message: `bullet before any level label, not extracted: ${quote(token.body)}`,
            line: token.line,
          });
          last = null;
          break;
        }
        const indicatorGrade = part === 'scs' ? grade : null;
        if (part === 'scs' && indicatorGrade === null && level !== 'awareness') {
          findings.push({
            kind: 'misplaced-text',
            severity: 'error',
            message: `bullet under no SCS grade heading: ${quote(token.body)}`,
            line: token.line,
            level,
          });
        }
        const indicator: ExtractedIndicator = {
          text: token.body,
          polarity: 'neutral',
          grade: indicatorGrade,
          source: { file, line: token.line, page: null },
        };
        levelEntry(level).indicators.push(indicator);
        if (block) block.count++;
        last = { indicator, fragments: [token.body] };
        break;
      }
      case 'prose':
        if (last && !ENDS_SENTENCE.test(last.indicator.text)) {
          last.fragments.push(token.text);
          last.indicator.text = joinWrapped(last.fragments, documentText);
          findings.push({
            kind: 'ambiguous-boundary',
            severity: 'warning',
            message: `bullet continues on the next line; joined: ${quote(token.text)}`,
            line: token.line,
            level,
          });
          break;
        }
        last = null;
        if (part === 'scs' && level === 'awareness' && levelEntry(level).indicators.length === 0) {
          noteLines.set(level, [...(noteLines.get(level) ?? []), token.text]);
          break;
        }
        findings.push({
          kind: 'misplaced-text',
          severity: 'error',
          message: `text that is not a bullet, not extracted: ${quote(token.text)}`,
          line: token.line,
          level,
        });
        break;
      default:
        break;
    }
  }

  for (const [id, lines] of noteLines) levelEntry(id).note = joinWrapped(lines, documentText);
  const levels = ODP_LEVELS.flatMap((id) => (byLevel.has(id) ? [byLevel.get(id)!] : []));
  return { levels, gradeBlocks, labelLines, findings };
}

const hasContent = (entry: ExtractedLevel | undefined, note: string[] | undefined) => (entry?.indicators.length ?? 0) > 0 || (note?.length ?? 0) > 0;
