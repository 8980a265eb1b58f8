/**
 * Level labels ("Level 6 (CEO)" ... "Level 1 (AO or equiv)") as the conversion left them: split
 * across cells at any character ("Leve" | "l 6 (CEO)", "Level 4 (Gr" | "ade 6 & 7)"), cut short
 * ("Level 5 (Di"), with OCR errors in the grade ("(AC or equiv)", "(HEC & SEO"), "l" read as "1" or
 * "I", or with the "Level N" part lost (", | & SEO or equiv)", "(Directors)").
 */
export interface LevelLabel {
  level: string;
  /** The label as read, cells joined. */
  text: string;
  /** Why the label is not as printed in the framework, when it is not. */
  problem: string | null;
}

/** The grade each level names, as the framework prints it. */
const GRADE_NAMES: Record<string, string[]> = {
  '6': ['(CEO)'],
  '5': ['(Directors)'],
  '4': ['(Grade 6 & 7)'],
  '3': ['(HEO & SEO or equiv)'],
  '2': ['(EO or equiv)'],
  '1': ['(AO or equiv)', '(AO)'],
};

/** Grade names alone, as left when the "Level N" part of a label is lost. */
const GRADE_ONLY: { level: string; pattern: RegExp }[] = [
  { level: '6', pattern: /^\(?CEO\)?$/i },
  { level: '5', pattern: /^\(?Directors\)?$/i },
  { level: '4', pattern: /^\(?Grade6&7\)?$/i },
  { level: '3', pattern: /^[,.]*\(?(?:HEO)?&SEOorequiv\)?$/i },
  { level: '2', pattern: /^\(?EOorequiv\)?$/i },
  { level: '1', pattern: /^\(?AO(?:orequiv)?\)?$/i },
];

const compact = (text: string) => text.replace(/[•·]/g, '').replace(/\s+/g, '');

export function readLevelLabel(cells: string[]): LevelLabel | null {
  const text = joinCells(cells);
  if (!text || text.length > 60) return null;
  const squeezed = compact(text);
  const numbered = /^Leve[l1Ii|]([1-6])(\(.*)?$/i.exec(squeezed);
  if (numbered) {
    const level = numbered[1]!;
    const grade = numbered[2] ?? '';
    if (grade.length > 24) return null;
    const expected = GRADE_NAMES[level]!;
    const matches = grade === '' || expected.some((name) => compact(name).toLowerCase().startsWith(grade.toLowerCase()));
    const spelledLevel = /^Level/i.test(squeezed);
    const problems = [spelledLevel ? null : `"Level" is misread`, matches ? null : `the grade is misread (the framework prints "${expected[0]}")`].filter(
      Boolean,
    );
    return { level, text, problem: problems.length ? problems.join('; ') : null };
  }
  const gradeOnly = GRADE_ONLY.find((g) => g.pattern.test(squeezed));
  if (gradeOnly) return { level: gradeOnly.level, text, problem: 'the "Level N" part of the label is lost' };
  return null;
}

/**
 * Joins a label's cells. Where the conversion split a label it sometimes wrote the character at
 * the split twice ("Level 3 (HEO & S" | "SEO or equiv)", "Level 1 (" | "( AO )"): once is kept.
 */
function joinCells(cells: string[]): string {
  let out = '';
  for (const cell of cells.map((c) => c.replace(/\s+/g, ' ').trim()).filter(Boolean)) {
    if (!out) out = cell;
    else if (out.slice(-1) === cell[0] && /[A-Za-z(]/.test(cell[0]!)) out += cell.slice(1);
    else out += ` ${cell}`;
  }
  return out;
}
