/**
 * The date a generated document carries, and what it is. Documents never show a date they do not
 * have: a source with a publication date gives it at its own precision ("2014-04" is April 2014,
 * not 1 April); a source without one (web pages) gives the day it was captured; SOURCE_DATE_EPOCH,
 * when set, is the date of the build. The clock is never read.
 */
export interface DocumentDate {
  /** The instant written into metadata (PDF Info and XMP, docx core properties, zip entries). */
  instant: Date;
  /** The date as it is known: "2024-10-14" or "2014-04" (published), "2026-11-23" (captured), the day of the build. Valid as an HTML datetime. */
  iso: string;
  basis: 'published' | 'captured' | 'build';
}

/** What `check` and the manifest show for a document date: "2014-04 (published)". */
export function describeDocumentDate(date: DocumentDate): string {
  return date.basis === 'build' ? `${date.instant.toISOString()} (SOURCE_DATE_EPOCH)` : `${date.iso} (${date.basis})`;
}
