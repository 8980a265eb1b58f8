import { diagnostic, type Diagnostic } from '../../model/diagnostic';
import { GradepackError } from '../../model/errors';
import { numberedLines, type NumberedLine } from '../text';
import { normalizeSpace } from '../../model/text';
import type { Adapter, ExtractedCompetency, ExtractedLevel } from '../types';

/**
 * The gov.uk "Success Profiles: Civil Service behaviours" page as text: a definitions table
 * (pipe-separated), then six grade groups, each with the nine behaviours: a title line, an intro
 * line ("Examples of ... are when you:") and "- " bullets.
 */
const GRADE_GROUPS: { level: string; heading: RegExp }[] = [
  { level: '1', heading: /^Administrative Assistant \(AA\) and Administrative Officer \(AO\) grade or equivalent$/ },
  { level: '2', heading: /^Executive Officer \(EO\) grade or equivalent$/ },
  { level: '3', heading: /^Higher Executive Officer \(HEO\) and Senior Executive Officer \(SEO\) grades? or equivalent$/ },
  { level: '4', heading: /^Grade 7 and Grade 6 or equivalent$/ },
  { level: '5', heading: /^Deputy Director or equivalent$/ },
  { level: '6', heading: /^Director and Director General$/ },
];

export const govukBehavioursPage: Adapter = ({ sources }) => {
  const source = sources[0]!;
  const file = source.file;
  const display = `sources/${file}`;
  const lines = numberedLines(source.text ?? '');
  const diagnostics: Diagnostic[] = [];
  const where = (l: NumberedLine) => ({ file, line: l.line, page: null });

  const tableStart = lines.findIndex((l) => /^Behaviour\s*\|\s*Definition\s*\|?$/.test(l.text.trim()));
  if (tableStart < 0) {
    throw new GradepackError(
      'SourceUnrecognised',
      'No "Behaviour | Definition" table was found.',
      { file: display },
      'This adapter reads the text of the gov.uk page "Success Profiles: Civil Service behaviours"; check that the file is that page.',
    );
  }
  const competencies: ExtractedCompetency[] = [];
  const byTitle = new Map<string, ExtractedCompetency>();
  let i = tableStart + 1;
  for (; i < lines.length; i++) {
    const row = lines[i]!.text.trim();
    if (/^-+\s*\|\s*-+\s*\|?$/.test(row)) continue;
    if (!row.includes('|')) break;
    const [title, definition] = row.split('|').map((c) => normalizeSpace(c));
    if (!title) continue;
    const competency: ExtractedCompetency = {
      title,
      cluster: null,
      description: definition || null,
      source: where(lines[i]!),
      levels: [],
    };
    competencies.push(competency);
    byTitle.set(title.toLowerCase(), competency);
  }

  let level: string | null = null;
  let current: ExtractedLevel | null = null;
  let pendingTitle: NumberedLine | null = null;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const text = normalizeSpace(line.text);
    if (!text) continue;
    const group = GRADE_GROUPS.find((g) => g.heading.test(text));
    if (group) {
      level = group.level;
      current = null;
      continue;
    }
    if (level === null) continue;
    const competency = byTitle.get(text.toLowerCase());
    if (competency) {
      current = { level, note: null, intro: null, indicators: [] };
      competency.levels.push(current);
      pendingTitle = line;
      continue;
    }
    if (text.startsWith('- ') || text === '-') {
      const body = normalizeSpace(text.slice(1));
      if (!current) {
        diagnostics.push(
          diagnostic({
            severity: 'error',
            code: 'extraction-health/misplaced-text',
            message: `bullet outside any behaviour: "${body}"`,
            file: display,
            line: line.line,
          }),
        );
        continue;
      }
      if (!body) {
        diagnostics.push(
          diagnostic({ severity: 'warning', code: 'extraction-health/missing-part', message: 'empty bullet', file: display, line: line.line, level }),
        );
        continue;
      }
      current.indicators.push({ text: body, polarity: 'effective', grade: null, source: where(line) });
      continue;
    }
    if (current && pendingTitle && current.intro === null && current.indicators.length === 0) {
      current.intro = { text, source: where(line) };
      continue;
    }
    if (/^These examples of behaviours give an overview/.test(text)) continue;
    if (current && current.indicators.length > 0) {
      // Prose after a behaviour's bullets ends the behaviours section (e.g. closing notes).
      current = null;
      pendingTitle = null;
    }
  }
  return { competencies, diagnostics };
};
