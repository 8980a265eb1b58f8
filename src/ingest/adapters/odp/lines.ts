import { numberedLines } from '../../text';
import { normalizeSpace } from '../../../model/text';
import type { GradeId } from '../../../model/schema';

/** The proficiency levels of the ODP pages, in page order. */
export const ODP_LEVELS = ['awareness', 'working', 'practitioner', 'expert'] as const;
export type OdpLevel = (typeof ODP_LEVELS)[number];

export type ScsGrade = GradeId & ('scs1' | 'scs2' | 'scs3');
export type Part = 'core' | 'scs';

/** One line of an ODP page, classified by what it is on the page. */
export type Token = { line: number; text: string } & (
  | { kind: 'blank' }
  /** Tab strip and panel decoration: lone "-", level letters, tooltips, links. */
  | { kind: 'furniture' }
  /** A level's tab label ("AwarenessA") or heading ("Awareness ?Learn more about skills levels"). */
  | { kind: 'level'; level: OdpLevel }
  | { kind: 'grade'; grade: ScsGrade }
  /** "Learning Curriculum for <title>", which follows every skill's title and description. */
  | { kind: 'curriculum'; title: string }
  | { kind: 'section'; part: Part }
  | { kind: 'bullet'; body: string }
  | { kind: 'prose' }
);

const LEVEL_NAMES: Record<string, OdpLevel> = {
  awareness: 'awareness',
  working: 'working',
  practitioner: 'practitioner',
  expert: 'expert',
};

const SECTION_HEADINGS: Record<string, Part> = {
  'core odp skills': 'core',
  'seven core capabilities for scs roles': 'scs',
};

const FURNITURE = [
  /^-$/,
  /^[AWPE]$/,
  /^Learn more about skills levels$/i,
  // A link to the SCS learning offer, repeated under every SCS capability's description.
  /^Please see the SCS Offer for more learning information\.?$/i,
];

/** "AwarenessA" (tab label: the name followed by its initial) or "Awareness ?Learn more about skills levels". */
function levelOf(text: string): OdpLevel | null {
  const tab = /^(Awareness|Working|Practitioner|Expert)([AWPE])$/i.exec(text);
  if (tab && tab[1]![0]!.toUpperCase() === tab[2]!.toUpperCase()) return LEVEL_NAMES[tab[1]!.toLowerCase()]!;
  const heading = /^(Awareness|Working|Practitioner|Expert)\s*\?\s*Learn more about skills levels$/i.exec(text);
  if (heading) return LEVEL_NAMES[heading[1]!.toLowerCase()]!;
  return null;
}

export function classifyLine(line: number, raw: string): Token {
  const text = normalizeSpace(raw);
  if (!text) return { line, text, kind: 'blank' };
  if (FURNITURE.some((re) => re.test(text))) return { line, text, kind: 'furniture' };
  const level = levelOf(text);
  if (level) return { line, text, kind: 'level', level };
  const grade = /^SCS\s*([123])\s*:$/i.exec(text);
  if (grade) return { line, text, kind: 'grade', grade: `scs${grade[1]}` as ScsGrade };
  const curriculum = /^Learning Curriculum for\s+(.+)$/i.exec(text);
  if (curriculum) return { line, text, kind: 'curriculum', title: curriculum[1]! };
  const part = SECTION_HEADINGS[text.toLowerCase()];
  if (part) return { line, text, kind: 'section', part };
  const bullet = /^-\s+(.+)$/.exec(text);
  if (bullet) return { line, text, kind: 'bullet', body: bullet[1]! };
  return { line, text, kind: 'prose' };
}

export function tokenize(text: string): Token[] {
  return numberedLines(text).map((l) => classifyLine(l.line, l.text));
}
