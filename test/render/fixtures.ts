import { CIVIL_SERVICE_GRADES } from '../../src/model/grades';
import { Framework, type GradeId, type Polarity } from '../../src/model/schema';

/**
 * Small frameworks shaped like the real ones the adapters produce, built in code: ODP core skills
 * (proficiency levels, no grades), ODP SCS (text written per grade at each proficiency level, an
 * Awareness level that is only a note) and effective/ineffective pairs (MMO 2014, CSCF 2012).
 * Texts are made of distinct words so that only the indicators meant to carry over look alike.
 */
const WORDS = (
  'agree allocate analyse anticipate appraise arrange assess assign audit balance brief budget build calibrate ' +
  'champion chart clarify coach collate commission compare compile consult convene coordinate cost counsel ' +
  'curate debate decide define delegate deliver design detect devise diagnose direct draft embed enable ' +
  'engage equip escalate estimate evaluate examine explain facilitate forecast frame gather govern guide ' +
  'harness host identify illustrate implement improve induct inform inspect integrate interpret interview ' +
  'join judge launch lead liaise listen log maintain manage map measure mediate mentor merge model monitor ' +
  'motivate negotiate nurture observe operate organise outline oversee pace partner pilot plan prepare ' +
  'prioritise probe procure profile promote propose protect publish quantify question rank rate reconcile ' +
  'record recruit reflect refine regulate reinforce report represent research resolve review reward ' +
  'safeguard schedule scope screen secure select sequence shape share simplify solve sponsor staff steer ' +
  'structure summarise supervise support survey sustain synthesise target teach test trace track train ' +
  'translate trial tune validate value verify visit weigh welcome widen write'
).split(' ');

function sentence(seed: number): string {
  let x = seed * 2654435761 + 1013904223;
  const words: string[] = [];
  while (words.length < 9) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const w = WORDS[x % WORDS.length]!;
    if (!words.includes(w)) words.push(w);
  }
  return `${words.join(' ')} across the service`;
}

const SOURCE = { file: 'synthetic.txt', line: 1, page: null };
const SHA = 'a'.repeat(64);

interface IndicatorSpec {
  text: string;
  polarity: Polarity;
  grade?: GradeId;
}

function indicators(competency: string, level: string, specs: IndicatorSpec[]) {
  const counters: Record<string, number> = {};
  return specs.map((s) => {
    const key = `${s.grade ?? ''}${s.polarity[0]}`;
    counters[key] = (counters[key] ?? 0) + 1;
    return { id: `${competency}.${level}.${key}${counters[key]}`, text: s.text, polarity: s.polarity, grade: s.grade ?? null, source: SOURCE };
  });
}

function base(id: string, title: string) {
  return {
    id,
    title,
    publisher: 'Synthetic Publisher',
    edition: 'Test edition',
    date: '2023-06',
    licence: 'Open Government Licence v3.0',
    url: null,
    sources: [{ file: 'synthetic.txt', sha256: SHA, format: 'text' as const }],
    grades: CIVIL_SERVICE_GRADES,
  };
}

/** Like odp-core-skills: Awareness to Expert, no grades, neutral indicators; one carries from Working to Practitioner. */
export function odpCoreSkillsLike(): Framework {
  const levels = ['awareness', 'working', 'practitioner', 'expert'];
  let seed = 100;
  return Framework.parse({
    ...base('synthetic-odp-core', 'Synthetic core skills'),
    levels: levels.map((id, i) => ({ id, label: id[0]!.toUpperCase() + id.slice(1), order: i + 1, grades: [] })),
    competencies: ['Delivery focus', 'Customer insight'].map((title, ci) => {
      const id = title.toLowerCase().replace(/ /g, '-');
      const shared = sentence(seed++);
      return {
        id,
        title,
        cluster: null,
        description: `What ${title.toLowerCase()} means: ${sentence(seed++)}.`,
        source: SOURCE,
        levels: levels.map((level) => {
          const own = [1, 2].map(() => ({ text: sentence(seed++), polarity: 'neutral' as const }));
          const withShared = level === 'working' || (level === 'practitioner' && ci === 0) ? [{ text: shared, polarity: 'neutral' as const }, ...own] : own;
          return { level, note: null, intro: null, indicators: indicators(id, level, withShared) };
        }),
      };
    }),
  });
}

