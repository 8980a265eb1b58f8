import { GradepackError } from '../../../model/errors';
import type { ExtractedCompetency, ExtractedIndicator, ExtractedLevel } from '../../../model/extracted';
import { TABLE_COLUMNS, type TableColumn } from '../../../model/framework-table';
import type { GradeId, Polarity, SourceRef } from '../../../model/schema';
import { slugify } from '../../../model/slug';
import type { FrameworkEntry } from '../../registry';
import type { RawTable } from './raw-table';

/** Header names read as each column (compared without case, spaces or punctuation). */
const ALIASES: Partial<Record<TableColumn, string[]>> = {
  competency: ['competencytitle', 'behaviour', 'capability', 'skill'],
  description: ['competencydescription'],
  level: ['levellabel'],
  grades: ['levelgrades'],
  note: ['note'],
  indicator: ['indicatortext', 'text'],
};
/** Columns of the export that describe where text came from; read back as nothing. */
const PROVENANCE = new Set<TableColumn>(['framework', 'sourceFile', 'sourceLine', 'sourcePage', 'corrected']);

const normaliseHeader = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, '');
const COMPETENCY_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const INDICATOR_ID = /^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*){2,}$/;

const HINT = `A framework table has a header row, then one row per indicator. Required columns: Competency, Level (or Level id), Indicator. Optional: ${TABLE_COLUMNS.filter(
  (c) => !['competency', 'level', 'indicator'].includes(c.key) && !PROVENANCE.has(c.key),
)
  .map((c) => c.header)
  .join(', ')}.`;

/**
 * A framework table (the CSV and XLSX exports' layout, or a sheet an organisation writes itself)
 * as extracted competencies. Only Competency, Level and Indicator are required; levels are the
 * registry's (by id or label). Every bad value is one SpreadsheetInvalid error at its cell.
 */
