/**
 * Page furniture of the 2012 "By Grade - SMS 1" PDF as it survives in the text extraction: the
 * copyright footer (which the extraction can drop into the middle of a sentence), the running title
 * and page numbers.
 */
const COPYRIGHT_FOOTER = /\s*©\s*Crown Copyright(?:\s+[A-Z][a-z]+)?(?:\s+\d{4})?/gi;
const RUNNING_TITLE = /^Civil Service Competency Framework By Grade\s*[–—-]\s*SMS 1$/i;
const PAGE_NUMBER = /^(?:Page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?$/i;

export const isRunningTitle = (text: string): boolean => RUNNING_TITLE.test(text.trim());

/** The line without furniture; '' when the whole line is furniture. Keeps TABs (they separate columns). */
export function stripFurniture(raw: string): string {
  const text = raw.replace(COPYRIGHT_FOOTER, ' ').replace(/ {2,}/g, ' ');
  const bare = text.trim();
  if (isRunningTitle(bare) || PAGE_NUMBER.test(bare)) return '';
  return text.replace(/ +\t/g, '\t').replace(/\t +/g, '\t');
}

/** Column headers of a behaviour table, repeated where the table breaks across pages. */
const COLUMN_HEADERS = [
  /^Effective Behaviour$/i,
  /^Ineffective Behaviour$/i,
  /^People who are effective are likely to$/i,
  /^People who are less effective are likely to$/i,
];

export const isColumnHeader = (cell: string): boolean => COLUMN_HEADERS.some((h) => h.test(cell.trim()));
