import type { PageLine } from './lines';
import type { PdfPage } from './pdf-text';

/** Lines within this many points of the bottom edge are page furniture (footer and page number). */
const FOOTER_BAND = 42;
/** A line this many points larger than the page's running text is a heading. */
const HEADING_STEP = 0.5;

/** A page's lines, split into footer furniture and content, with the size of its running text. */
export interface LaidOutPage {
  page: number;
  footer: PageLine[];
  content: PageLine[];
  bodySize: number;
}

export function layOut(page: PdfPage, lines: PageLine[]): LaidOutPage {
  const footer = lines.filter((l) => l.y > page.height - FOOTER_BAND);
  const content = lines.filter((l) => l.y <= page.height - FOOTER_BAND);
  return { page: page.page, footer, content, bodySize: bodySize(content) };
}

export function isHeadingLike(line: PageLine, page: LaidOutPage): boolean {
  return line.size - page.bodySize > HEADING_STEP;
}

/**
 * The size of the page's running text: its smallest (footers are already set apart). The most
 * frequent size would do on a full page, but not on a short one, where a heading outweighs the text.
 */
function bodySize(lines: PageLine[]): number {
  return lines.reduce((min, l) => Math.min(min, l.size), Infinity);
}
