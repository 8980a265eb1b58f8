import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type Config } from '../../src/config/config';
import { GradepackError } from '../../src/model/errors';
import { findTarget, packTargets, packView } from '../../src/model/pack-view';
import type { Framework } from '../../src/model/schema';
import { PLACEHOLDERS, RATING_PROMPT, renderEvidenceFormDocx } from '../../src/render/docx';
import { evidenceForm } from '../../src/render/forms';
import { expectedIndicatorTexts } from '../fixtures/render-forms/expected';
import { pairedFramework, perGradeFramework, syntheticFrameworks } from '../fixtures/render-forms/frameworks';
import { childElements, docxParts, findAll, paragraphTexts, textOf, type XmlElement } from '../fixtures/render-docx/xml';
import { ingestWith, realSource } from '../helpers/ingest';

const DATE = new Date(Date.UTC(2024, 9, 14));

async function formBody(framework: Framework, key: string, config: Pick<Config, 'ratingScale'> = DEFAULT_CONFIG): Promise<XmlElement> {
  return docxParts(await renderEvidenceFormDocx(packView(framework, findTarget(framework, key)), config, { date: DATE })).xml('word/document.xml');
}

interface Control {
  tag: string;
  alias: string;
  id: string;
  type: string;
  multiLine: boolean;
  items: { value: string; text: string }[];
}

function controls(body: XmlElement): Control[] {
  return findAll(body, 'w:sdt').map((sdt) => {
    const pr = childElements(sdt)[0]!;
    const type = childElements(pr).at(-1)!;
    return {
      tag: findAll(pr, 'w:tag')[0]!.attrs['w:val']!,
      alias: findAll(pr, 'w:alias')[0]!.attrs['w:val']!,
      id: findAll(pr, 'w:id')[0]!.attrs['w:val']!,
      type: type.name,
      multiLine: type.attrs['w:multiLine'] === '1',
      items: findAll(pr, 'w:listItem').map((i) => ({ value: i.attrs['w:value']!, text: i.attrs['w:displayText']! })),
    };
  });
}

