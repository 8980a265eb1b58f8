import type { PageLine } from './lines';
import { isHeadingLike, type LaidOutPage } from './page-layout';
import { joinParagraph } from './paragraph';
import { behaviourTitle, DEFINITIONS_HEADING } from './vocabulary';

export interface Definition {
  text: string;
  page: number;
}

export interface Definitions {
  byTitle: Map<string, Definition>;
  /** The page of the "Definitions of Behaviours" heading, or null when there is none. */
  page: number | null;
  /** Headings and text on that page that are not a behaviour's definition. */
  strays: { text: string; page: number; heading: boolean }[];
}

/**
 * The "Definitions of Behaviours" page among the pages before Level 1: each behaviour's title (a
 * heading) followed by its one-paragraph definition.
 */
export function readDefinitions(frontMatter: LaidOutPage[], vocabulary: string): Definitions {
  const byTitle = new Map<string, Definition>();
  const strays: Definitions['strays'] = [];
  const page = frontMatter.find((p) => p.content.some((l) => DEFINITIONS_HEADING.test(l.text)));
  if (!page) return { byTitle, page: null, strays };
  const headingAt = page.content.findIndex((l) => DEFINITIONS_HEADING.test(l.text));
  const blocks: { title: string; lines: PageLine[] }[] = [];
  for (const line of page.content.slice(headingAt + 1)) {
    if (isHeadingLike(line, page)) {
      const title = behaviourTitle(line.text);
      if (title) blocks.push({ title, lines: [] });
      else strays.push({ text: line.text, page: line.page, heading: true });
    } else if (blocks.length > 0) {
      blocks[blocks.length - 1]!.lines.push(line);
    } else {
      strays.push({ text: line.text, page: line.page, heading: false });
    }
  }
  for (const block of blocks) {
    const text = joinParagraph(block.lines, vocabulary).text;
    if (byTitle.has(block.title)) strays.push({ text: `${block.title}: ${text}`, page: page.page, heading: true });
    else if (text) byTitle.set(block.title, { text, page: page.page });
  }
  return { byTitle, page: page.page, strays };
}
