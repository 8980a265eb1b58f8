import { PDFDict, PDFDocument, PDFHexString, PDFName, type PDFRef } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { isGradepackError } from '../../src/model/errors';
import type { PageHeading } from '../../src/render/browser/pool';
import { expectedOutline, readOutline, repairOutline } from '../../src/render/pdf/outline';
import { expectOutlineOfHeadings, pdfOutline } from '../helpers/pdf-text';

/** The headings of a grade pack's first pages, as the page has them. */
const HEADINGS: PageHeading[] = [
  { level: 1, text: 'Administrative Assistant (AA)' },
  { level: 2, text: 'Contents' },
  { level: 2, text: 'Seeing the big picture' },
  { level: 3, text: 'Level 1: Administrative Assistant (AA) and Administrative Officer (AO)' },
  { level: 2, text: 'Changing and improving' },
];
const HTML = `<h1>Administrative Assistant (AA)</h1><h2 id="contents">Contents</h2><h2 id="c1">Seeing the big picture</h2>
<h3>Level 1: Administrative Assistant (AA) and
Administrative Officer (AO)</h3><h2 id="c2">Changing and improving</h2>`;

/** A PDF whose outline has these titles and depths, as a browser might write it. */
async function pdfWithOutline(entries: { title: string; depth: number }[]): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  const page = doc.addPage();
  const root = doc.context.obj({ Type: 'Outlines' }) as PDFDict;
  const rootRef = doc.context.register(root);
  const parents: { dict: PDFDict; ref: PDFRef; last: PDFRef | null }[] = [{ dict: root, ref: rootRef, last: null }];
  for (const entry of entries) {
    parents.length = entry.depth + 1;
    const parent = parents[entry.depth]!;
    const item = doc.context.obj({ Parent: parent.ref, Dest: [page.ref, PDFName.of('XYZ'), null, null, null] }) as PDFDict;
    item.set(PDFName.of('Title'), PDFHexString.fromText(entry.title));
    const ref = doc.context.register(item);
    if (parent.last) {
      doc.context.lookup(parent.last, PDFDict).set(PDFName.of('Next'), ref);
      item.set(PDFName.of('Prev'), parent.last);
    } else {
      parent.dict.set(PDFName.of('First'), ref);
    }
    parent.dict.set(PDFName.of('Last'), ref);
    parent.last = ref;
    parents.push({ dict: item, ref, last: null });
  }
  doc.catalog.set(PDFName.of('Outlines'), rootRef);
  return doc;
}

/** The outlines Chromium 153 and 156 were seen to write for such a pack. */
const DOUBLED = [
  { title: 'Administrative Assistant (AA)', depth: 0 },
  { title: 'ContentsContents', depth: 1 },
  { title: 'Seeing the big pictureSeeing the big picture', depth: 1 },
  { title: 'Level 1: Administrative Assistant (AA) and Administrative Officer (AO)', depth: 2 },
  { title: 'Changing and improvingChanging and improving', depth: 1 },
];
const SPACELESS = [
  { title: 'Administrative Assistant(AA)', depth: 0 },
  { title: 'Contents', depth: 1 },
  { title: 'Seeing the big picture', depth: 1 },
  { title: 'Level 1: Administrative Assistant (AA) andAdministrative Officer (AO)', depth: 2 },
  { title: 'Changing and improving', depth: 1 },
];

describe('PDF outline titles', () => {
  it('nests headings under the nearest earlier heading of a higher rank', () => {
    expect(expectedOutline(HEADINGS).map((e) => e.depth)).toEqual([0, 1, 1, 2, 1]);
    expect(
      expectedOutline([
        { level: 2, text: 'a' },
        { level: 4, text: 'b' },
        { level: 3, text: ' c\n d ' },
      ]),
    ).toEqual([
      { title: 'a', depth: 0 },
      { title: 'b', depth: 1 },
      { title: 'c d', depth: 1 },
    ]);
  });

  for (const [name, broken] of [
    ['doubled titles', DOUBLED],
    ['titles that lost a space where they wrapped', SPACELESS],
  ] as const) {
    it(`the test of our promise fails on ${name}, and the repair makes it pass`, async () => {
      const doc = await pdfWithOutline(broken);
      const before = await doc.save();
      await expect(expectOutlineOfHeadings(before, HTML)).rejects.toThrow();

      expect(repairOutline(doc, HEADINGS, 'AA pack')).toBeGreaterThan(0);
      const after = await doc.save();
      await expectOutlineOfHeadings(after, HTML);
      expect(await pdfOutline(after)).toEqual(expectedOutline(HEADINGS));
    });
  }

  it('leaves a right outline alone', async () => {
    const doc = await pdfWithOutline(expectedOutline(HEADINGS));
    expect(repairOutline(doc, HEADINGS, 'AA pack')).toBe(0);
    expect(readOutline(doc).map((e) => e.title)).toEqual(HEADINGS.map((h) => h.text));
  });

  it('refuses an outline with another shape, or none, with OutlineMismatch', async () => {
    for (const entries of [DOUBLED.slice(0, 3), DOUBLED.map((e) => ({ ...e, depth: 0 })), []]) {
      const doc = await pdfWithOutline(entries);
      let error: unknown;
      try {
        repairOutline(doc, HEADINGS, 'AA pack');
      } catch (e) {
        error = e;
      }
      expect(isGradepackError(error) && error.code).toBe('OutlineMismatch');
    }
  });
});
