import type { Framework, Grade, GradeId } from './schema';

/** The Civil Service grade ladder, lowest first: the default of sources/registry.json's `grades`. */
export const CIVIL_SERVICE_GRADES: Grade[] = [
  { id: 'aa', label: 'Administrative Assistant (AA)', short: 'AA', names: ['administrative assistant', 'aa'] },
  { id: 'ao', label: 'Administrative Officer (AO)', short: 'AO', names: ['administrative officer', 'ao'] },
  { id: 'eo', label: 'Executive Officer (EO)', short: 'EO', names: ['executive officer', 'eo'] },
  { id: 'heo', label: 'Higher Executive Officer (HEO)', short: 'HEO', names: ['higher executive officer', 'heo'] },
  { id: 'seo', label: 'Senior Executive Officer (SEO)', short: 'SEO', names: ['senior executive officer', 'seo'] },
  { id: 'g7', label: 'Grade 7', short: 'Grade 7', names: ['grade 7', 'g7'] },
  { id: 'g6', label: 'Grade 6', short: 'Grade 6', names: ['grade 6', 'g6'] },
  { id: 'scs1', label: 'Deputy Director (SCS1)', short: 'SCS1', names: ['deputy director', 'scs1', 'scs 1', 'sms1', 'sms 1'] },
  { id: 'scs2', label: 'Director (SCS2)', short: 'SCS2', names: ['director', 'scs2', 'scs 2', 'sms2', 'sms 2'] },
  { id: 'scs3', label: 'Director General (SCS3)', short: 'SCS3', names: ['director general', 'scs3', 'scs 3', 'sms3', 'sms 3'] },
];

/** A grade of the framework's ladder; an id the ladder lacks stands for itself. */
export function gradeOf(framework: Pick<Framework, 'grades'>, id: GradeId): Grade {
  return framework.grades.find((g) => g.id === id) ?? { id, label: id, short: id, names: [id] };
}

/** The framework's grades in ladder order. */
export function ladderOrder(framework: Pick<Framework, 'grades'>, ids: Iterable<GradeId>): GradeId[] {
  const wanted = new Set(ids);
  return framework.grades.map((g) => g.id).filter((id) => wanted.has(id));
}
