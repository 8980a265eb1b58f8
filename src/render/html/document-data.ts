import type { DocumentDate } from '../../model/document-date';
import type { PackView } from '../../model/pack-view';
import type { Framework } from '../../model/schema';

/**
 * The parts of a document's template data that packs and the reference share: language, title,
 * the cover's facts about the framework and its source, and the dates, all as display strings.
 */
export const DOCUMENT_LANG = 'en-GB';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "14 October 2024", in UTC, so that the machine's time zone and locale never change a document. */
export function displayDate(date: Date): string {
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** A model date ("2024-10-14", "2018-05", "2014") at its own precision: "14 October 2024", "May 2018", "2014". */
export function displaySourceDate(date: string | null | undefined): string | null {
  if (!date) return null;
  const [y, m, d] = date.split('-').map(Number);
  if (!y) return date;
  if (!m) return String(y);
  return d ? `${d} ${MONTHS[m - 1]} ${y}` : `${MONTHS[m - 1]} ${y}`;
}

/** A document date as printed, at the precision it has: "April 2014", "23 November 2026". */
export function displayDocumentDate(date: DocumentDate): string {
  return date.basis === 'build' ? displayDate(date.instant) : displaySourceDate(date.iso)!;
}

/** Where a document's date comes from, in words, after the date on the cover. */
export const DOCUMENT_DATE_BASIS: Record<DocumentDate['basis'], string> = {
  published: 'the date of the source',
  captured: 'the day the source was captured',
  build: 'the date of this build',
};

export interface FrameworkData {
  id: string;
  title: string;
  publisher: string;
  edition: string;
  licence: string;
  url: string | null;
  /** The source's own publication date, for display, or null where the source gives none. */
  sourceDate: string | null;
  /** The day an undated source was captured, for display, or null. */
  captured: string | null;
  sources: { file: string; format: string }[];
}

export function frameworkData(framework: PackView['framework'] | Framework): FrameworkData {
  return {
    id: framework.id,
    title: framework.title,
    publisher: framework.publisher,
    edition: framework.edition,
    licence: framework.licence,
    url: framework.url,
    sourceDate: displaySourceDate(framework.date),
    captured: displaySourceDate(framework.captured),
    sources: framework.sources.map((s) => ({ file: s.file, format: s.format })),
  };
}

export interface ContentsEntry {
  anchor: string;
  title: string;
  /** The page the entry starts on, as text; empty in HTML and in the first PDF pass. */
  page: string;
}

/** Fragment identifiers for headings: stable, unique within a document, safe in HTML and PDF names. */
export function competencyAnchor(competencyId: string): string {
  return `competency-${competencyId}`;
}

/** Page numbers per anchor (from a first PDF pass), or null when they are not known yet. */
export type PageNumbers = ReadonlyMap<string, number> | null;

/** What a layout needs to know about where it is going. */
export interface MediumData {
  lang: string;
  /** True when rendering for print (PDF); false for the HTML page. */
  print: boolean;
  /** True when the contents show page numbers (print only). */
  pageNumbers: boolean;
  /** "14 October 2024", "April 2014": at the precision the date has. */
  documentDate: string;
  /** The same for <time datetime>: "2024-10-14", "2014-04". */
  documentDateIso: string;
  /** What the date is: "the date of the source", "the day the source was captured; ...". */
  documentDateBasis: string;
}

export function mediumData(date: DocumentDate, print: boolean): MediumData {
  return {
    lang: DOCUMENT_LANG,
    print,
    pageNumbers: print,
    documentDate: displayDocumentDate(date),
    documentDateIso: date.iso,
    documentDateBasis: DOCUMENT_DATE_BASIS[date.basis],
  };
}

/** In the first pass a placeholder as wide as a two-digit number holds the column's width. */
export const PAGE_PLACEHOLDER = '00';

export function pageText(pages: PageNumbers, anchor: string, print: boolean): string {
  if (!print) return '';
  const page = pages?.get(anchor);
  return page === undefined ? PAGE_PLACEHOLDER : String(page);
}
