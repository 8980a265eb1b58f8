import { CheckBox, Document, HeightRule, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, type FileChild } from 'docx';
import { behavioursAt, type VacancyBehaviourView, type VacancyView } from '../../model/vacancy-view';
import { bullet, heading, leadIn, para, strong, title } from '../docx/blocks';
import { contentControl, controlIds } from '../docx/content-controls';
import { packDocx } from '../docx/deterministic-docx';
import { documentFooter, documentProperties, documentStyles, externalStyles, TABLE_STYLE } from '../docx/document-style';
import { STAR_PARTS } from '../docx/evidence-template';
import { PAGE } from '../docx/page';
import { gradeLabel, type AssessmentField, type AssessmentForm } from './assessment-form';
import { listInWords } from './vacancy-pack';

/**
 * The Word documents of a vacancy, in Word's built-in styles like every gradepack document:
 * - statement.docx, the candidate's statement template: per application behaviour its
 *   indicators at the grade as guidance, STAR prompts, the word limit and a box to write in
 *   (a plain text content control tagged `<behaviour>.statement`);
 * - sift.docx and interview.docx, the assessment forms: the same fields as the PDF forms, as
 *   content controls tagged with the fields' names (drop-down lists for scores and the outcome,
 *   a check box for the declaration).
 */

const CONTENT_WIDTH = PAGE.size.width - PAGE.margin.left - PAGE.margin.right;
const LABEL_WIDTH = Math.round(CONTENT_WIDTH * 0.38);

export const STATEMENT_PLACEHOLDER = 'Click or tap to write your statement.';

export async function renderStatementDocx(view: VacancyView, options: { date: Date }): Promise<Uint8Array> {
  return packDocx(statementDocument(view), options.date);
}

export function statementDocument(view: VacancyView): Document {
  const nextId = controlIds();
  const grade = gradeLabel(view);
  const behaviours = behavioursAt(view, 'application');
  const children: FileChild[] = [
    title(`Statement template: ${view.title}`),
    para(`${view.campaign}. Vacancy ${view.reference}, ${grade}.`),
    heading('How to write your statements', 1),
    para(
      `Write one statement for each of these behaviours: ${listInWords(behaviours.map((b) => b.title))}. Each statement has a limit of ${view.words} words. Give one real example of something you did, using the STAR method:`,
    ),
    ...STAR_PARTS.map((p) => leadIn(`${p.name}: `, p.prompt)),
    para('Keep the situation and task short and spend most of your words on what you did. Choose recent examples where you can.'),
    ...behaviours.flatMap((b) => statementBlock(b, grade, view.words, nextId)),
  ];
  return new Document({
    ...documentProperties({
      title: `Statement template: ${view.title} (${view.reference})`,
      subject: `Application statements for vacancy ${view.reference}`,
      description: `Made by gradepack for ${view.campaign} from ${view.framework.title} (${view.framework.edition}).`,
      keywords: [view.reference, view.target.key, 'statement template', 'STAR'],
    }),
    externalStyles: externalStyles(),
    styles: documentStyles(),
    sections: [{ properties: { page: PAGE }, footers: { default: documentFooter(view.campaign, `${view.title} (${view.reference})`) }, children }],
  });
}

function statementBlock(b: VacancyBehaviourView, grade: string, words: number, nextId: () => number): FileChild[] {
  return [
    heading(`${b.title}${b.lead ? ' (lead behaviour)' : ''}`, 1),
    ...(b.description ? [para(b.description)] : []),
    heading(`What this looks like at ${grade}`, 2),
    ...indicatorBlocks(b),
    heading('Your statement', 2),
    para(`Up to ${words} words.`),
    ...STAR_PARTS.map((p) => leadIn(`${p.name}: `, p.prompt)),
    box(
      new Paragraph({
        children: [
          contentControl({
            kind: 'text',
            tag: `${b.id}.statement`,
            alias: `${b.title}: statement`,
            id: nextId(),
            placeholder: STATEMENT_PLACEHOLDER,
            multiLine: true,
          }),
        ],
      }),
      4000,
    ),
  ];
}

function indicatorBlocks(b: VacancyBehaviourView): FileChild[] {
  return b.sections.flatMap((s) => {
    const blocks: FileChild[] = [];
    if (b.sections.length > 1) blocks.push(heading(s.levelLabel, 3));
    if (s.note) blocks.push(para(s.note));
    if (s.intro) blocks.push(para(s.intro.text));
    const polarities = (['effective', 'ineffective', 'neutral'] as const).filter((p) => s[p].length > 0);
    for (const p of polarities) {
      if (polarities.length > 1)
        blocks.push(leadIn(p === 'effective' ? 'Effective behaviours' : p === 'ineffective' ? 'Ineffective behaviours' : 'Indicators', ''));
      blocks.push(...s[p].map((i) => bullet(i.text)));
    }
    return blocks;
  });
}

