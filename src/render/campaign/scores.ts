import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import type { RatingLevel } from '../../config/config';
import { GradepackError } from '../../model/errors';
import { behavioursAt, type Stage, type VacancyView } from '../../model/vacancy-view';
import { withCoreDates, zipDeterministic } from '../docx/deterministic-docx';
import { gradeLabel, OUTCOMES } from './assessment-form';

/**
 * The score sheet of a vacancy: scores.xlsx (exceljs) and scores.csv, a row per candidate and a
 * column per behaviour and stage. In the workbook, score cells accept only whole numbers on the
 * scale (1-7 by default), each stage's total and the lead behaviour's score (the usual tie-break)
 * are formulas, the outcomes are lists, and the header row has filters, so the panel can sort
 * into merit order. Same input, same bytes: the package's dates come from the document date and
 * it is zipped again in a fixed order.
 */

export interface ScoreCandidate {
  number: string;
  name: string | null;
}

interface Column {
  header: string;
  key: string;
  width: number;
  kind: 'number' | 'name' | 'score' | 'total' | 'lead' | 'outcome';
  stage?: Stage;
}

const STAGE_WORD: Record<Stage, string> = { application: 'sift', interview: 'interview' };

export function scoreColumns(view: VacancyView): Column[] {
  const columns: Column[] = [
    { header: 'Candidate number', key: 'number', width: 18, kind: 'number' },
    { header: 'Name', key: 'name', width: 28, kind: 'name' },
  ];
  const stages = (['application', 'interview'] as const).filter((s) => behavioursAt(view, s).length > 0);
  for (const stage of stages) {
    for (const b of behavioursAt(view, stage)) {
      columns.push({ header: `${b.title} (${STAGE_WORD[stage]})`, key: `${b.id}.${stage}`, width: Math.min(40, b.title.length + 12), kind: 'score', stage });
    }
    columns.push({ header: `${STAGE_WORD[stage] === 'sift' ? 'Sift' : 'Interview'} total`, key: `total.${stage}`, width: 16, kind: 'total', stage });
  }
  const lead = view.behaviours.find((b) => b.lead)!;
  const leadStage = lead.stages.includes('application') ? 'application' : 'interview';
  columns.push({ header: `Lead behaviour: ${lead.title} (${STAGE_WORD[leadStage]})`, key: 'lead', width: 30, kind: 'lead', stage: leadStage });
  for (const stage of stages) {
    columns.push({ header: `${STAGE_WORD[stage] === 'sift' ? 'Sift' : 'Interview'} outcome`, key: `outcome.${stage}`, width: 24, kind: 'outcome', stage });
  }
  return columns;
}

/** Rows of the workbook to which validation applies beyond the candidates, for candidates added by hand. */
const SPARE_ROWS = 100;

