import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentDate } from '../../src/pipeline/document-date';
import { packTargets, packView, type PackTarget, type PackView } from '../../src/model/pack-view';
import { packDocument, referenceDocument } from '../../src/render/html/render';
import type { Framework } from '../../src/model/schema';
import { BrowserPool } from '../../src/render/browser/pool';
import { loadPackTemplates, packTitle, referenceTitle, type PackTemplates } from '../../src/render/html';
import { renderPackPdf, renderReferencePdf, type PdfDocument } from '../../src/render/pdf';
import { ingestWith, realSource } from '../helpers/ingest';
import { expectEveryIndicatorInReference, expectPackPageBreaks, expectReferencePageBreaks } from '../helpers/page-flow';
import { expectConsistentMetadata } from '../helpers/pdf-metadata';
import {
  expectIndicatorsWholeOnAPage,
  expectOutlineOfHeadings,
  expectPackText,
  normalizeText,
  pdfFonts,
  pdfInfo,
  pdfLanguage,
  pdfOutline,
  pdfPages,
  pdfToText,
  smallestTextSize,
} from '../helpers/pdf-text';
import { effectiveIneffectiveLike, odpCoreSkillsLike, odpScsLike, singleLevelLike } from './fixtures';
import { TEMPLATES } from './template-helpers';

const A4_PORTRAIT = 'A4 portrait';
const A4_LANDSCAPE = 'A4 landscape';

let pool: BrowserPool;
let templates: PackTemplates;
let successProfiles: Framework;
const rendered = new Map<string, PdfDocument>();

beforeAll(async () => {
  [pool, templates, successProfiles] = await Promise.all([
    BrowserPool.launch(2),
    loadPackTemplates(TEMPLATES),
    ingestWith('success-profiles-2024', [realSource('success-profiles-behaviours-2024.txt')]).then((r) => r.framework),
  ]);
  // All packs at once, sharing the pool's two pages, as a build does.
  const date = documentDate(successProfiles, {});
  await Promise.all([
    ...packTargets(successProfiles).map(async (t) => rendered.set(t.key, await renderPackPdf(pool, packView(successProfiles, t), templates, { date }))),
    renderReferencePdf(pool, successProfiles, templates, { date }).then((r) => rendered.set('reference', r)),
  ]);
});

afterAll(async () => {
  await pool?.close();
});

/** The HTML a pack or reference PDF was printed from (its last pass, with the contents' page numbers). */
const printedPack = (framework: Framework, view: PackView, doc: PdfDocument) =>
  packDocument(view, templates, { date: documentDate(framework, {}), print: true, pages: doc.pages }).html;
const printedReference = (framework: Framework, doc: PdfDocument) =>
  referenceDocument(framework, templates, { date: documentDate(framework, {}), print: true, pages: doc.pages }).html;

/**
 * Everything every PDF must be: tagged, A4, at least two pages, bookmarks titled as the headings
 * they point at, a title and language, the embedded pinned fonts at 12pt or more. `html` is the
 * document as printed.
 */
