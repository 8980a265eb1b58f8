import type { Config } from '../../config/config';
import { GradepackError } from '../../model/errors';
import type { IndicatorView, PackView, SectionView } from '../../model/pack-view';
import type { Polarity } from '../../model/schema';

/**
 * What an evidence form asks for, independent of its format: the fields, their names and their
 * accessible labels. The PDF form and the Word form are both drawn from this, so that a field
 * has the same name in both.
 *
 * Field names: `candidate`, `role`, `assessor`, `date`, `summary`; per competency
 * `<competency>.evidence.<n>` (n = the indicator's position in the competency's section of the
 * pack, from 1) and `<competency>.rating`. Where a pack spans several levels (ODP SCS: Working,
 * Practitioner and Expert at one grade), the level is part of the name:
 * `<competency>.<level>.evidence.<n>`.
 */

export interface RatingLevel {
  value: number;
  label: string;
  /** What the rating means, where the configuration says: printed with the scale. */
  description: string | null;
}

export interface FormField {
  /** Unique within the form; dots separate the parts of the name, as in a PDF field's full name. */
  name: string;
  /** Accessible name (a PDF field's /TU): says what to enter, with the indicator's words. */
  label: string;
  /** A short title, such as a Word content control's alias: "Seeing the big picture: evidence 3". */
  short: string;
}

export interface EvidenceItem {
  n: number;
  indicator: IndicatorView;
  field: FormField;
}

export interface PolarityGroup {
  polarity: Polarity;
  /** "Effective behaviours" etc.; null where a section has indicators of one kind and needs no heading. */
  heading: string | null;
  items: EvidenceItem[];
}

export interface EvidenceSection {
  level: string;
  levelLabel: string;
  /** Shown where the pack spans several levels. */
  heading: string | null;
  note: string | null;
  intro: string | null;
  groups: PolarityGroup[];
}

export interface EvidenceCompetency {
  id: string;
  title: string;
  description: string | null;
  sections: EvidenceSection[];
  rating: FormField;
}

/** The competencies, sections and fields of a pack: what the Word template and both forms are built on. */
export interface EvidenceOutline {
  frameworkId: string;
  frameworkTitle: string;
  publisher: string;
  edition: string;
  targetKey: string;
  targetLabel: string;
  /** "grade" or "level", for sentences such as "at this grade". */
  targetNoun: 'grade' | 'level';
  details: FormField[];
  competencies: EvidenceCompetency[];
  summary: FormField;
  /** Every field in document order (details, then each competency's evidence and rating, then the summary). */
  fields: FormField[];
}

export interface EvidenceForm extends EvidenceOutline {
  scale: RatingLevel[];
}

const detail = (name: string, label: string): FormField => ({ name, label, short: label });
const DETAIL_FIELDS: FormField[] = [
  detail('candidate', 'Candidate name'),
  detail('role', 'Role'),
  detail('assessor', 'Assessor name'),
  detail('date', 'Date of assessment'),
];
const SUMMARY_FIELD: FormField = { name: 'summary', label: 'Summary of evidence and overall assessment', short: 'Summary' };

const POLARITY_ORDER: Polarity[] = ['effective', 'neutral', 'ineffective'];
const POLARITY_HEADINGS: Record<Polarity, string> = {
  effective: 'Effective behaviours',
  neutral: 'Behaviours',
  ineffective: 'Ineffective behaviours',
};

/** The rating scale from the configuration, checked: at least one level, distinct values, labels. */
export function ratingScale(config: Pick<Config, 'ratingScale'>): RatingLevel[] {
  const scale = config.ratingScale ?? [];
  const problem =
    scale.length === 0
      ? 'it has no levels'
      : scale.find((l) => !Number.isInteger(l.value))
        ? 'every value must be a whole number'
        : scale.find((l) => typeof l.label !== 'string' || l.label.trim() === '')
          ? 'every level needs a label'
          : new Set(scale.map((l) => l.value)).size !== scale.length
            ? 'two levels have the same value'
            : null;
  if (problem) {
    throw new GradepackError(
      'ConfigInvalid',
      `ratingScale: ${problem}.`,
      {},
      'Give ratingScale in gradepack.config.json as a list of { "value": 1, "label": "Insufficient evidence" }, or leave it out for the Civil Service 1 to 7 scale.',
    );
  }
  return scale.map((l) => ({ value: l.value, label: l.label.trim(), description: descriptionOf(l) }));
}

