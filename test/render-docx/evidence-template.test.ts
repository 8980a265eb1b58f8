import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/config';
import { GradepackError } from '../../src/model/errors';
import { findTarget, packTargets, packView } from '../../src/model/pack-view';
import type { Framework } from '../../src/model/schema';
import { renderEvidenceTemplate, STAR_PARTS, TABLE_STYLE, wordGuidance } from '../../src/render/docx';
import { expectedIndicatorTexts } from '../fixtures/render-forms/expected';
import { perGradeFramework, syntheticFrameworks } from '../fixtures/render-forms/frameworks';
import { docxParts, findAll, paragraphTexts, textOf, type DocxParts } from '../fixtures/render-docx/xml';
import { registeredFrameworks } from '../fixtures/render-forms/registered';

const DATE = new Date(Date.UTC(2024, 9, 14));
/** Word's built-in paragraph styles the documents may use, by id, with the names Word knows them by. */
const BUILT_IN_PARAGRAPH_STYLES: Record<string, string> = {
  Title: 'Title',
  Heading1: 'Heading 1',
  Heading2: 'Heading 2',
  Heading3: 'Heading 3',
  ListParagraph: 'List Paragraph',
  Footer: 'footer',
};

async function template(framework: Framework, key: string, config = DEFAULT_CONFIG): Promise<DocxParts> {
  return docxParts(await renderEvidenceTemplate(packView(framework, findTarget(framework, key)), config, { date: DATE }));
}