async function expectAccessiblePdf(doc: PdfDocument, title: string, pageSize: string, html: string): Promise<{ text: string; pages: string[] }> {
  const info = await pdfInfo(doc.bytes);
  expect(info.tagged).toBe(true);
  expect(info.pageSize).toBe(pageSize);
  expect(info.pages).toBeGreaterThanOrEqual(2);
  expect(info.title).toBe(title);
  expect(await pdfLanguage(doc.bytes)).toBe('en-GB');

  // Tagged for real: headings, lists and the contents table are structure elements.
  const roles = new Set(
    [
      ...Buffer.from(doc.bytes)
        .toString('latin1')
        .matchAll(/\/S \/(\w+)/g),
    ].map((m) => m[1]),
  );
  for (const role of ['Document', 'H1', 'H2', 'L', 'LI', 'Table', 'TH', 'TD', 'Link']) expect(roles, `structure element ${role}`).toContain(role);

  await expectOutlineOfHeadings(doc.bytes, html);
  expect((await pdfOutline(doc.bytes)).map((o) => o.title)).toContain('Contents');

  const fonts = await pdfFonts(doc.bytes);
  expect(fonts.length).toBeGreaterThan(0);
  for (const font of fonts) {
    expect(font.embedded, font.name).toBe(true);
    expect(font.name, 'the pinned, embedded typeface').toMatch(/^[A-Z]{6}\+AtkinsonHyperlegible-(Regular|Bold)$/);
  }
  expect(await smallestTextSize(doc.bytes)).toBeGreaterThanOrEqual(11.95);

  const text = await pdfToText(doc.bytes);
  const pages = pdfPages(text);
  expect(pages).toHaveLength(info.pages);
  for (const [i, page] of pages.entries()) expect(page, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pages.length}`);
  return { text, pages };
}

/** The contents list each competency with the page its heading is on, and the outline has every heading. */
async function expectContents(doc: PdfDocument, pages: string[], competencies: { id: string; title: string }[]): Promise<void> {
  const contentsPage = pages.findIndex((p) => p.split('\n').some((l) => l.trim() === 'Contents'));
  expect(contentsPage).toBeGreaterThanOrEqual(0);
  const outline = (await pdfOutline(doc.bytes)).map((o) => o.title);
  for (const c of competencies) {
    const page = doc.pages.get(`competency-${c.id}`)!;
    // Competencies flow on from the contents' page.
    expect(page).toBeGreaterThanOrEqual(contentsPage + 1);
    expect(
      pages[contentsPage]!.split('\n').map((l) => l.trim()),
      `contents entry for ${c.title}`,
    ).toContain(`${c.title} ${page}`);
    expect(
      pages[page - 1]!.split('\n').map((l) => l.trim()),
      `heading of ${c.title} on page ${page}`,
    ).toContain(c.title);
    expect(outline).toContain(c.title);
  }
}

describe('success-profiles-2024 packs', () => {
  it('has a pack for each of the ten grades', () => {
    expect(packTargets(successProfiles).map((t) => t.key)).toEqual(['aa', 'ao', 'eo', 'heo', 'seo', 'g7', 'g6', 'scs1', 'scs2', 'scs3']);
  });

  for (const key of ['aa', 'ao', 'eo', 'heo', 'seo', 'g7', 'g6', 'scs1', 'scs2', 'scs3']) {
    it(`${key}: a tagged A4 PDF with every indicator of its level, none only a higher level has, and numbered contents`, async () => {
      const target = packTargets(successProfiles).find((t) => t.key === key)!;
      const view = packView(successProfiles, target);
      const doc = rendered.get(key)!;
      const { text, pages } = await expectAccessiblePdf(doc, packTitle(view), A4_PORTRAIT, printedPack(successProfiles, view, doc));
      expectPackText(text, view, successProfiles);
      expectIndicatorsWholeOnAPage(text, view);
      await expectPackPageBreaks(doc.bytes, view);
      await expectConsistentMetadata(doc.bytes, { title: packTitle(view), author: successProfiles.publisher, date: documentDate(successProfiles, {}).instant });
      await expectContents(doc, pages, view.competencies);
      expect(doc.passes).toBe(2);
      // Running header: the pack's name on every page.
      for (const p of pages) expect(normalizeText(p)).toContain(normalizeText(`${target.label} – ${successProfiles.title}`));
    });
  }

  it('reference: every indicator of every level, side by side on A4 landscape', async () => {
    const doc = rendered.get('reference')!;
    const { text, pages } = await expectAccessiblePdf(doc, referenceTitle(successProfiles), A4_LANDSCAPE, printedReference(successProfiles, doc));
    const haystack = normalizeText(text);
    await expectEveryIndicatorInReference(doc.bytes, successProfiles);
    await expectContents(doc, pages, successProfiles.competencies);
    await expectReferencePageBreaks(doc.bytes, successProfiles);
    await expectConsistentMetadata(doc.bytes, {
      title: referenceTitle(successProfiles),
      author: successProfiles.publisher,
      date: documentDate(successProfiles, {}).instant,
    });
    for (const level of successProfiles.levels) expect(haystack).toContain(normalizeText(level.label));
  });

  it('refused every request while rendering', () => {
    expect(pool.blocked).toEqual([]);
  });
});

describe('packs of frameworks shaped like the other adapters', () => {
  const cases: [string, () => Framework][] = [
    ['ODP core skills (proficiency levels)', odpCoreSkillsLike],
    ['ODP SCS (text per grade at each proficiency level)', odpScsLike],
    ['effective and ineffective pairs (MMO-like)', effectiveIneffectiveLike],
    ['a single level (CSCF SMS 1-like)', singleLevelLike],
  ];
  for (const [name, make] of cases) {
    it(`${name}: every pack has its level's indicators and none of a higher level or grade`, async () => {
      const framework = make();
      const date = documentDate(framework, {});
      const targets: PackTarget[] = packTargets(framework);
      const docs = await Promise.all(targets.map((t) => renderPackPdf(pool, packView(framework, t), templates, { date })));
      for (const [i, target] of targets.entries()) {
        const view = packView(framework, target);
        const { text, pages } = await expectAccessiblePdf(docs[i]!, packTitle(view), A4_PORTRAIT, printedPack(framework, view, docs[i]!));
        expectPackText(text, view, framework);
        expectIndicatorsWholeOnAPage(text, view);
        await expectPackPageBreaks(docs[i]!.bytes, view);
        // Each label read once, in the PDF's text as on the web page.
        expect(text.replace(/\s+/g, ' ')).not.toMatch(/New New|Carried over Carried over/);
        await expectContents(docs[i]!, pages, view.competencies);
        const notes = view.competencies.flatMap((c) => c.sections.map((s) => s.note).filter((n): n is string => n !== null));
        for (const note of notes) expect(normalizeText(text)).toContain(normalizeText(note));
      }
    });
  }

  it('ODP SCS reference: a row per grade, a column per proficiency level, every indicator', async () => {
    const framework = odpScsLike();
    const doc = await renderReferencePdf(pool, framework, templates, { date: documentDate(framework, {}) });
    const { text, pages } = await expectAccessiblePdf(doc, referenceTitle(framework), A4_LANDSCAPE, printedReference(framework, doc));
    const haystack = normalizeText(text);
    await expectEveryIndicatorInReference(doc.bytes, framework);
    for (const grade of ['Deputy Director (SCS1)', 'Director (SCS2)', 'Director General (SCS3)']) expect(haystack).toContain(normalizeText(grade));
    await expectContents(doc, pages, framework.competencies);
  });
});
