import { Document, HeightRule, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, type FileChild } from 'docx';
import type { Config } from '../../config/config';
import type { PackView } from '../../model/pack-view';
import {
  evidenceForm,
  type EvidenceCompetency,
  type EvidenceForm,
  type EvidenceSection,
  type FormField,
  type PolarityGroup,
  type RatingLevel,
} from '../forms/form-model';
import { bullet, heading, leadIn, para, sourceLine, strong, title } from './blocks';
import { contentControl, controlIds } from './content-controls';
import { packDocx } from './deterministic-docx';
import { documentFooter, documentProperties, documentStyles, externalStyles, TABLE_STYLE } from './document-style';
import { PAGE } from './page';
import type { RenderDate } from './evidence-template';

/**
 * The Word evidence form for one pack (output/forms/<grade>/<framework>.docx): the same fields as
 * the PDF form, as content controls. Each control's tag is the field's name
 * (`seeing-the-big-picture.evidence.3`), its alias a short title; evidence and details are plain
 * text controls, each competency's rating a drop-down list of the rating scale.
 */

/** Said before each rating's drop-down list and its printed scale. */
export const RATING_PROMPT = 'Choose a rating from the list, or on a printed form circle one:';

export const PLACEHOLDERS = {
  detail: 'Click or tap to enter text.',
  evidence: 'Click or tap to record evidence.',
  rating: 'Choose a rating.',
  summary: 'Click or tap to write a summary.',
};

/** Content width of the page (A4 less 20 mm margins), in twips, split between the two columns. */
const CONTENT_WIDTH = PAGE.size.width - PAGE.margin.left - PAGE.margin.right;
const LABEL_WIDTH = Math.round(CONTENT_WIDTH * 0.42);

export async function renderEvidenceFormDocx(view: PackView, config: Pick<Config, 'ratingScale'>, { date }: RenderDate): Promise<Uint8Array> {
  return packDocx(evidenceFormDocument(evidenceForm(view, config)), date);
}

export function evidenceFormDocument(form: EvidenceForm): Document {
  const nextId = controlIds();
  const text = (field: FormField, placeholder: string, multiLine: boolean) =>
    new Paragraph({ children: [contentControl({ kind: 'text', tag: field.name, alias: field.short, id: nextId(), placeholder, multiLine })] });
  const rating = (field: FormField): FileChild[] => [
    new Paragraph({ text: RATING_PROMPT, keepNext: true }),
    new Paragraph({
      keepNext: true,
      children: [
        contentControl({
          kind: 'dropDown',
          tag: field.name,
          alias: field.short,
          id: nextId(),
          placeholder: PLACEHOLDERS.rating,
          items: form.scale.map((l) => ({ value: String(l.value), displayText: `${l.value} ${l.label}` })),
        }),
      ],
    }),
    scaleTable(form.scale),
  ];

  const children: FileChild[] = [
    title(`Evidence form: ${form.targetLabel}`),
    sourceLine(form),
    heading('About this assessment', 1),
    twoColumnTable(form.details.map((f) => [labelCell(f.label), new TableCell({ children: [text(f, PLACEHOLDERS.detail, false)] })])),
    heading('How to rate', 1),
    para(`Record the evidence you saw against each indicator, then rate each ${form.targetNoun === 'grade' ? 'behaviour' : 'skill'} on this scale:`),
    ...form.scale.map((l) => bullet(scaleLine(l))),
    ...form.competencies.flatMap((c) => competencyBlock(c, (f) => text(f, PLACEHOLDERS.evidence, true), rating)),
    heading('Summary', 1),
    para('Summarise the evidence and give your overall assessment.'),
    boxTable(text(form.summary, PLACEHOLDERS.summary, true)),
  ];

  return new Document({
    ...documentProperties({
      title: `Evidence form: ${form.targetLabel} (${form.frameworkTitle})`,
      subject: `Evidence and ratings for ${form.targetLabel}`,
      description: `Made by gradepack from ${form.frameworkTitle} (${form.edition}), published by ${form.publisher}.`,
      keywords: [form.frameworkId, form.targetKey, 'evidence form'],
    }),
    externalStyles: externalStyles(),
    styles: documentStyles(),
    sections: [{ properties: { page: PAGE }, footers: { default: documentFooter(form.frameworkTitle, form.targetLabel) }, children }],
  });
}