export async function renderScoresXlsx(view: VacancyView, scale: RatingLevel[], candidates: ScoreCandidate[], options: { date: Date }): Promise<Uint8Array> {
  const columns = scoreColumns(view);
  const letter = (key: string) => columnLetter(columns.findIndex((c) => c.key === key) + 1);
  const min = scale[0]!.value;
  const max = scale[scale.length - 1]!.value;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'gradepack';
  workbook.lastModifiedBy = 'gradepack';
  workbook.title = `Scores: ${view.title} (${view.reference})`;
  workbook.subject = view.campaign;
  workbook.created = options.date;
  workbook.modified = options.date;
  workbook.calcProperties.fullCalcOnLoad = true;

  const sheet = workbook.addWorksheet('Scores', { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };

  const lastRow = candidates.length + 1;
  candidates.forEach((candidate, i) => {
    const row = sheet.getRow(i + 2);
    row.getCell('number').value = candidate.number;
    row.getCell('name').value = candidate.name ?? '';
    for (const c of columns) {
      if (c.kind === 'total') {
        const scores = columns.filter((s) => s.kind === 'score' && s.stage === c.stage).map((s) => `${letter(s.key)}${i + 2}`);
        row.getCell(c.key).value = { formula: `IF(COUNT(${scores.join(',')})=0,"",SUM(${scores.join(',')}))` };
      } else if (c.kind === 'lead') {
        const lead = view.behaviours.find((b) => b.lead)!;
        const cell = `${letter(`${lead.id}.${c.stage}`)}${i + 2}`;
        row.getCell(c.key).value = { formula: `IF(${cell}="","",${cell})` };
      }
    }
  });
  const through = Math.max(lastRow, 1) + SPARE_ROWS;
  // exceljs has range validations at run time, but its type definitions lack them.
  const validations = (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations;
  for (const c of columns) {
    const range = `${letter(c.key)}2:${letter(c.key)}${through}`;
    if (c.kind === 'score') {
      validations.add(range, {
        type: 'whole',
        operator: 'between',
        allowBlank: true,
        formulae: [min, max],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: 'Score',
        error: `Enter a whole number from ${min} to ${max}.`,
        showInputMessage: true,
        promptTitle: 'Score',
        prompt: scalePrompt(scale, min, max),
      });
    } else if (c.kind === 'outcome') {
      validations.add(range, {
        type: 'list',
        allowBlank: true,
        formulae: [`"${OUTCOMES[c.stage!].map((o) => o.label).join(',')}"`],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: 'Outcome',
        error: `Choose: ${OUTCOMES[c.stage!].map((o) => o.label).join(' or ')}.`,
      });
    }
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };

  const about = workbook.addWorksheet('About');
  about.columns = [
    { header: 'About this sheet', key: 'a', width: 32 },
    { header: '', key: 'b', width: 90 },
  ];
  about.getRow(1).font = { bold: true };
  const lead = view.behaviours.find((b) => b.lead)!;
  for (const [a, b] of [
    ['Campaign', view.campaign],
    ['Vacancy', `${view.title} (${view.reference})`],
    ['Grade', gradeLabel(view)],
    ['Framework', `${view.framework.title}, ${view.framework.edition}`],
    ['Lead behaviour', `${lead.title}: its score is the usual tie-break.`],
    ['Merit order', 'Sort by the total of the stage, then by the lead behaviour, both largest to smallest (Data > Sort).'],
    ['Scores', `Whole numbers from ${min} to ${max}:`],
    ...scale.map((l) => [`${l.value} ${l.label}`, l.description ?? '']),
  ] as [string, string][]) {
    about.addRow({ a, b });
  }

  const packed = new Uint8Array(await workbook.xlsx.writeBuffer());
  return normaliseXlsx(packed, options.date);
}

/** The package's dates set from the document date, zipped again in a fixed order. */
function normaliseXlsx(xlsx: Uint8Array, date: Date): Uint8Array {
  const parts = unzipSync(xlsx);
  const core = parts['docProps/core.xml'];
  if (!core) throw new GradepackError('RenderFailed', 'The workbook has no docProps/core.xml.', {}, 'exceljs may have changed how it writes workbooks.');
  parts['docProps/core.xml'] = strToU8(withCoreDates(strFromU8(core), date));
  return zipDeterministic(parts, date);
}

export function renderScoresCsv(view: VacancyView, candidates: ScoreCandidate[]): Uint8Array {
  const columns = scoreColumns(view);
  const rows = candidates.map((c) => columns.map((col) => (col.kind === 'number' ? c.number : col.kind === 'name' ? (c.name ?? '') : '')));
  // A cell that starts like a formula is written as text, so a spreadsheet never runs a name.
  const safe = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);
  return new TextEncoder().encode(stringify([columns.map((c) => c.header), ...rows.map((r) => r.map(safe))], { record_delimiter: 'windows' }));
}

/** Excel refuses an input message over 255 characters (it reports the workbook as damaged). */
function scalePrompt(scale: RatingLevel[], min: number, max: number): string {
  const full = scale.map((l) => `${l.value} ${l.label}`).join('; ');
  return full.length <= 255 ? full : `A whole number from ${min} to ${max}: see the About sheet.`;
}

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
