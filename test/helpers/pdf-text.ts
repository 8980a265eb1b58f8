import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import type { PackView } from '../../src/model/pack-view';
import { GRADES, type Framework, type GradeId } from '../../src/model/schema';

const run = promisify(execFile);

/**
 * Checks on the text of a rendered pack, as pdftotext extracts it. Text is compared after
 * normalisation (Unicode compatibility forms, so ligatures become letters; case folded; soft
 * hyphens, hyphens at line ends, spaces, line breaks and punctuation dropped), because a PDF
 * wraps lines wherever the page ends them.
 */

/** The text of a PDF, pages separated by form feeds. `raw` keeps content-stream order (table cells stay whole). */
export async function pdfToText(pdf: Uint8Array, mode: 'raw' | 'reading' = 'raw'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gradepack-pdftext-'));
  try {
    const file = join(dir, 'in.pdf');
    await writeFile(file, pdf);
    const args = [...(mode === 'raw' ? ['-raw'] : []), '-enc', 'UTF-8', file, '-'];
    const { stdout } = await run('pdftotext', args, { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** pdfinfo's fields ("Pages", "Tagged", "Title", "Page size", ...). */
export async function pdfInfo(pdf: Uint8Array): Promise<Record<string, string>> {
  const dir = await mkdtemp(join(tmpdir(), 'gradepack-pdfinfo-'));
  try {
    const file = join(dir, 'in.pdf');
    await writeFile(file, pdf);
    const { stdout } = await run('pdfinfo', [file]);
    return Object.fromEntries(
      stdout
        .split('\n')
        .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => [m[1]!.trim(), m[2]!.trim()]),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function pdfPages(text: string): string[] {
  const pages = text.split('\f');
  return pages[pages.length - 1]!.trim() === '' ? pages.slice(0, -1) : pages;
}

export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\u00ad/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

export interface PackTextExpectations {
  /** Every indicator, intro and note the pack shows, by indicator id (or a label). */
  present: { id: string; text: string }[];
  /** Indicators only a higher level (or, where text is written per grade, a higher grade) has. */
  absent: { id: string; text: string }[];
}

/**
 * What a pack's text must and must not contain. "Only a higher level has": an indicator of a level
 * above the pack's levels, or of a grade above the pack's grade, whose text does not also appear
 * in what the pack shows (a lower level can repeat a higher one's words).
 */
export function packTextExpectations(view: PackView, framework: Framework): PackTextExpectations {
  const present = view.competencies.flatMap((c) => c.sections.flatMap((s) => s.indicators.map((i) => ({ id: i.id, text: i.text }))));
  const shown = normalizeText(
    view.competencies
      .flatMap((c) => [c.title, c.description ?? '', ...c.sections.flatMap((s) => [s.note ?? '', s.intro?.text ?? '', ...s.indicators.map((i) => i.text)])])
      .join('\n'),
  );
  const order = new Map(framework.levels.map((l) => [l.id, l.order]));
  const top = Math.max(...view.target.levels.map((l) => order.get(l) ?? -Infinity));
  const gradeRank = (g: GradeId) => GRADES.indexOf(g);
  const absent = framework.competencies.flatMap((c) =>
    c.levels.flatMap((level) =>
      level.indicators
        .filter((i) => (order.get(level.level) ?? -Infinity) > top || (view.target.grade !== null && i.grade !== null && gradeRank(i.grade) > gradeRank(view.target.grade)))
        .filter((i) => !shown.includes(normalizeText(i.text)))
        .map((i) => ({ id: i.id, text: i.text })),
    ),
  );
  return { present, absent };
}

/** Asserts that `text` (a pack's extracted text) has every indicator of its view and none that only a higher level has. */
export function expectPackText(text: string, view: PackView, framework: Framework): void {
  const { present, absent } = packTextExpectations(view, framework);
  const haystack = normalizeText(text);
  const where = `${view.target.framework} ${view.target.key}`;
  expect(present.length, `${where}: the pack should show some indicators`).toBeGreaterThan(0);
  expect(present.filter((i) => !haystack.includes(normalizeText(i.text))).map((i) => i.id), `${where}: indicators missing from the text`).toEqual([]);
  expect(absent.filter((i) => haystack.includes(normalizeText(i.text))).map((i) => i.id), `${where}: indicators of a higher level in the text`).toEqual([]);
}

/** Asserts that no indicator is cut across pages: each one's text is whole on a single page. */
export function expectIndicatorsWholeOnAPage(text: string, view: PackView): void {
  const pages = pdfPages(text).map(normalizeText);
  const indicators = view.competencies.flatMap((c) => c.sections.flatMap((s) => s.indicators));
  const split = indicators.filter((i) => !pages.some((p) => p.includes(normalizeText(i.text)))).map((i) => i.id);
  expect(split, `${view.target.framework} ${view.target.key}: indicators not whole on one page`).toEqual([]);
}

/** The outline (bookmarks) of a PDF as indented titles, depth first. */
export async function pdfOutline(pdf: Uint8Array): Promise<{ title: string; depth: number }[]> {
  const { PDFDocument, PDFDict, PDFName, PDFString, PDFHexString } = await import('pdf-lib');
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const out: { title: string; depth: number }[] = [];
  const visit = (item: unknown, depth: number) => {
    let node = item;
    let guard = 0;
    while (node instanceof PDFDict && guard++ < 10_000) {
      const title = node.lookup(PDFName.of('Title'));
      if (title instanceof PDFString || title instanceof PDFHexString) out.push({ title: title.decodeText(), depth });
      visit(node.lookup(PDFName.of('First')), depth + 1);
      node = node.lookup(PDFName.of('Next'));
    }
  };
  const outlines = doc.catalog.lookup(PDFName.of('Outlines'));
  if (outlines instanceof PDFDict) visit(outlines.lookup(PDFName.of('First')), 0);
  return out;
}

/** The catalog's /Lang, or null. */
export async function pdfLanguage(pdf: Uint8Array): Promise<string | null> {
  const { PDFDocument, PDFName, PDFString, PDFHexString } = await import('pdf-lib');
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const lang = doc.catalog.lookup(PDFName.of('Lang'));
  return lang instanceof PDFString || lang instanceof PDFHexString ? lang.decodeText() : null;
}

/** pdffonts' rows: font name, type and whether it is embedded. */
export async function pdfFonts(pdf: Uint8Array): Promise<{ name: string; type: string; embedded: boolean }[]> {
  const dir = await mkdtemp(join(tmpdir(), 'gradepack-pdffonts-'));
  try {
    const file = join(dir, 'in.pdf');
    await writeFile(file, pdf);
    const { stdout } = await run('pdffonts', [file]);
    return stdout
      .split('\n')
      .slice(2)
      .filter((l) => l.trim())
      .map((line) => {
        const m = /^(\S+)\s+(.+?)\s{2,}\S+\s+(yes|no)\s+(yes|no)\s+(yes|no)/.exec(line);
        return { name: m?.[1] ?? line, type: m?.[2] ?? '', embedded: m?.[3] === 'yes' };
      });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The smallest font size used for text, in points, estimated from pdftotext's word boxes
 * (a Liberation Sans word box is 1.1175 times the font size tall).
 */
export async function smallestTextSize(pdf: Uint8Array): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'gradepack-pdfbbox-'));
  try {
    const file = join(dir, 'in.pdf');
    await writeFile(file, pdf);
    const { stdout } = await run('pdftotext', ['-bbox', file, '-'], { maxBuffer: 64 * 1024 * 1024 });
    const heights = [...stdout.matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"/g)].map((m) => Number(m[2]) - Number(m[1]));
    return Math.min(...heights) / 1.1175;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