/** A level's description, for configurations whose scale has them. */
function descriptionOf(level: object): string | null {
  const description = (level as { description?: unknown }).description;
  return typeof description === 'string' && description.trim() !== '' ? description.trim() : null;
}

/** The form for one pack, with the configured rating scale. */
export function evidenceForm(view: PackView, config: Pick<Config, 'ratingScale'>): EvidenceForm {
  const scale = ratingScale(config);
  return { ...evidenceOutline(view), scale };
}

/** Competencies with no indicators at the target are left out. */
export function evidenceOutline(view: PackView): EvidenceOutline {
  const multiLevel = view.target.levels.length > 1;
  const competencies = view.competencies
    .map(
      (c): EvidenceCompetency => ({
        id: c.id,
        title: c.title,
        description: c.description,
        sections: c.sections.map((s) => evidenceSection(c.id, c.title, s, multiLevel)),
        rating: { name: `${c.id}.rating`, label: `Rating for ${c.title}`, short: `${c.title}: rating` },
      }),
    )
    .filter((c) => c.sections.some((s) => s.groups.length > 0));
  const fields = [
    ...DETAIL_FIELDS,
    ...competencies.flatMap((c) => [...c.sections.flatMap((s) => s.groups.flatMap((g) => g.items.map((i) => i.field))), c.rating]),
    SUMMARY_FIELD,
  ];
  assertUniqueNames(fields, view);
  return {
    frameworkId: view.framework.id,
    frameworkTitle: view.framework.title,
    publisher: view.framework.publisher,
    edition: view.framework.edition,
    targetKey: view.target.key,
    targetLabel: view.target.label,
    targetNoun: view.target.kind === 'grade' ? 'grade' : 'level',
    details: DETAIL_FIELDS,
    competencies,
    summary: SUMMARY_FIELD,
    fields,
  };
}

function evidenceSection(competencyId: string, competencyTitle: string, section: SectionView, multiLevel: boolean): EvidenceSection {
  const prefix = multiLevel ? `${competencyId}.${section.level}` : competencyId;
  const ordered = POLARITY_ORDER.flatMap((p) => section.indicators.filter((i) => i.polarity === p));
  const present = POLARITY_ORDER.filter((p) => ordered.some((i) => i.polarity === p));
  const groups = present.map(
    (polarity): PolarityGroup => ({
      polarity,
      heading: present.length > 1 || polarity === 'ineffective' ? POLARITY_HEADINGS[polarity] : null,
      items: [],
    }),
  );
  ordered.forEach((indicator, index) => {
    const n = index + 1;
    const where = multiLevel ? `${competencyTitle}, ${section.levelLabel}` : competencyTitle;
    groups
      .find((g) => g.polarity === indicator.polarity)!
      .items.push({
        n,
        indicator,
        field: { name: `${prefix}.evidence.${n}`, label: `Evidence for ${where}, indicator ${n}: ${indicator.text}`, short: `${where}: evidence ${n}` },
      });
  });
  return {
    level: section.level,
    levelLabel: section.levelLabel,
    heading: multiLevel ? section.levelLabel : null,
    note: section.note,
    intro: section.intro?.text ?? null,
    groups,
  };
}

/**
 * Names must be unique, and no name may be the parent of another ("summary" and
 * "summary.evidence.1"): a PDF form reads dots as a hierarchy, and a field cannot be both.
 */
function assertUniqueNames(fields: FormField[], view: PackView): void {
  const names = new Set<string>();
  for (const { name } of fields) {
    if (names.has(name)) throw nameClash(name, view);
    names.add(name);
  }
  for (const name of names) {
    const parts = name.split('.');
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('.');
      if (names.has(parent)) throw nameClash(`${parent}" and "${name}`, view);
    }
  }
}

function nameClash(name: string, view: PackView): GradepackError {
  return new GradepackError(
    'RenderFailed',
    `The evidence form for ${view.framework.id} ${view.target.key} would have clashing field names "${name}".`,
    {},
    'Competency ids must differ from each other and from the form fields candidate, role, assessor, date and summary.',
  );
}
