import { append } from '../../model/arrays';
import { Document, HeightRule, Paragraph, Table, TableRow, TableCell, TextRun, WidthType, type FileChild } from 'docx';
import type { Config } from '../../config/config';
import { GradepackError } from '../../model/errors';
import type { PackView } from '../../model/pack-view';
import { evidenceOutline, type EvidenceCompetency, type EvidenceOutline, type EvidenceSection } from '../forms/form-model';
import { heading, indicatorBullets, leadIn, para, sourceLine, strong, title } from './blocks';
import { packDocx } from './deterministic-docx';
import { documentFooter, documentProperties, documentStyles, externalStyles, TABLE_STYLE } from './document-style';
import { PAGE } from './page';

/**
 * The Word evidence template for one pack (output/templates/<grade>/<framework>.docx): a title
 * block, guidance on the STAR method, then for each competency its description, the indicators
 * at the pack's grade or level as guidance, and a STAR table with space to write.
 */

export interface StarPart {
  name: 'Situation' | 'Task' | 'Action' | 'Result';
  prompt: string;
  /** Minimum height of the space to write, in twentieths of a point. */
  space: number;
}

export const STAR_PARTS: StarPart[] = [
  { name: 'Situation', prompt: 'Set the scene. Where were you, when did it happen and who was involved?', space: 1000 },
  { name: 'Task', prompt: 'What did you need to achieve, and what was your part in it?', space: 1000 },
  { name: 'Action', prompt: 'What did you do, how and why? Say \u201cI\u201d, not \u201cwe\u201d. This should be the longest part.', space: 3000 },
  { name: 'Result', prompt: 'What happened as a result, how do you know, and what did you learn?', space: 1000 },
];

export interface RenderDate {
  /** The document date, documentDate().instant from src/pipeline/document-date.ts; never the clock. */
  date: Date;
}

export async function renderEvidenceTemplate(view: PackView, config: Pick<Config, 'wordsPerExample'>, { date }: RenderDate): Promise<Uint8Array> {
  const words = wordsPerExample(config);
  return packDocx(evidenceTemplateDocument(evidenceOutline(view), words), date);
}

/** The document before packing; exported for tests that look at its parts. */
export function evidenceTemplateDocument(outline: EvidenceOutline, words: number): Document {
  const name = `Evidence template: ${outline.targetLabel} (${outline.frameworkTitle})`;
  return new Document({
    ...documentProperties({
      title: name,
      subject: `STAR evidence template for ${outline.targetLabel}`,
      description: `Made by gradepack from ${outline.frameworkTitle} (${outline.edition}), published by ${outline.publisher}.`,
      keywords: [outline.frameworkId, outline.targetKey, 'evidence template', 'STAR'],
    }),
    externalStyles: externalStyles(),
    styles: documentStyles(),
    sections: [
      {
        properties: { page: PAGE },
        footers: { default: documentFooter(outline.frameworkTitle, outline.targetLabel) },
        children: [
          title(`Evidence template: ${outline.targetLabel}`),
          sourceLine(outline),
          ...starGuidance(words, outline.targetNoun),
          ...outline.competencies.flatMap((c) => competencyBlock(c, outline, words)),
        ],
      },
    ],
  });
}

export function wordsPerExample(config: Pick<Config, 'wordsPerExample'>): number {
  const words = config.wordsPerExample;
  if (!Number.isInteger(words) || words < 1) {
    throw new GradepackError(
      'ConfigInvalid',
      `wordsPerExample: ${String(words)} is not a whole number of words above 0.`,
      {},
      'Set wordsPerExample in gradepack.config.json, e.g. 250.',
    );
  }
  return words;
}

export function wordGuidance(words: number): string {
  return `Aim for about ${words} words for each example.`;
}

function starGuidance(words: number, noun: 'grade' | 'level'): FileChild[] {
  return [
    heading('How to use this template', 1),
    para(
      noun === 'grade'
        ? 'Write one example for each behaviour, showing that you already do what is expected at the grade you are applying for. Use the STAR method:'
        : 'Write one example for each skill, showing that you already do what is expected at the level you are aiming for. Use the STAR method:',
    ),
    ...STAR_PARTS.map((p) => leadIn(`${p.name}: `, p.prompt)),
    para(`${wordGuidance(words)} Keep the situation and task short and spend most of your words on what you did. Choose recent examples where you can.`),
  ];
}

function competencyBlock(c: EvidenceCompetency, outline: EvidenceOutline, words: number): FileChild[] {
  return [
    heading(c.title, 1),
    ...(c.description ? [para(c.description)] : []),
    heading(`What this looks like at ${outline.targetLabel}`, 2),
    ...c.sections.flatMap((s) => sectionGuidance(s)),
    heading('Your example', 2),
    // Kept with the table's first row, so the heading and its guidance never end a page alone.
    new Paragraph({ text: wordGuidance(words), keepNext: true }),
    starTable(),
  ];
}

function sectionGuidance(s: EvidenceSection): FileChild[] {
  const blocks: FileChild[] = [];
  if (s.heading) blocks.push(heading(s.heading, 3));
  if (s.note) blocks.push(para(s.note));
  if (s.groups.length > 0 && s.intro) blocks.push(para(s.intro));
  for (const g of s.groups) {
    if (g.heading) blocks.push(s.heading ? leadIn(g.heading, '') : heading(g.heading, 3));
    append(blocks, indicatorBullets(g.items.map((i) => i.indicator)));
  }
  return blocks;
}

/** A row with the prompt, then a row of space to write, for each part of STAR. */
function starTable(): Table {
  const rows = STAR_PARTS.flatMap((p) => [
    new TableRow({
      cantSplit: true,
      children: [new TableCell({ children: [new Paragraph({ keepNext: true, children: [strong(`${p.name}: `), new TextRun(p.prompt)] })] })],
    }),
    new TableRow({
      height: { value: p.space, rule: HeightRule.ATLEAST },
      children: [new TableCell({ children: [new Paragraph('')] })],
    }),
  ]);
  return new Table({ style: TABLE_STYLE, width: { size: 100, type: WidthType.PERCENTAGE }, rows });
}