export function readFrameworkTable(table: RawTable, entry: FrameworkEntry, file: string): ExtractedCompetency[] {
  const columns = mapColumns(table);
  const fail = (row: number, column: number, detail: string, hint?: string): never => {
    throw new GradepackError('SpreadsheetInvalid', detail, table.at(row, column), hint);
  };
  const value = (row: RawTable['rows'][number], key: TableColumn) => {
    const c = columns.get(key);
    return c === undefined ? '' : (row.cells[c] ?? '');
  };
  const col = (key: TableColumn) => columns.get(key)!;

  const levelsById = new Map(entry.levels.map((l) => [l.id.toLowerCase(), l]));
  const levelsByLabel = new Map(entry.levels.map((l) => [normaliseLabel(l.label), l]));
  const levelList = entry.levels.map((l) => `${l.id} (${l.label})`).join(', ');

  interface Building {
    competency: ExtractedCompetency;
    firstRow: number;
    levels: Map<string, ExtractedLevel & { firstRow: number }>;
  }
  const byId = new Map<string, Building>();
  const titles = new Map<string, { id: string; row: number }>();
  const indicatorIds = new Map<string, number>();
  const where = (row: number): SourceRef => ({ file, line: row, page: null });

  const given = new Map<string, { value: string; row: number }>();
  /** A value that must be the same on every row that gives it (a competency's cluster, a level's intro): the first given, or null. */
  const consistent = (scope: string, row: RawTable['rows'][number], key: TableColumn, what: string): { value: string; row: number } | null => {
    const text = value(row, key);
    const first = given.get(`${scope}|${key}`);
    if (text && first && first.value !== text) {
      fail(row.number, col(key), `The ${what} differs from the one at ${table.describe(first.row, col(key))}.`, 'Give it once, or the same on every row.');
    }
    if (text && !first) given.set(`${scope}|${key}`, { value: text, row: row.number });
    return given.get(`${scope}|${key}`) ?? null;
  };

  for (const row of table.rows) {
    const n = row.number;
    const title = value(row, 'competency');
    if (!title) fail(n, col('competency'), 'The competency is empty.');
    const givenId = value(row, 'competencyId');
    if (givenId && !COMPETENCY_ID.test(givenId)) {
      fail(n, col('competencyId'), `"${givenId}" is not a competency id: lower-case letters, digits and single hyphens.`, 'Leave it empty to use the title.');
    }
    const id = givenId || slugify(title);
    if (!id) fail(n, col('competency'), `"${title}" has no letters or digits to make an id of.`);
    const seenTitle = titles.get(title);
    if (seenTitle && seenTitle.id !== id) {
      fail(
        n,
        col('competencyId'),
        `The competency "${title}" has the id "${seenTitle.id}" at ${table.describe(seenTitle.row, col('competencyId'))}, "${id}" here.`,
      );
    }
    titles.set(title, { id, row: n });
    let building = byId.get(id);
    if (!building) {
      building = { competency: { id, title, cluster: null, description: null, source: where(n), levels: [] }, firstRow: n, levels: new Map() };
      byId.set(id, building);
    } else if (building.competency.title !== title) {
      fail(
        n,
        col('competency'),
        `The competency with id "${id}" is titled "${building.competency.title}" at ${table.describe(building.firstRow, col('competency'))}.`,
      );
    }
    const competency = building.competency;
    competency.cluster = consistent(id, row, 'cluster', `cluster of "${title}"`)?.value ?? null;
    competency.description = consistent(id, row, 'description', `description of "${title}"`)?.value ?? null;

    const levelColumn = value(row, 'levelId') ? 'levelId' : 'level';
    const levelText = value(row, levelColumn);
    if (!levelText) fail(n, col(columns.has('levelId') && !columns.has('level') ? 'levelId' : levelColumn), 'The level is empty.');
    const level = levelsById.get(levelText.toLowerCase()) ?? levelsByLabel.get(normaliseLabel(levelText));
    if (!level) {
      fail(n, col(levelColumn), `"${levelText}" is not a level of ${entry.id}.`, `Levels in sources/registry.json: ${levelList}. Give the id or the label.`);
    }
    let cl = building.levels.get(level!.id);
    if (!cl) {
      cl = { level: level!.id, note: null, intro: null, indicators: [], firstRow: n };
      building.levels.set(level!.id, cl);
    }
    const intro = consistent(`${id}|${level!.id}`, row, 'intro', `intro of "${title}" at level ${level!.id}`);
    if (intro && !cl.intro) cl.intro = { text: intro.value, source: where(intro.row) };
    cl.note = consistent(`${id}|${level!.id}`, row, 'note', `note of "${title}" at level ${level!.id}`)?.value ?? null;

    const text = value(row, 'indicator');
    const indicatorId = value(row, 'indicatorId');
    if (!text) {
      // A level with a note and no indicators (e.g. "not required at this grade") is a row of its own.
      if ((value(row, 'note') || value(row, 'intro')) && !indicatorId && !value(row, 'polarity') && !value(row, 'grade')) continue;
      fail(
        n,
        col('indicator'),
        'The indicator text is empty.',
        'Write the indicator, or delete the row (only a row with a level note or intro may have no indicator).',
      );
    }
    const polarityText = value(row, 'polarity').toLowerCase();
    if (polarityText && !['effective', 'ineffective', 'neutral'].includes(polarityText)) {
      fail(n, col('polarity'), `"${value(row, 'polarity')}" is not a polarity.`, 'Use effective, ineffective or neutral (empty means neutral).');
    }
    const gradeText = value(row, 'grade').toLowerCase();
    if (gradeText && !level!.grades.includes(gradeText)) {
      fail(
        n,
        col('grade'),
        `"${value(row, 'grade')}" is not a grade of level ${level!.id} (${level!.grades.join(', ') || 'none'}).`,
        'Leave it empty unless the level is written per grade, as ODP SCS is.',
      );
    }
    if (indicatorId) {
      if (!INDICATOR_ID.test(indicatorId) || !indicatorId.startsWith(`${id}.${level!.id}.`)) {
        fail(
          n,
          col('indicatorId'),
          `"${indicatorId}" is not an indicator id of "${title}" at level ${level!.id}.`,
          `Ids start with "${id}.${level!.id}."; leave it empty for gradepack to number the indicator.`,
        );
      }
      const first = indicatorIds.get(indicatorId);
      if (first !== undefined)
        fail(
          n,
          col('indicatorId'),
          `The indicator id "${indicatorId}" is also at ${table.describe(first, col('indicatorId'))}.`,
          'Every indicator id must be unique; leave it empty for a new indicator.',
        );
      indicatorIds.set(indicatorId, n);
    }
    const indicator: ExtractedIndicator = {
      ...(indicatorId ? { id: indicatorId } : {}),
      text,
      polarity: (polarityText || 'neutral') as Polarity,
      grade: (gradeText || null) as GradeId | null,
      source: where(n),
    };
    cl.indicators.push(indicator);
  }

  const order = new Map(entry.levels.map((l, i) => [l.id, i]));
  return [...byId.values()].map(({ competency, levels }) => ({
    ...competency,
    levels: [...levels.values()].sort((a, b) => order.get(a.level)! - order.get(b.level)!).map(({ firstRow: _, ...l }) => l),
  }));
}

function normaliseLabel(label: string): string {
  return label.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Header cell to column; fails naming the header row when a required column is missing. */
function mapColumns(table: RawTable): Map<TableColumn, number> {
  const known = new Map<string, TableColumn>();
  for (const c of TABLE_COLUMNS) {
    known.set(normaliseHeader(c.header), c.key);
    for (const alias of ALIASES[c.key] ?? []) known.set(alias, c.key);
  }
  const columns = new Map<TableColumn, number>();
  table.header.forEach((header, i) => {
    const key = known.get(normaliseHeader(header));
    if (!key) return;
    if (columns.has(key)) {
      throw new GradepackError(
        'SpreadsheetInvalid',
        `The header "${header}" names the same column as "${table.header[columns.get(key)!]}" before it.`,
        table.at(1, i),
        'Rename or delete one of them.',
      );
    }
    columns.set(key, i);
  });
  const missing = [
    !columns.has('competency') && 'Competency',
    !columns.has('level') && !columns.has('levelId') && 'Level',
    !columns.has('indicator') && 'Indicator',
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new GradepackError(
      'SpreadsheetInvalid',
      `The header row has no ${missing.map((m) => `"${m}"`).join(' or ')} column (it has: ${table.header.filter(Boolean).join(', ') || 'nothing'}).`,
      table.headerAt(),
      HINT,
    );
  }
  return columns;
}