describe('Word evidence form', () => {
  let sp2024: Framework;
  beforeAll(async () => {
    ({ framework: sp2024 } = await ingestWith('success-profiles-2024', [realSource('success-profiles-behaviours-2024.txt')]));
  });

  it('has a content control for every field of the form, tagged with its name, for every target of every framework', async () => {
    for (const framework of [sp2024, ...syntheticFrameworks()]) {
      for (const target of packTargets(framework)) {
        const body = await formBody(framework, target.key);
        const form = evidenceForm(packView(framework, target), DEFAULT_CONFIG);
        const found = controls(body);
        expect(found.map((c) => c.tag)).toEqual(form.fields.map((f) => f.name));
        expect(new Set(found.map((c) => c.id)).size).toBe(found.length);
        const texts = new Set(paragraphTexts(body));
        const { present, absent } = expectedIndicatorTexts(framework, target);
        // Each indicator is in its row as "n. text".
        for (const text of present)
          expect(
            [...texts].some((t) => t.endsWith(`. ${text}`)),
            `${framework.id} ${target.key}: ${text}`,
          ).toBe(true);
        const all = [...texts].join('\n');
        for (const text of absent) expect(all.includes(text), `${framework.id} ${target.key} has ${text}`).toBe(false);
      }
    }
  });

  it('uses plain text controls for details and evidence, and a drop-down list of the scale for ratings', async () => {
    const found = controls(await formBody(sp2024, 'g6'));
    const byTag = new Map(found.map((c) => [c.tag, c]));
    for (const name of ['candidate', 'role', 'assessor', 'date']) expect(byTag.get(name)).toMatchObject({ type: 'w:text', multiLine: false });
    expect(byTag.get('summary')).toMatchObject({ type: 'w:text', multiLine: true, alias: 'Summary' });
    expect(byTag.get('seeing-the-big-picture.evidence.1')).toMatchObject({ type: 'w:text', multiLine: true, alias: 'Seeing the big picture: evidence 1' });
    const rating = byTag.get('seeing-the-big-picture.rating')!;
    expect(rating.type).toBe('w:dropDownList');
    expect(rating.items).toEqual([
      { value: '', text: PLACEHOLDERS.rating },
      ...DEFAULT_CONFIG.ratingScale.map((l) => ({ value: String(l.value), text: `${l.value} ${l.label}` })),
    ]);
    expect(found.filter((c) => c.type === 'w:dropDownList')).toHaveLength(sp2024.competencies.length);
    // Placeholders are in Word's Placeholder Text style, so they can be restyled with it.
    const body = await formBody(sp2024, 'g6');
    for (const sdt of findAll(body, 'w:sdtContent')) expect(findAll(sdt, 'w:rStyle').map((r) => r.attrs['w:val'])).toEqual(['PlaceholderText']);
  });

  it('offers the configured rating scale', async () => {
    const scale = [
      { value: 1, label: 'Not met' },
      { value: 2, label: 'Met' },
      { value: 3, label: 'Exceeded' },
    ];
    const rating = controls(await formBody(sp2024, 'eo', { ratingScale: scale })).find((c) => c.tag === 'working-together.rating')!;
    expect(rating.items.slice(1).map((i) => i.text)).toEqual(['1 Not met', '2 Met', '3 Exceeded']);
    const texts = paragraphTexts(await formBody(sp2024, 'eo', { ratingScale: scale }));
    expect(texts).toContain('2 Met');
    expect(texts).not.toContain('7 Outstanding');
  });

  it('rates each competency under one "Rating" heading, with the scale printed for a paper form', async () => {
    const body = await formBody(sp2024, 'eo');
    const blocks = childElements(findAll(body, 'w:body')[0]!);
    const texts = paragraphTexts(body);
    expect(texts.filter((t) => t.startsWith('Rating:'))).toEqual([]);
    const ratings = blocks.flatMap((b, i) =>
      b.name === 'w:p' && textOf(b) === 'Rating' && findAll(b, 'w:pStyle')[0]?.attrs['w:val'] === 'Heading2' ? [i] : [],
    );
    expect(ratings).toHaveLength(sp2024.competencies.length);
    for (const at of ratings) {
      const [prompt, control, table] = blocks.slice(at + 1, at + 4) as [XmlElement, XmlElement, XmlElement];
      expect(textOf(prompt)).toBe(RATING_PROMPT);
      expect(findAll(control, 'w:dropDownList')).toHaveLength(1);
      // On paper: a cell per rating, its value and its label, to circle; two to a row.
      expect(table.name).toBe('w:tbl');
      const cells = findAll(table, 'w:tc').map((c) => textOf(c));
      expect(cells.filter((c) => c !== '')).toEqual(DEFAULT_CONFIG.ratingScale.map((l) => `${l.value} ${l.label}`));
      expect(findAll(table, 'w:tr').length).toBe(Math.ceil(DEFAULT_CONFIG.ratingScale.length / 2));
    }
  });

  it("prints each rating's description with the scale where the configuration gives one", async () => {
    const ratingScale = [
      { value: 1, label: 'Not met', description: 'No evidence of the behaviour.' },
      { value: 2, label: 'Met', description: 'Evidence of the behaviour at the grade.' },
    ];
    const texts = paragraphTexts(await formBody(sp2024, 'eo', { ratingScale } as Pick<Config, 'ratingScale'>));
    expect(texts).toContain('1 Not met: No evidence of the behaviour.');
    expect(texts).toContain('2 Met: Evidence of the behaviour at the grade.');
    expect(paragraphTexts(await formBody(sp2024, 'eo'))).toContain(`4 ${DEFAULT_CONFIG.ratingScale[3]!.label}`);
  });

  it('names evidence by level where a pack spans several levels', async () => {
    const tags = controls(await formBody(perGradeFramework(), 'scs3')).map((c) => c.tag);
    expect(tags).toContain('power-of-connections.working.evidence.1');
    expect(tags).toContain('power-of-connections.expert.evidence.2');
    expect(tags.filter((t) => t.startsWith('power-of-connections.awareness'))).toEqual([]);
    expect(tags).toContain('power-of-connections.rating');
  });

  it('groups effective and ineffective indicators, numbered in the order shown', async () => {
    const body = await formBody(pairedFramework(), 'eo');
    const headings = findAll(body, 'w:p')
      .filter((p) => findAll(p, 'w:pStyle')[0]?.attrs['w:val'] === 'Heading3')
      .map(textOf);
    expect(headings).toEqual(['Effective behaviours', 'Ineffective behaviours', 'Effective behaviours', 'Ineffective behaviours']);
    const texts = paragraphTexts(body);
    expect(texts).toContain('3. Leading people L2 ineffective one: ignores feedback');
    const aliases = controls(body).map((c) => c.alias);
    expect(aliases).toContain('Delivering results & "value" <fast>: rating');
  });

  it('refuses a rating scale with no levels or repeated values', async () => {
    const view = packView(sp2024, findTarget(sp2024, 'eo'));
    for (const ratingScale of [
      [],
      [
        { value: 1, label: 'A' },
        { value: 1, label: 'B' },
      ],
    ]) {
      const error = await renderEvidenceFormDocx(view, { ratingScale }, { date: DATE }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GradepackError);
      expect((error as GradepackError).code).toBe('ConfigInvalid');
      expect((error as GradepackError).message).toMatch(/^ratingScale: /);
    }
  });
});
