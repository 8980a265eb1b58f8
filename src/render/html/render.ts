import type { DocumentDate } from '../../model/document-date';
import type { PackView } from '../../model/pack-view';
import type { Framework } from '../../model/schema';
import { withoutControlCharacters } from '../../model/text';
import { embedFonts, embedFontsInFragment } from '../fonts';
import type { PageNumbers } from './document-data';
import { packData } from './pack-data';
import { referenceData } from './reference-data';
import { runningData } from './running-data';
import { join } from 'node:path';
import { GradepackError } from '../../model/errors';
import { LAYOUT_FILES, type LayoutName, type PackTemplates } from './templates';

/**
 * A document rendered from the templates: its HTML, and what printing it needs (title, language,
 * the anchors whose pages the contents list, Chromium's running header and footer, orientation).
 */
export interface HtmlDocument {
  html: string;
  title: string;
  lang: string;
  /** Fragment ids of the headings the contents list, in order. */
  anchors: string[];
  /** Chromium header and footer templates (print only; empty for the HTML page). */
  header: string;
  footer: string;
  landscape: boolean;
  /** The PDF's Author, Subject and Keywords (Info dictionary and XMP). */
  metadata: { author: string; subject: string; keywords: string[] };
}

export interface DocumentOptions {
  /** The document date (src/pipeline/document-date.ts). */
  date: DocumentDate;
  /** true: for PDF (contents with page numbers, print furniture); false: the HTML page. */
  print: boolean;
  /** Pages of the contents' anchors from a first pass; placeholders when absent. */
  pages?: PageNumbers;
}

export function packDocument(view: PackView, templates: PackTemplates, options: DocumentOptions): HtmlDocument {
  const data = packData(view, options);
  const layout: LayoutName = view.target.kind === 'proficiency' ? 'proficiencyPack' : 'gradePack';
  return finish(templates, layout, data, false, {
    author: data.framework.publisher,
    subject: `${data.kindLabel} for ${data.target.label}: what ${data.framework.title} (${data.framework.edition}) expects at ${data.target.levelLabels}`,
    keywords: [data.framework.id, data.target.key, data.kindLabel.toLowerCase()],
  });
}

export function referenceDocument(framework: Framework, templates: PackTemplates, options: DocumentOptions): HtmlDocument {
  const data = referenceData(framework, options);
  return finish(templates, 'reference', data, true, {
    author: data.framework.publisher,
    subject: `${data.kindLabel}: every level of ${data.framework.title} (${data.framework.edition}) side by side`,
    keywords: [data.framework.id, 'all levels', data.kindLabel.toLowerCase()],
  });
}

/** The accessible HTML page of a pack. */
export function renderPackHtml(view: PackView, templates: PackTemplates, options: { date: DocumentDate }): string {
  return packDocument(view, templates, { date: options.date, print: false }).html;
}

/** The accessible HTML page of a framework's reference document (all levels side by side). */
export function renderReferenceHtml(framework: Framework, templates: PackTemplates, options: { date: DocumentDate }): string {
  return referenceDocument(framework, templates, { date: options.date, print: false }).html;
}

function finish(
  templates: PackTemplates,
  layout: LayoutName,
  data: ReturnType<typeof packData> | ReturnType<typeof referenceData>,
  landscape: boolean,
  metadata: HtmlDocument['metadata'],
): HtmlDocument {
  const running = runningData(data);
  const html = withoutControlCharacters(templates.render(layout, data));
  checkLanguageAndTitle(html, data, join(templates.dir, LAYOUT_FILES[layout]));
  return {
    html: embedFonts(html, data.title),
    title: data.title,
    lang: data.lang,
    anchors: data.contents.map((c) => c.anchor),
    header: data.print ? embedFontsInFragment(withoutControlCharacters(templates.render('runningHeader', running)), data.title) : '',
    footer: data.print ? embedFontsInFragment(withoutControlCharacters(templates.render('runningFooter', running)), data.title) : '',
    landscape,
    metadata,
  };
}

/**
 * A page without its language or title is not accessible (a screen reader guesses the language;
 * the PDF falls back to "about:blank"): a layout that lost `<html lang="{{lang}}">` or
 * `<title>{{title}}</title>` is refused, naming the layout, before anything is printed.
 */
function checkLanguageAndTitle(html: string, data: { lang: string; title: string }, layoutFile: string): void {
  const lang = /<html\b[^>]*?\slang\s*=\s*"([^"]*)"/i.exec(html)?.[1];
  const hasTitle = /<title\b[^>]*>[^<]*\S[^<]*<\/title>/i.test(html);
  const problems = [
    lang === data.lang ? null : `its <html> has ${lang === undefined ? 'no lang' : `lang="${lang}"`}, not lang="${data.lang}"`,
    hasTitle ? null : 'it has no <title>',
  ];
  const found = problems.filter(Boolean);
  if (found.length > 0) {
    throw new GradepackError(
      'RenderFailed',
      `The page made from it would not be accessible: ${found.join('; ')}.`,
      { file: layoutFile },
      'Keep <html lang="{{lang}}"> and <title>{{title}}</title> in the layout (templates/README.md).',
    );
  }
}