export const FORM_PLACEHOLDERS = { text: 'Click or tap to enter text.', comments: 'Click or tap to record the evidence.', choice: 'Choose an item.' };

export async function renderAssessmentDocx(form: AssessmentForm, options: { date: Date }): Promise<Uint8Array> {
  return packDocx(assessmentDocument(form), options.date);
}

export function assessmentDocument(form: AssessmentForm): Document {
  const nextId = controlIds();
  const control = (f: AssessmentField) =>
    new Paragraph({
      children: [
        f.kind === 'choice'
          ? contentControl({
              kind: 'dropDown',
              tag: f.name,
              alias: f.label,
              id: nextId(),
              placeholder: FORM_PLACEHOLDERS.choice,
              items: f.options.map((o) => ({ value: o.value, displayText: o.value === o.label ? o.label : `${o.value} ${o.label}` })),
            })
          : contentControl({
              kind: 'text',
              tag: f.name,
              alias: f.label,
              id: nextId(),
              placeholder: f.kind === 'text' ? FORM_PLACEHOLDERS.comments : FORM_PLACEHOLDERS.text,
              multiLine: f.kind === 'text',
            }),
      ],
    });
  const row = (f: AssessmentField) => [labelCell(f.label), new TableCell({ children: [control(f)] })] as [TableCell, TableCell];
  const children: FileChild[] = [
    title(`${form.kind}: ${form.vacancyTitle}`),
    para(form.campaign),
    twoColumns([
      [labelCell('Vacancy reference'), textCell(form.reference)],
      [labelCell('Grade'), textCell(form.gradeLabel)],
      [labelCell('Framework'), textCell(`${form.frameworkTitle}, ${form.edition}`)],
    ]),
    heading('Candidate', 1),
    twoColumns([row(form.candidateNumber), row(form.candidateName)]),
    heading('How to score', 1),
    para("Read the evidence against each behaviour's indicators at this grade, note what you found, then score each behaviour on this scale:"),
    twoColumns(form.scale.map((l) => [labelCell(`${l.value} ${l.label}`), textCell(l.description ?? '')])),
    ...(form.lead.assessedHere
      ? [para(`The lead behaviour is ${form.lead.title}. In a large field the sift may be made on it alone, and its score breaks ties.`)]
      : []),
    ...form.behaviours.flatMap((b) => [
      heading(`${b.title}${b.lead ? ' (lead behaviour)' : ''}`, 1),
      ...(b.description ? [para(b.description)] : []),
      ...b.groups.flatMap((g) => [...(g.heading ? [heading(g.heading, 3)] : []), ...(g.intro ? [para(g.intro)] : []), ...g.indicators.map((i) => bullet(i))]),
      heading('Comments', 2),
      box(control(b.comments), 2400),
      new Paragraph({ children: [strong('Score: ')] }),
      control(b.score),
    ]),
    heading('Result', 1),
    twoColumns([row(form.total), row(form.leadScore), row(form.outcome), row(form.assessors), row(form.date)]),
    heading('Declaration', 2),
    new Paragraph({ children: [new CheckBox({ alias: form.declaration.label }), new TextRun(` ${form.declarationText}`)] }),
  ];
  return new Document({
    ...documentProperties({
      title: form.title,
      subject: `${form.kind} for vacancy ${form.reference}, ${form.campaign}`,
      description: `Made by gradepack from ${form.frameworkTitle} (${form.edition}), published by ${form.publisher}.`,
      keywords: [form.reference, form.stage, 'recruitment', 'assessment form'],
    }),
    externalStyles: externalStyles(),
    styles: documentStyles(),
    sections: [{ properties: { page: PAGE }, footers: { default: documentFooter(form.kind, `${form.vacancyTitle} (${form.reference})`) }, children }],
  });
}

function twoColumns(rows: [TableCell, TableCell][]): Table {
  return new Table({
    style: TABLE_STYLE,
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: [LABEL_WIDTH, CONTENT_WIDTH - LABEL_WIDTH],
    rows: rows.map((children) => new TableRow({ cantSplit: true, children })),
  });
}

function box(content: Paragraph, height: number): Table {
  return new Table({
    style: TABLE_STYLE,
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: [CONTENT_WIDTH],
    rows: [new TableRow({ height: { value: height, rule: HeightRule.ATLEAST }, children: [new TableCell({ children: [content] })] })],
  });
}

function labelCell(text: string): TableCell {
  return new TableCell({ children: [new Paragraph({ children: [strong(text)] })] });
}

function textCell(text: string): TableCell {
  return new TableCell({ children: [para(text)] });
}