function competencyBlock(c: EvidenceCompetency, evidence: (f: FormField) => Paragraph, rating: (f: FormField) => FileChild[]): FileChild[] {
  return [
    heading(c.title, 1),
    ...(c.description ? [para(c.description)] : []),
    ...c.sections.flatMap((s) => sectionBlock(s, evidence)),
    heading('Rating', 2),
    ...rating(c.rating),
  ];
}

/** "4 Acceptable", or "4 Acceptable: <what it means>" where the scale says. */
function scaleLine(level: RatingLevel): string {
  return level.description ? `${level.value} ${level.label}: ${level.description}` : `${level.value} ${level.label}`;
}

/**
 * The scale printed under each rating, so that a printed form can be rated with a pen (the
 * drop-down list above it shows only its prompt on paper): two ratings to a row, each cell its
 * value and its label, wide enough that no label breaks.
 */
function scaleTable(scale: RatingLevel[]): Table {
  const columns = Math.min(2, scale.length);
  const width = Math.floor(CONTENT_WIDTH / columns);
  const rows: TableRow[] = [];
  for (let i = 0; i < scale.length; i += columns) {
    const cells = Array.from({ length: columns }, (_, c) => scale[i + c]);
    rows.push(
      new TableRow({
        cantSplit: true,
        children: cells.map(
          (l) => new TableCell({ children: [new Paragraph({ keepNext: true, children: l ? [strong(String(l.value)), new TextRun(` ${l.label}`)] : [] })] }),
        ),
      }),
    );
  }
  return new Table({ style: TABLE_STYLE, width: { size: width * columns, type: WidthType.DXA }, columnWidths: Array(columns).fill(width), rows });
}

function sectionBlock(s: EvidenceSection, evidence: (f: FormField) => Paragraph): FileChild[] {
  const blocks: FileChild[] = [];
  if (s.heading) blocks.push(heading(s.heading, 2));
  if (s.note) blocks.push(para(s.note));
  if (s.groups.length > 0 && s.intro) blocks.push(para(s.intro));
  for (const g of s.groups) {
    if (g.heading) blocks.push(s.heading ? leadIn(g.heading, '') : heading(g.heading, 3));
    blocks.push(evidenceTable(g, evidence));
  }
  return blocks;
}

function evidenceTable(g: PolarityGroup, evidence: (f: FormField) => Paragraph): Table {
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: [labelCell('Indicator'), labelCell('Evidence')],
  });
  const rows = g.items.map(
    (item) =>
      new TableRow({
        // An indicator is not split over two pages; a row grown past a page by evidence still breaks.
        cantSplit: true,
        height: { value: 1200, rule: HeightRule.ATLEAST },
        children: [new TableCell({ children: [para(`${item.n}. ${item.indicator.text}`)] }), new TableCell({ children: [evidence(item.field)] })],
      }),
  );
  return new Table({
    style: TABLE_STYLE,
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: [LABEL_WIDTH, CONTENT_WIDTH - LABEL_WIDTH],
    rows: [header, ...rows],
  });
}

function twoColumnTable(rows: [TableCell, TableCell][]): Table {
  return new Table({
    style: TABLE_STYLE,
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: [LABEL_WIDTH, CONTENT_WIDTH - LABEL_WIDTH],
    rows: rows.map((children) => new TableRow({ cantSplit: true, children })),
  });
}

function boxTable(content: Paragraph): Table {
  return new Table({
    style: TABLE_STYLE,
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: [CONTENT_WIDTH],
    rows: [new TableRow({ height: { value: 3000, rule: HeightRule.ATLEAST }, children: [new TableCell({ children: [content] })] })],
  });
}

function labelCell(text: string): TableCell {
  return new TableCell({ children: [new Paragraph({ children: [strong(text)] })] });
}
