import { expect } from 'vitest';
import type { DocumentDate } from '../../src/model/document-date';
import type { PackView } from '../../src/model/pack-view';
import type { Framework } from '../../src/model/schema';
import { packData, referenceData } from '../../src/render/html';
import { normalizeText } from './pdf-text';

/**
 * Where text lands on the pages of a printed document, for checks on page breaks. pdf.js reads
 * each page's text runs with their positions; what lies in the top and bottom margins (running
 * header and footer) is left out; the rest is normalised (normalizeText) into one string, and the
 * pieces of the document are found in reading order, each after the one before: so a text
 * repeated in the document ("Level 2: EO" under each competency) is found where it belongs.
 */
export interface Located {
  text: string;
  /** 1-based pages on which the piece starts and ends. */
  start: number;
  end: number;
  /** How far down its last page the piece ends: 0 at the top margin, 1 at the bottom one. */
  endDepth: number;
}

export interface PageFlow {
  pages: number;
  /** The body text of a page (1-based), normalised. */
  pageText(page: number): string;
  /** How far down a page (1-based) its body text reaches, 0 to 1. */
  fill(page: number): number;
  /** Finds `text` after the previous piece found; fails the test when it is not there. */
  next(text: string, what?: string): Located;
  /** Moves past `text` without recording it (e.g. past the contents, which repeat the headings). */
  skipPast(text: string): void;
}

export interface Margins {
  /** Millimetres, as in the print options. */
  top: number;
  bottom: number;
}

/** src/render/pdf/render-pdf.ts PAGE_MARGINS. */
export const DOCUMENT_MARGINS: Margins = { top: 24, bottom: 20 };

const MM = 72 / 25.4;

export async function pageFlow(pdf: Uint8Array, margins: Margins = DOCUMENT_MARGINS): Promise<PageFlow> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: pdf.slice(), verbosity: 0, isEvalSupported: false }).promise;
  // One entry per character of the normalised text: its page and depth.
  const pageOf: number[] = [];
  const depthOf: number[] = [];
  const texts: string[] = [];
  const fills: number[] = [];
  let all = '';
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const height = (page.view as number[])[3]!;
      const top = height - margins.top * MM;
      const bottom = margins.bottom * MM;
      let text = '';
      let deepest = 0;
      for (const item of (await page.getTextContent()).items) {
        if (!('str' in item)) continue;
        const y = item.transform[5] as number;
        if (y <= bottom || y >= top) continue;
        const norm = normalizeText(item.str);
        if (norm === '') continue;
        const depth = (top - y) / (top - bottom);
        deepest = Math.max(deepest, depth);
        for (let i = 0; i < norm.length; i++) {
          pageOf.push(n);
          depthOf.push(depth);
        }
        text += norm;
      }
      texts.push(text);
      fills.push(deepest);
      all += text;
    }
  } finally {
    await doc.destroy();
  }
  let cursor = 0;
  const find = (text: string, what: string): Located => {
    const needle = normalizeText(text);
    const at = all.indexOf(needle, cursor);
    expect(at, `${what}: "${text.slice(0, 80)}" is not in the text after the previous piece`).toBeGreaterThanOrEqual(0);
    cursor = at + needle.length;
    const last = at + needle.length - 1;
    return { text, start: pageOf[at]!, end: pageOf[last]!, endDepth: depthOf[last]! };
  };
  return {
    pages: texts.length,
    pageText: (page) => texts[page - 1] ?? '',
    fill: (page) => fills[page - 1] ?? 0,
    next: (text, what = 'text') => find(text, what),
    skipPast: (text) => {
      find(text, 'landmark');
    },
  };
}

/** A list's items, by page: fails if the list is split leaving a single item at the end or the start of a page. */
export function expectNoLoneItem(items: Located[], what: string): void {
  if (items.length < 2) return;
  const first = items[0]!.start;
  const last = items[items.length - 1]!.start;
  if (first === last) return;
  const on = (page: number) => items.filter((i) => i.start === page).length;
  expect(on(first), `${what}: items at the foot of page ${first}`).toBeGreaterThanOrEqual(2);
  expect(on(last), `${what}: items at the top of page ${last}`).toBeGreaterThanOrEqual(2);
}