/** Like odp-scs-capabilities: Working to Expert each written for SCS1, SCS2 and SCS3; Awareness a note. */
export function odpScsLike(): Framework {
  const grades: GradeId[] = ['scs1', 'scs2', 'scs3'];
  const levels = ['awareness', 'working', 'practitioner', 'expert'];
  let seed = 500;
  return Framework.parse({
    ...base('synthetic-odp-scs', 'Synthetic SCS capabilities'),
    levels: levels.map((id, i) => ({ id, label: id[0]!.toUpperCase() + id.slice(1), order: i + 1, grades: id === 'awareness' ? [] : grades })),
    competencies: ['Power of connections', 'Commercial edge'].map((title) => {
      const id = title.toLowerCase().replace(/ /g, '-');
      // SCS1's first Working indicator is repeated at Practitioner: it carries over.
      const carried = sentence(seed++);
      const written = (level: string, grade: GradeId) => {
        const own = [1, 2].map(() => ({ text: sentence(seed++), polarity: 'neutral' as const, grade }));
        return grade === 'scs1' && (level === 'working' || level === 'practitioner') ? [{ text: carried, polarity: 'neutral' as const, grade }, ...own] : own;
      };
      return {
        id,
        title,
        cluster: 'Senior capabilities',
        description: `${title}: ${sentence(seed++)}.`,
        source: SOURCE,
        levels: levels.map((level) =>
          level === 'awareness'
            ? { level, note: 'Awareness is not required at SCS: the minimum expectation is Working.', intro: null, indicators: [] }
            : {
                level,
                note: null,
                intro: null,
                indicators: indicators(
                  id,
                  level,
                  grades.flatMap((grade) => written(level, grade)),
                ),
              },
        ),
      };
    }),
  });
}

/** Like mmo-2014: levels 1 to 3 with grades, effective and ineffective indicators; one of each carries up a level. */
export function effectiveIneffectiveLike(): Framework {
  const levels = [
    { id: '1', label: 'Level 1: AA and AO', order: 1, grades: ['aa', 'ao'] },
    { id: '2', label: 'Level 2: EO', order: 2, grades: ['eo'] },
    { id: '3', label: 'Level 3: HEO and SEO', order: 3, grades: ['heo', 'seo'] },
  ];
  let seed = 900;
  return Framework.parse({
    ...base('synthetic-effective', 'Synthetic effective and ineffective framework'),
    levels,
    competencies: ['Managing a quality service', 'Leading and communicating', 'Collaborating and partnering'].map((title) => {
      const id = title.toLowerCase().replace(/ /g, '-');
      const sharedEffective = sentence(seed++);
      const sharedIneffective = sentence(seed++);
      return {
        id,
        title,
        cluster: 'Delivering results',
        description: `${title}: ${sentence(seed++)}.`,
        source: SOURCE,
        levels: levels.map((l) => ({
          level: l.id,
          note: null,
          intro: { text: `Effective and ineffective behaviours at ${l.label}:`, source: SOURCE },
          indicators: indicators(id, l.id, [
            ...(l.id !== '3' ? [{ text: sharedEffective, polarity: 'effective' as const }] : []),
            ...[1, 2, 3].map(() => ({ text: sentence(seed++), polarity: 'effective' as const })),
            ...(l.id !== '1' ? [{ text: sharedIneffective, polarity: 'ineffective' as const }] : []),
            ...[1, 2].map(() => ({ text: sentence(seed++), polarity: 'ineffective' as const })),
          ]),
        })),
      };
    }),
  });
}

/** Like cscf-2012-sms1: one level (5, SCS1), effective and ineffective. */
export function singleLevelLike(): Framework {
  let seed = 1300;
  return Framework.parse({
    ...base('synthetic-sms1', 'Synthetic SMS 1 framework'),
    levels: [{ id: '5', label: 'Level 5: SMS 1 (Deputy Director)', order: 5, grades: ['scs1'] }],
    competencies: ['Seeing the big picture', 'Making effective decisions'].map((title) => {
      const id = title.toLowerCase().replace(/ /g, '-');
      return {
        id,
        title,
        cluster: null,
        description: null,
        source: SOURCE,
        levels: [
          {
            level: '5',
            note: null,
            intro: null,
            indicators: indicators(id, '5', [
              ...[1, 2, 3].map(() => ({ text: sentence(seed++), polarity: 'effective' as const })),
              ...[1, 2].map(() => ({ text: sentence(seed++), polarity: 'ineffective' as const })),
            ]),
          },
        ],
      };
    }),
  });
}

/** Source text that tries to be markup, a file load and a template. */
export const HOSTILE_TEXTS = {
  script: 'plan work <script>document.title="owned"</script> with care',
  image: 'share files <img src="file:///etc/passwd" alt="passwd"> openly',
  template: 'reply to {{x}} and {{{y}}} in time',
  style: 'close </style><style>body{display:none}</style> gaps',
} as const;

/** An effective/ineffective framework whose text, titles and metadata carry hostile strings: every level has each of them. */
export function hostileFramework(): Framework {
  const f = effectiveIneffectiveLike();
  const texts = Object.values(HOSTILE_TEXTS);
  return Framework.parse({
    ...f,
    title: `Hostile <img src="file:///etc/hosts"> framework {{x}}`,
    publisher: 'Publisher <script>alert(1)</script>',
    competencies: f.competencies.map((c, ci) => ({
      ...c,
      title: ci === 0 ? 'Title <b>bold</b> {{x}}' : c.title,
      description: ci === 0 ? HOSTILE_TEXTS.image : c.description,
      levels: c.levels.map((l) => ({
        ...l,
        indicators: l.indicators.map((i, ii) => (ci === 0 && ii >= 1 && ii <= texts.length ? { ...i, text: `${texts[ii - 1]!} (level ${l.level})` } : i)),
      })),
    })),
  });
}
