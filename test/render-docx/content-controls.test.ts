import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentControlXml, controlIds, xmlEscape, type DropDownControl, type PlainTextControl } from '../../src/render/docx/content-controls';
import { childElements, findAll, parseXml, textOf } from '../fixtures/render-docx/xml';

const text: PlainTextControl = {
  kind: 'text',
  tag: 'seeing-the-big-picture.evidence.3',
  alias: 'Seeing the big picture: evidence 3',
  id: 7,
  placeholder: 'Click or tap to record evidence.',
  multiLine: true,
};
const dropDown: DropDownControl = {
  kind: 'dropDown',
  tag: 'seeing-the-big-picture.rating',
  alias: 'Seeing the big picture: rating',
  id: 8,
  placeholder: 'Choose a rating.',
  items: [
    { value: '1', displayText: '1 Insufficient evidence' },
    { value: '2', displayText: '2 Limited' },
  ],
};

describe('content controls', () => {
  it('writes a plain text control with its properties in the schema order', () => {
    const sdt = parseXml(contentControlXml(text));
    expect(sdt.name).toBe('w:sdt');
    expect(childElements(sdt).map((e) => e.name)).toEqual(['w:sdtPr', 'w:sdtContent']);
    const pr = childElements(sdt)[0]!;
    // CT_SdtPr: alias, tag, id, ..., showingPlcHdr, then the type of control.
    expect(childElements(pr).map((e) => e.name)).toEqual(['w:alias', 'w:tag', 'w:id', 'w:showingPlcHdr', 'w:text']);
    expect(findAll(pr, 'w:tag')[0]!.attrs['w:val']).toBe(text.tag);
    expect(findAll(pr, 'w:alias')[0]!.attrs['w:val']).toBe(text.alias);
    expect(findAll(pr, 'w:id')[0]!.attrs['w:val']).toBe('7');
    expect(findAll(pr, 'w:text')[0]!.attrs['w:multiLine']).toBe('1');
    // Run-level content: runs, with the placeholder as their text.
    const content = childElements(sdt)[1]!;
    expect(childElements(content).map((e) => e.name)).toEqual(['w:r']);
    expect(textOf(content)).toBe(text.placeholder);
  });

  it('leaves out multiLine for a single-line control', () => {
    const pr = childElements(parseXml(contentControlXml({ ...text, multiLine: false })))[0]!;
    expect(findAll(pr, 'w:text')[0]!.attrs).toEqual({});
  });

  it('writes a drop-down list with the prompt first, then every item', () => {
    const sdt = parseXml(contentControlXml(dropDown));
    const pr = childElements(sdt)[0]!;
    expect(childElements(pr).map((e) => e.name)).toEqual(['w:alias', 'w:tag', 'w:id', 'w:showingPlcHdr', 'w:dropDownList']);
    const items = findAll(pr, 'w:listItem').map((i) => [i.attrs['w:value'], i.attrs['w:displayText']]);
    expect(items).toEqual([
      ['', 'Choose a rating.'],
      ['1', '1 Insufficient evidence'],
      ['2', '2 Limited'],
    ]);
    expect(textOf(childElements(sdt)[1]!)).toBe('Choose a rating.');
  });

  it('refuses a drop-down list with no items, a repeated value or an empty one', () => {
    expect(() => contentControlXml({ ...dropDown, items: [] })).toThrow(/no items/);
    expect(() => contentControlXml({ ...dropDown, items: [dropDown.items[0]!, dropDown.items[0]!] })).toThrow(/repeated/);
    expect(() => contentControlXml({ ...dropDown, items: [{ value: '', displayText: 'x' }] })).toThrow(/empty/);
  });

  it('refuses ids Word cannot hold', () => {
    for (const id of [0, -1, 1.5, 2 ** 31]) expect(() => contentControlXml({ ...text, id })).toThrow(RangeError);
  });

  it('hands out ids in order, afresh for each document', () => {
    const a = controlIds();
    const b = controlIds();
    expect([a(), a(), a(), b()]).toEqual([1, 2, 3, 1]);
  });

  it('escapes any text into well-formed XML that reads back the same', () => {
    // Characters XML 1.0 cannot hold at all are dropped; everything else survives.
    const printable = fc.string({
      unit: fc.oneof(fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })),
      minLength: 1,
    });
    fc.assert(
      fc.property(printable, printable, printable, (alias, tag, placeholder) => {
        const xml = contentControlXml({ ...text, alias, tag, placeholder });
        const sdt = parseXml(xml);
        const clean = (s: string) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
        expect(findAll(sdt, 'w:alias')[0]!.attrs['w:val']).toBe(clean(alias));
        expect(findAll(sdt, 'w:tag')[0]!.attrs['w:val']).toBe(clean(tag));
        expect(textOf(sdt)).toBe(clean(placeholder));
      }),
      { numRuns: 300 },
    );
  });

  it('escapes markup in list items', () => {
    const xml = contentControlXml({ ...dropDown, items: [{ value: '"1"', displayText: '<b>1</b> & "Poor"' }] });
    expect(xml).not.toContain('<b>');
    const item = findAll(parseXml(xml), 'w:listItem')[1]!;
    expect(item.attrs).toEqual({ 'w:displayText': '<b>1</b> & "Poor"', 'w:value': '"1"' });
  });

  it('xmlEscape escapes the five special characters', () => {
    expect(xmlEscape(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f');
  });
});
