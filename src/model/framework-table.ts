import type { Framework } from './schema';

/**
 * A framework as a table, one row per indicator: the columns of the CSV and XLSX exports, and what
 * the spreadsheet adapter reads back (where only competency, level and indicator are required).
 * A level with a note or intro and no indicators is one row with an empty indicator; an empty
 * level has no row.
 */
export const TABLE_COLUMNS = [
  { key: 'framework', header: 'Framework', width: 16 },
  { key: 'competencyId', header: 'Competency id', width: 24 },
  { key: 'competency', header: 'Competency', width: 28 },
  { key: 'cluster', header: 'Cluster', width: 16 },
  { key: 'description', header: 'Description', width: 40 },
  { key: 'levelId', header: 'Level id', width: 10 },
  { key: 'level', header: 'Level', width: 28 },
  { key: 'grades', header: 'Grades', width: 10 },
  { key: 'intro', header: 'Intro', width: 40 },
  { key: 'note', header: 'Level note', width: 24 },
  { key: 'polarity', header: 'Polarity', width: 12 },
  { key: 'grade', header: 'Grade', width: 8 },
  { key: 'indicatorId', header: 'Indicator id', width: 30 },
  { key: 'indicator', header: 'Indicator', width: 80 },
  { key: 'sourceFile', header: 'Source file', width: 24 },
  { key: 'sourceLine', header: 'Source line', width: 8 },
  { key: 'sourcePage', header: 'Source page', width: 8 },
  { key: 'corrected', header: 'Corrected', width: 40 },
] as const;

export type TableColumn = (typeof TABLE_COLUMNS)[number]['key'];
export type TableRow = Record<TableColumn, string | number | null>;

/** Grades in a cell: "aa, ao". */
export const formatGrades = (grades: readonly string[]) => grades.join(', ');

export function frameworkRows(framework: Framework): TableRow[] {
  const levels = new Map(framework.levels.map((l) => [l.id, l]));
  const rows: TableRow[] = [];
  for (const c of framework.competencies) {
    for (const cl of c.levels) {
      const level = levels.get(cl.level);
      const base = {
        framework: framework.id,
        competencyId: c.id,
        competency: c.title,
        cluster: c.cluster,
        description: c.description,
        levelId: cl.level,
        level: level?.label ?? cl.level,
        grades: formatGrades(level?.grades ?? []),
        intro: cl.intro?.text ?? null,
        note: cl.note,
      };
      const empty = { polarity: null, grade: null, indicatorId: null, indicator: null, sourceFile: null, sourceLine: null, sourcePage: null, corrected: null };
      // A level with nothing in it (an extraction gap) has no row: a row needs an indicator, a note or an intro.
      if (cl.indicators.length === 0 && (cl.note || cl.intro)) rows.push({ ...base, ...empty });
      for (const i of cl.indicators) {
        rows.push({
          ...base,
          polarity: i.polarity,
          grade: i.grade,
          indicatorId: i.id,
          indicator: i.text,
          sourceFile: i.source.file,
          sourceLine: i.source.line,
          sourcePage: i.source.page,
          corrected: i.corrected ? `${i.corrected.kind}: ${i.corrected.reason}${i.corrected.original ? ` (was: ${i.corrected.original})` : ''}` : null,
        });
      }
    }
  }
  return rows;
}