/** A piece of text that must not be split over two pages. */
export function expectWhole(piece: Located, what: string): Located {
  expect(piece.end, `${what} is split over pages ${piece.start} and ${piece.end}: "${piece.text.slice(0, 60)}"`).toBe(piece.start);
  return piece;
}

/** A heading and the first lines under it share a page. */
export function expectTogether(heading: Located, first: Located | undefined, what: string): void {
  if (first) expect(first.start, `${what} "${heading.text}" ends page ${heading.start} away from its first lines`).toBe(heading.start);
}

const ANY_DATE: DocumentDate = { instant: new Date(0), iso: '1970-01-01', basis: 'build' };
/** Room a competency needs above its heading on a page it shares (its 24pt top margin), and some slack. */
const HEADING_ROOM = 0.06;

/**
 * How a pack's pages break. The cover keeps to page 1 and the contents start page 2; each heading
 * (competency, level) is on the page of its first lines, with its description, note and
 * introduction whole; no indicator is split, no list leaves one indicator alone at the foot or the
 * top of a page. And competencies flow: one starts a page only when its heading and first lines
 * (down to the list's second indicator) would not have fitted in the room left on the page before.
 */
export async function expectPackPageBreaks(pdf: Uint8Array, view: PackView): Promise<void> {
  const data = packData(view, { date: ANY_DATE, print: true });
  const where = `${view.target.framework} ${view.target.key}`;
  const flow = await pageFlow(pdf);
  expect(flow.pageText(1), `${where}: the cover keeps to page 1`).toContain('documentdate');
  expect(flow.pageText(2).startsWith('contents'), `${where}: page 2 starts with the contents`).toBe(true);
  flow.skipPast('How to read this pack');
  let previous = flow.next('the rest are new at this level', 'the end of "How to read"');
  for (const c of data.competencies) {
    const previousEnd = previous.end;
    const opening = c.cluster ? flow.next(c.cluster, `${where} ${c.title}: cluster`) : null;
    const title = flow.next(c.title, `${where}: competency heading`);
    const whole = (piece: Located, what: string) => expectWhole(piece, `${where} ${c.title}: ${what}`);
    /** The end of what must share the heading's page: the chain of headings, notes and introductions, down to the first list's second indicator. */
    const firstLines: Located[] = [];
    if (c.description) whole(flow.next(c.description, 'description'), 'description');
    for (const s of c.sections) {
      const heading = whole(flow.next(s.heading, 'level heading'), 'level heading');
      const sectionFirst: Located[] = [];
      if (s.note) sectionFirst.push(whole(flow.next(s.note, 'note'), 'note'));
      if (s.intro) whole(flow.next(s.intro, 'introduction'), 'introduction');
      if (s.isEmpty) sectionFirst.push(flow.next('The source has no text at this level.'));
      for (const g of s.groups) {
        if (g.heading) flow.next(g.heading, 'group heading');
        const list = (indicators: typeof g.newIndicators, label: string) => {
          const items = indicators.map((i) => whole(flow.next(i.text, `${where} ${c.title}: indicator ${i.id}`), `indicator ${i.id}`));
          expectNoLoneItem(items, `${where} ${c.title} ${s.heading} ${g.polarity} ${label}`);
          // The first lines run down to the list's second indicator: CSS keeps a list's first two
          // indicators together, and its last two, so a list of three or fewer goes whole.
          if (firstLines.length === 0 && items.length > 0) firstLines.push(items[items.length <= 3 ? items.length - 1 : 1]!);
          sectionFirst.push(...items);
        };
        if (g.hasCarried) {
          if (g.hasNew) flow.next('New at this level', 'label');
          list(g.newIndicators, 'new');
          flow.next('Carried over from the level below', 'label');
          list(g.carriedIndicators, 'carried');
        } else {
          list(g.newIndicators, 'indicators');
        }
      }
      expectTogether(heading, sectionFirst[0], `${where}: level heading`);
      // A note or an introduction keeps with what follows, down to a list; a "no text" line ends.
      if (firstLines.length === 0 && s.isEmpty) firstLines.push(sectionFirst.at(-1)!);
      previous = sectionFirst.at(-1) ?? heading;
    }
    if (c.sections.length === 0) {
      previous = flow.next('The source has no text for this competency at this level.');
      firstLines.push(previous);
    }
    expectTogether(title, firstLines[0], `${where}: competency heading`);
    const start = opening ?? title;
    if (firstLines[0] && previousEnd < start.start) {
      const lastPage = start.start - 1;
      const room = 1 - flow.fill(lastPage);
      const needed = firstLines[0].endDepth;
      expect(
        room,
        `${where}: "${c.title}" starts page ${start.start}, though its first lines (${needed.toFixed(2)} of a page) fit the ${room.toFixed(2)} left on page ${lastPage}`,
      ).toBeLessThan(needed + HEADING_ROOM);
    }
  }
}

