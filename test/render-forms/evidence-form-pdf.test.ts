import { createHash } from 'node:crypto';
import { AnnotationFlags, PDFDict, PDFDocument, PDFName, PDFRadioGroup, type PDFRef, PDFTextField } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type Config } from '../../src/config/config';
import { findTarget, packTargets, packView } from '../../src/model/pack-view';
import type { Framework } from '../../src/model/schema';
import { BrowserPool } from '../../src/render/browser/pool';
import { evidenceForm, formPageData, loadFormLayout, renderEvidenceFormPdf, type EvidenceForm, type FormLayout } from '../../src/render/forms';
import { expectOutlineOfHeadings, pdfToText } from '../helpers/pdf-text';
import { expectedIndicatorTexts } from '../fixtures/render-forms/expected';
import { pairedFramework, perGradeFramework } from '../fixtures/render-forms/frameworks';
import { expectNoStrandedHeadings, expectOneLineFooters } from '../fixtures/render-forms/page-breaks';
import { readWithPdfJs, walk, type StructNode } from '../fixtures/render-forms/pdfjs';
import { expectConsistentMetadata } from '../helpers/pdf-metadata';
import { hashesInChildProcess } from '../fixtures/render-forms/run-hashes';
import { ingestWith, realSource } from '../helpers/ingest';

const DATE = new Date(Date.UTC(2024, 9, 14));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function pdfText(bytes: Uint8Array): Promise<string> {
  return (await pdfToText(bytes)).replace(/\s+/g, ' ');
}