describe('Word evidence template', () => {
  let registered: Framework[];
  let sp2024: Framework;
  beforeAll(async () => {
    registered = await registeredFrameworks();
    sp2024 = registered.find((f) => f.id === 'success-profiles-2024')!;
  });

  it('has every indicator of the grade and none that only another level has, for every target of every framework', async () => {
    for (const framework of [...registered, ...syntheticFrameworks()]) {
      for (const target of packTargets(framework)) {
        const body = (await template(framework, target.key)).xml('word/document.xml');
        const paragraphs = new Set(paragraphTexts(body));
        const { present, absent } = expectedIndicatorTexts(framework, target);
        expect(present.length, `${framework.id} ${target.key}`).toBeGreaterThan(0);
        for (const text of present) expect(paragraphs.has(text), `${framework.id} ${target.key}: ${text}`).toBe(true);
        const all = [...paragraphs].join('\n');
        for (const text of absent) expect(all.includes(text), `${framework.id} ${target.key} has ${text}`).toBe(false);
      }
    }
  });

  it('has a section per competency with its heading, description, guidance and a STAR table', async () => {
    const parts = await template(sp2024, 'eo');
    const body = parts.xml('word/document.xml');
    const styled = (style: string) =>
      findAll(body, 'w:p')
        .filter((p) => findAll(p, 'w:pStyle')[0]?.attrs['w:val'] === style)
        .map(textOf);
    expect(styled('Title')).toEqual(['Evidence template: Executive Officer (EO)']);
    expect(styled('Heading1')).toEqual(['How to use this template', ...sp2024.competencies.map((c) => c.title)]);
    expect(styled('Heading2').filter((t) => t === 'Your example')).toHaveLength(sp2024.competencies.length);
    const texts = paragraphTexts(body);
    for (const c of sp2024.competencies) expect(texts).toContain(c.description);

    const tables = findAll(body, 'w:tbl');
    expect(tables).toHaveLength(sp2024.competencies.length);
    for (const table of tables) {
      expect(findAll(table, 'w:tblStyle')[0]!.attrs['w:val']).toBe(TABLE_STYLE);
      const rows = findAll(table, 'w:tr');
      // A prompt row, then a row of space to write, for each of Situation, Task, Action, Result.
      expect(rows.map((r) => textOf(r))).toEqual(STAR_PARTS.flatMap((p) => [`${p.name}: ${p.prompt}`, '']));
      for (const [i, p] of STAR_PARTS.entries()) {
        expect(findAll(rows[2 * i + 1]!, 'w:trHeight')[0]!.attrs).toMatchObject({ 'w:val': String(p.space), 'w:hRule': 'atLeast' });
      }
    }
    expect(texts.filter((t) => t === wordGuidance(250))).toHaveLength(sp2024.competencies.length);
    // "Your example" and its guidance stay with the table (keep with next), never alone at a page's foot.
    const guidance = findAll(body, 'w:p').filter((p) => textOf(p) === wordGuidance(250));
    for (const p of guidance) expect(findAll(p, 'w:keepNext')).toHaveLength(1);
  });

  it('asks for examples at the grade applied for, not "this grade", which would be wrong for a promotion', async () => {
    const texts = paragraphTexts((await template(sp2024, 'g7')).xml('word/document.xml'));
    expect(texts).toContain(
      'Write one example for each behaviour, showing that you already do what is expected at the grade you are applying for. Use the STAR method:',
    );
    expect(texts.join('\n')).not.toMatch(/at this grade/);
    const odp = registered.find((f) => f.id === 'odp-core-skills')!;
    expect(paragraphTexts((await template(odp, 'working')).xml('word/document.xml')).join('\n')).toContain('at the level you are aiming for');
  });

  it('spaces lines in proportion to the text (never a fixed height), so a title that wraps cannot overprint itself', async () => {
    const styles = (await template(sp2024, 'scs3')).xml('word/styles.xml');
    const defaults = findAll(findAll(styles, 'w:pPrDefault')[0]!, 'w:spacing')[0]!;
    expect(defaults.attrs).toMatchObject({ 'w:line': '276', 'w:lineRule': 'auto' });
    for (const id of ['Title', 'Heading1', 'Heading2', 'Heading3']) {
      const style = findAll(styles, 'w:style').find((s) => s.attrs['w:styleId'] === id)!;
      const spacing = findAll(style, 'w:spacing')[0]!;
      expect(spacing.attrs, id).toMatchObject({ 'w:line': '240', 'w:lineRule': 'auto' });
    }
    for (const spacing of findAll(styles, 'w:spacing'))
      if (spacing.attrs['w:line']) expect(spacing.attrs['w:lineRule'], JSON.stringify(spacing.attrs)).toBe('auto');
  });

  it('gives the configured word count', async () => {
    const texts = paragraphTexts((await template(sp2024, 'g7', { ...DEFAULT_CONFIG, wordsPerExample: 400 })).xml('word/document.xml'));
    expect(texts).toContain('Aim for about 400 words for each example.');
    expect(texts.join('\n')).not.toContain('250 words');
  });

  it("uses only built-in styles, defined with Word's names, and no direct fonts, sizes or colours", async () => {
    const parts = await template(sp2024, 'scs1');
    const body = parts.xml('word/document.xml');
    const styles = parts.xml('word/styles.xml');
    const defined = new Map(findAll(styles, 'w:style').map((s) => [s.attrs['w:styleId'], findAll(s, 'w:name')[0]!.attrs['w:val']]));
    const used = new Set([...findAll(body, 'w:pStyle'), ...findAll(parts.xml('word/footer1.xml'), 'w:pStyle')].map((s) => s.attrs['w:val']!));
    expect([...used].sort()).toEqual(['Footer', 'Heading1', 'Heading2', 'ListParagraph', 'Title']);
    for (const id of used) expect(defined.get(id), id).toBe(BUILT_IN_PARAGRAPH_STYLES[id]);
    expect(defined.get(TABLE_STYLE)).toBe('Table Grid');
    const heading1 = findAll(styles, 'w:style').find((s) => s.attrs['w:styleId'] === 'Heading1')!;
    expect(findAll(heading1, 'w:outlineLvl')[0]!.attrs['w:val']).toBe('0');
    for (const direct of ['w:rFonts', 'w:sz', 'w:color', 'w:b', 'w:i', 'w:tblBorders']) expect(findAll(body, direct), direct).toHaveLength(0);
    // Bold is Word's Strong character style.
    expect(new Set(findAll(body, 'w:rStyle').map((s) => s.attrs['w:val']))).toEqual(new Set(['Strong']));
    const strong = findAll(styles, 'w:style').find((s) => s.attrs['w:styleId'] === 'Strong')!;
    expect(strong.attrs['w:type']).toBe('character');
  });

  it('has a footer with framework, grade and page numbers, and document properties', async () => {
    const parts = await template(sp2024, 'heo');
    const footer = parts.raw('word/footer1.xml');
    expect(textOf(parts.xml('word/footer1.xml'))).toContain('Success Profiles: Civil Service behaviours · Higher Executive Officer (HEO) · Page');
    expect(footer).toMatch(/PAGE/);
    expect(footer).toMatch(/NUMPAGES/);
    const core = parts.xml('docProps/core.xml');
    const value = (name: string) => findAll(core, name)[0]!.children.join('');
    expect(value('dc:title')).toBe('Evidence template: Higher Executive Officer (HEO) (Success Profiles: Civil Service behaviours)');
    expect(value('dc:creator')).toBe('gradepack');
    expect(value('cp:keywords')).toContain('success-profiles-2024');
    expect(value('dcterms:created')).toBe('2024-10-14T00:00:00Z');
    const section = findAll(parts.xml('word/document.xml'), 'w:pgSz')[0]!;
    expect(section.attrs).toMatchObject({ 'w:w': '11906', 'w:h': '16838' });
  });

  it('shows the levels of a pack written per grade, with their notes', async () => {
    const framework = perGradeFramework();
    const body = (await template(framework, 'scs2')).xml('word/document.xml');
    const texts = paragraphTexts(body);
    const level3 = findAll(body, 'w:p')
      .filter((p) => findAll(p, 'w:pStyle')[0]?.attrs['w:val'] === 'Heading3')
      .map(textOf);
    expect(level3).toEqual(framework.competencies.flatMap(() => ['Awareness', 'Working', 'Practitioner', 'Expert']));
    expect(texts).toContain('Awareness is not required at SCS level.');
  });

  it('escapes text from the source', async () => {
    const parts = await template(syntheticFrameworks()[0]!, 'eo');
    const raw = parts.raw('word/document.xml');
    expect(raw).not.toContain('<work>');
    expect(raw).toContain('&lt;work&gt;');
    expect(paragraphTexts(parts.xml('word/document.xml'))).toContain('Delivering results & "value" <fast> L2 effective one: plans & delivers <work>');
  });

  it('refuses a word count that is not a positive whole number', async () => {
    const view = packView(sp2024, findTarget(sp2024, 'eo'));
    for (const wordsPerExample of [0, -5, 12.5, Number.NaN]) {
      const error = await renderEvidenceTemplate(view, { wordsPerExample }, { date: DATE }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GradepackError);
      expect((error as GradepackError).code).toBe('ConfigInvalid');
    }
  });
});