/**
 * How a reference's pages break: the cover keeps to page 1; "How to read" shares its page with the
 * contents; each competency's heading is on the page where its table's first row starts (never a
 * heading over an empty table); and every page after the contents holds at least two indicators,
 * whole or in part (never a page of one stray indicator). A table row longer than a page breaks
 * inside indicators where it must.
 */
export async function expectReferencePageBreaks(pdf: Uint8Array, framework: Framework): Promise<void> {
  const flow = await pageFlow(pdf);
  expect(flow.pageText(1), `${framework.id}: the cover keeps to page 1`).toContain('documentdate');
  expect(flow.pageText(2).startsWith('contents'), `${framework.id}: page 2 starts with the contents`).toBe(true);
  expect(flow.pageText(2), `${framework.id}: "How to read" is on the contents' page`).toContain(normalizeText('How to read this document'));
  const data = referenceData(framework, { date: ANY_DATE, print: true });
  const ends = (text: string) => {
    const n = normalizeText(text);
    return [n.slice(0, 24), n.slice(-24)];
  };
  flow.skipPast('How to read this document');
  for (const c of data.competencies) {
    const title = flow.next(c.title, `${framework.id}: competency heading`);
    const firstRow = c.rows[0]!.cells.flatMap((cell) => cell.indicators.slice(0, 1).map((i) => ends(i.text)[0]!));
    const page = flow.pageText(title.start);
    expect(
      firstRow.some((start) => page.includes(start)),
      `${framework.id}: "${c.title}" (page ${title.start}) is not on the page where its table's first row starts`,
    ).toBe(true);
  }
  const indicators = [...new Set(framework.competencies.flatMap((c) => c.levels.flatMap((l) => l.indicators.map((i) => i.text))))].map(ends);
  for (let page = 3; page <= flow.pages; page++) {
    const text = flow.pageText(page);
    const present = indicators.filter(([start, end]) => text.includes(start!) || text.includes(end!)).length;
    expect(present, `${framework.id}: page ${page} holds ${present} indicator(s)`).toBeGreaterThanOrEqual(2);
  }
}

/**
 * Every indicator of every level is in the reference: whole on a page, or, where a table row
 * longer than a page breaks inside it, its beginning at the foot of one page and its end at the top
 * of the next.
 */
export async function expectEveryIndicatorInReference(pdf: Uint8Array, framework: Framework): Promise<void> {
  const flow = await pageFlow(pdf);
  const pages = Array.from({ length: flow.pages }, (_, i) => flow.pageText(i + 1));
  const missing = framework.competencies
    .flatMap((c) => c.levels.flatMap((l) => l.indicators))
    .filter((i) => {
      const n = normalizeText(i.text);
      if (pages.some((p) => p.includes(n))) return false;
      // Split at some point k: the first part on one page, the rest on the next.
      return !pages.some((p, at) => {
        for (let k = 8; k <= n.length - 8; k++) if (p.includes(n.slice(0, k)) && (pages[at + 1] ?? '').includes(n.slice(k))) return true;
        return false;
      });
    });
  expect(missing.map((i) => i.id)).toEqual([]);
}