describe('fillable PDF evidence form', () => {
  let pool: BrowserPool;
  let layout: FormLayout;
  let sp2024: Framework;
  let form: EvidenceForm;
  let pdf: Uint8Array;

  beforeAll(async () => {
    pool = await BrowserPool.launch(1);
    layout = await loadFormLayout();
    ({ framework: sp2024 } = await ingestWith('success-profiles-2024', [realSource('success-profiles-behaviours-2024.txt')]));
    const view = packView(sp2024, findTarget(sp2024, 'eo'));
    form = evidenceForm(view, DEFAULT_CONFIG);
    pdf = await renderEvidenceFormPdf(pool, view, DEFAULT_CONFIG, { date: DATE, layout });
  });
  afterAll(async () => {
    await pool?.close();
  });

  it("has a field for every indicator, detail and rating, with the form's names and accessible names", async () => {
    const doc = await PDFDocument.load(pdf);
    const fields = doc.getForm().getFields();
    expect(fields.map((f) => f.getName())).toEqual(form.fields.map((f) => f.name));
    const indicators = packView(sp2024, findTarget(sp2024, 'eo')).competencies.reduce((n, c) => n + c.sections.reduce((m, s) => m + s.indicators.length, 0), 0);
    expect(fields.filter((f) => /\.evidence\.\d+$/.test(f.getName()))).toHaveLength(indicators);
    for (const field of fields) {
      const expected = form.fields.find((f) => f.name === field.getName())!;
      expect(field.acroField.dict.lookup(PDFName.of('TU'))?.toString(), field.getName()).toBe(`<${hexText(expected.label)}>`);
      if (field.getName().endsWith('.rating')) {
        expect(field).toBeInstanceOf(PDFRadioGroup);
        expect((field as PDFRadioGroup).getOptions()).toEqual(DEFAULT_CONFIG.ratingScale.map((l) => String(l.value)));
      } else {
        expect(field).toBeInstanceOf(PDFTextField);
        expect((field as PDFTextField).isMultiline(), field.getName()).toBe(!['candidate', 'role', 'assessor', 'date'].includes(field.getName()));
      }
      for (const widget of field.acroField.getWidgets()) {
        expect(widget.hasFlag(AnnotationFlags.Print), field.getName()).toBe(true);
        expect(widget.getAppearances()?.normal, field.getName()).toBeDefined();
      }
    }
  });

  it('reads in a viewer (pdf.js) with every widget named', async () => {
    const read = await readWithPdfJs(pdf);
    const names = new Set(read.fields.map((f) => f.name));
    expect([...names]).toEqual(form.fields.map((f) => f.name));
    for (const f of read.fields) expect(f.alternativeText, f.name).toBeTruthy();
    expect(read.fields.find((f) => f.name === 'seeing-the-big-picture.evidence.3')!.alternativeText).toMatch(
      /^Evidence for Seeing the big picture, indicator 3: take a keen interest/,
    );
    expect(read.fields.filter((f) => f.name === 'leadership.rating').map((f) => f.alternativeText)).toEqual(
      DEFAULT_CONFIG.ratingScale.map((l) => `Rating for Leadership: ${l.value} ${l.label}`),
    );
    expect(read.lang).toBe('en-GB');
    // Bookmarks from the headings: the form, then each of its parts.
    expect(read.outline.map((o) => o.title)).toEqual(['Evidence form: Executive Officer (EO)']);
    expect(read.outline[0]!.items.map((o) => o.title)).toEqual(['About this assessment', 'How to rate', ...sp2024.competencies.map((c) => c.title), 'Summary']);
    await expectOutlineOfHeadings(pdf, layout.page(formPageData(form)));
  });

  it('keeps its tags: every widget is a Form element where its box was, and no box link is left', async () => {
    const read = await readWithPdfJs(pdf);
    let forms = 0;
    read.structTrees.forEach((tree, page) => {
      const tagged = new Set<string>();
      walk(tree, (node: StructNode, parents) => {
        expect(node.role).not.toBe('Link');
        if (node.type === 'object') {
          expect(parents.at(-1)!.role).toBe('Form');
          tagged.add(node.id!);
        }
        if (node.role === 'Form') forms++;
      });
      expect([...tagged].sort(), `page ${page + 1}`).toEqual([...read.widgetIds[page]!].sort());
    });
    expect(forms).toBe(read.fields.length);
    expect(read.structTrees[0]!.children![0]!.role).toBe('Document');

    const doc = await PDFDocument.load(pdf);
    expect(doc.catalog.lookup(PDFName.of('MarkInfo'), PDFDict).get(PDFName.of('Marked'))?.toString()).toBe('true');
    for (const page of doc.getPages()) {
      const annots = page.node.Annots()?.asArray() ?? [];
      for (const ref of annots) expect(doc.context.lookup(ref as PDFRef, PDFDict).get(PDFName.of('Subtype'))).toBe(PDFName.of('Widget'));
      if (annots.length > 0) expect(page.node.get(PDFName.of('Tabs'))).toBe(PDFName.of('S'));
    }
  });

  it('sets its title, language and dates from the input, not the clock', async () => {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(doc.getTitle()).toBe('Evidence form: Executive Officer (EO) (Success Profiles: Civil Service behaviours)');
    expect(doc.getAuthor()).toBe('Cabinet Office (Civil Service HR)');
    expect(doc.getCreationDate()?.toISOString()).toBe(DATE.toISOString());
    expect(doc.getModificationDate()?.toISOString()).toBe(DATE.toISOString());
    expect(doc.catalog.lookup(PDFName.of('Lang'))?.toString()).toBe('(en-GB)');
  });

  it('renders the same bytes again, and in another process and time zone', async () => {
    const again = await renderEvidenceFormPdf(pool, packView(sp2024, findTarget(sp2024, 'eo')), DEFAULT_CONFIG, { date: DATE, layout });
    expect(sha(again)).toBe(sha(pdf));
    expect(hashesInChildProcess(['form-pdf'], 'America/Los_Angeles')).toEqual({ 'form-pdf': sha(pdf) });
  });

  it('lets every text box take more than it shows: no length limit, scrolling on, text sized to fit; evidence multi-line', async () => {
    const fields = (await PDFDocument.load(pdf)).getForm().getFields();
    for (const field of fields) {
      if (!(field instanceof PDFTextField)) continue;
      const name = field.getName();
      expect(field.getMaxLength(), name).toBeUndefined();
      expect(field.isScrollable(), `${name} scrolls (DoNotScroll is off)`).toBe(true);
      expect(field.acroField.getDefaultAppearance(), `${name} sizes its text to fit`).toMatch(/ 0 Tf /);
      if (!['candidate', 'role', 'assessor', 'date'].includes(name)) expect(field.isMultiline(), name).toBe(true);
    }
  });

  it('keeps values filled in with pdf-lib through save and reload, and prints them', async () => {
    const doc = await PDFDocument.load(pdf);
    const f = doc.getForm();
    // An answer as long as the template asks for (250 words), far more than the box shows at 12pt.
    const long = Array.from({ length: 25 }, (_, i) => `In week ${i + 1} I chaired the planning meeting and re-ordered the work.`).join(' ');
    const role = 'Senior Policy Adviser, Border Security and Immigration Enforcement Directorate, Home Office';
    f.getTextField('role').setText(role);
    f.getTextField('candidate').setText('Alex Example');
    f.getTextField('date').setText('14 October 2024');
    f.getTextField('seeing-the-big-picture.evidence.3').setText(long);
    f.getTextField('summary').setText('Strong evidence across most behaviours.');
    f.getRadioGroup('leadership.rating').select('5');
    const saved = await doc.save();

    const reloaded = (await PDFDocument.load(saved)).getForm();
    expect(reloaded.getTextField('candidate').getText()).toBe('Alex Example');
    expect(reloaded.getTextField('role').getText()).toBe(role);
    expect(reloaded.getTextField('seeing-the-big-picture.evidence.3').getText()).toBe(long);
    expect(reloaded.getTextField('summary').getText()).toBe('Strong evidence across most behaviours.');
    expect(reloaded.getRadioGroup('leadership.rating').getSelected()).toBe('5');
    expect(reloaded.getRadioGroup('working-together.rating').getSelected()).toBeUndefined();

    const viewer = await readWithPdfJs(saved);
    expect(viewer.fields.find((x) => x.name === 'candidate')!.value).toBe('Alex Example');
    // The printed page shows the values, the long one whole: its text is sized to fit its box.
    // Flattening draws each widget's appearance into its page, as printing does.
    const printed = await PDFDocument.load(saved);
    printed.getForm().flatten();
    const text = await pdfText(await printed.save());
    expect(text).toContain('Alex Example');
    expect(text).toContain('Strong evidence across most behaviours.');
    expect(text).toContain(long.slice(-60));
    // A single-line box shrinks a long value to fit rather than cutting it off.
    expect(text).toContain(role);
  });

  it('has every indicator of the grade and none of another, and names evidence by level where a pack spans several', async () => {
    for (const [framework, key] of [
      [perGradeFramework(), 'scs2'],
      [pairedFramework(), 'heo'],
    ] as const) {
      const target = findTarget(framework, key);
      const bytes = await renderEvidenceFormPdf(pool, packView(framework, target), DEFAULT_CONFIG, { date: DATE, layout });
      const text = await pdfText(bytes);
      const { present, absent } = expectedIndicatorTexts(framework, target);
      for (const t of present) expect(text, t).toContain(t);
      for (const t of absent) expect(text, t).not.toContain(t);
      const names = (await PDFDocument.load(bytes))
        .getForm()
        .getFields()
        .map((f) => f.getName());
      expect(names).toEqual(evidenceForm(packView(framework, target), DEFAULT_CONFIG).fields.map((f) => f.name));
    }
  });

  it('offers the configured rating scale', async () => {
    const ratingScale = [
      { value: 0, label: 'Not seen', description: 'No evidence of the behaviour.' },
      { value: 1, label: 'Seen' },
    ];
    const bytes = await renderEvidenceFormPdf(pool, packView(sp2024, findTarget(sp2024, 'scs3')), { ratingScale } as Pick<Config, 'ratingScale'>, {
      date: DATE,
      layout,
    });
    const group = (await PDFDocument.load(bytes)).getForm().getRadioGroup('delivering-at-pace.rating');
    expect(group.getOptions()).toEqual(['0', '1']);
    // The scale with its descriptions where the configuration gives them.
    expect(await pdfText(bytes)).toContain('0 Not seen: No evidence of the behaviour.');
    expect(await pdfText(bytes)).toContain('1 Seen');
  });

  it('keeps each competency heading, description and "... when you:" on the page of its first box (2024 EO, G7, SCS3; ODP SCS1)', async () => {
    const { framework: odpScs } = await ingestWith('odp-scs-capabilities', [
      realSource('odp-core-skills.txt'),
      realSource('odp-scs-power-of-connections.txt', 'text', 'capture'),
    ]);
    const cases: [Framework, string][] = [
      [sp2024, 'g7'],
      [sp2024, 'scs3'],
      [odpScs, 'scs1'],
    ];
    await expectNoStrandedHeadings(pdf, form);
    for (const [framework, key] of cases) {
      const view = packView(framework, findTarget(framework, key));
      const bytes = await renderEvidenceFormPdf(pool, view, DEFAULT_CONFIG, { date: DATE, layout });
      await expectNoStrandedHeadings(bytes, evidenceForm(view, DEFAULT_CONFIG));
      // The SCS forms' names are the longest: their footer still keeps to one line.
      await expectOneLineFooters(bytes, `${framework.id} ${key}`);
    }
    await expectOneLineFooters(pdf, 'success-profiles-2024 eo');
  });

  it('has an XMP packet that says what the Info dictionary says', async () => {
    await expectConsistentMetadata(pdf, {
      title: 'Evidence form: Executive Officer (EO) (Success Profiles: Civil Service behaviours)',
      author: sp2024.publisher,
      date: DATE,
    });
  });

  it('made no network or file request while printing', () => {
    expect(pool.blocked).toEqual([]);
    expect(packTargets(sp2024).length).toBe(10);
  });
});

function hexText(text: string): string {
  return `FEFF${[...text].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()).join('')}`;
}
