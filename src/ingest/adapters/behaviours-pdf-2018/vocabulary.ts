import type { GradeId } from '../../../model/schema';
import { normalizeSpace } from '../../../model/text';

/** The nine Civil Service Behaviours, in the order the document presents them. */
export const BEHAVIOUR_TITLES = [
  'Seeing the Big Picture',
  'Changing and Improving',
  'Making Effective Decisions',
  'Leadership',
  'Communicating and Influencing',
  'Working Together',
  'Developing Self and Others',
  'Managing a Quality Service',
  'Delivering at Pace',
] as const;

const titleKey = (text: string) => normalizeSpace(text).toLowerCase();
const TITLES_BY_KEY = new Map(BEHAVIOUR_TITLES.map((t) => [titleKey(t), t]));

/** The behaviour a heading names, or null. */
export function behaviourTitle(text: string): string | null {
  return TITLES_BY_KEY.get(titleKey(text)) ?? null;
}

/** "Level 1 - AA and AO or equivalent": the level number and the grades it names. */
export const LEVEL_HEADING = /^Level\s*(\d+)\s*[-–—]\s*(.+)$/;
export const LEVEL_INTRO = /^Examples of behaviours at this level are:?$/;
export const DEFINITIONS_HEADING = /^Definitions of Behaviours$/i;
/** Page furniture: "Civil Service Behaviours - Level 1 | 1", "Civil Service Behaviours | iii". */
export const FOOTER = /^Civil Service Behaviours(?:\s*[-–]\s*Level\s*(\d+))?\s*\|\s*([0-9]+|[ivxlc]+)$/i;

/** How a level heading writes each grade; "6" alone counts in "Grade 7 and 6". */
const GRADE_NAMES: Record<GradeId, RegExp> = {
  aa: /\bAA\b/,
  ao: /\bAO\b/,
  eo: /\bEO\b/,
  heo: /\bHEO\b/,
  seo: /\bSEO\b/,
  g7: /\bGrade\s*7\b/i,
  g6: /\b(?:Grade\s*)?6\b/i,
  scs1: /\bDeputy Director\b|\bSCS\s*1\b/i,
  scs2: /(?<!Deputy )\bDirector\b(?! General)|\bSCS\s*2\b/i,
  scs3: /\bDirector General\b|\bSCS\s*3\b/i,
};

/** Grades a heading should name but does not, and grades it names that belong elsewhere. */
export function gradeMismatch(heading: string, expected: readonly GradeId[]): { missing: GradeId[]; unexpected: GradeId[] } {
  const named = (Object.keys(GRADE_NAMES) as GradeId[]).filter((g) => GRADE_NAMES[g].test(heading));
  return {
    missing: expected.filter((g) => !named.includes(g)),
    unexpected: named.filter((g) => !expected.includes(g)),
  };
}
