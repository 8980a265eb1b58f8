import type { ExtractionKind } from '../../../model/findings';
import { diagnostic, type Diagnostic, type Severity } from '../../../model/diagnostic';
import { GradepackError } from '../../../model/errors';
import type { Intro } from '../../../model/schema';
import { slugify } from '../../../model/slug';
import type { FrameworkEntry } from '../../registry';
import type { AdapterResult, ExtractedCompetency, ExtractedIndicator, ExtractedLevel } from '../../types';
import { readDefinitions } from './definitions';
import { pageLines, type PageLine } from './lines';
import { isHeadingLike, layOut, type LaidOutPage } from './page-layout';
import { joinParagraph, pageAt } from './paragraph';
import type { PdfPage } from './pdf-text';
import { splitSentences } from './sentences';
import { BEHAVIOUR_TITLES, behaviourTitle, FOOTER, gradeMismatch, LEVEL_HEADING, LEVEL_INTRO } from './vocabulary';

/** Characters that mean a font's text could not be mapped back to Unicode. */
const GARBLED = /[\ufffd\u0000-\u0008\u000b\u000c\u000e-\u001f\ue000-\uf8ff]/;

interface Block {
  /** Null for text under no recognised heading. */
  title: string | null;
  level: string | null;
  page: number;
  intro: Intro | null;
  lines: PageLine[];
}

/**
 * Pure: the text runs of the PDF's pages in, the behaviours out. Pages before the first
 * "Level N - ..." heading are front matter (only their definitions are read); from there on each
 * page repeats its level's heading, then behaviours: a heading and a paragraph whose sentences are
 * the indicators. A paragraph may run on to the next page.
 */
export function readBehaviours(pdfPages: PdfPage[], file: string, framework: FrameworkEntry): AdapterResult {
  const display = `sources/${file}`;
  const diagnostics: Diagnostic[] = [];
  const report = (kind: ExtractionKind, severity: Severity, message: string, at: { page?: number | null; title?: string | null; level?: string | null }) =>
    diagnostics.push(
      diagnostic({
        severity,
        code: `extraction-health/${kind}`,
        message,
        framework: framework.id,
        competency: at.title ? slugify(at.title) : null,
        level: at.level ?? null,
        file: display,
        page: at.page ?? null,
      }),
    );

  const pages = pdfPages.map((p) => layOut(p, pageLines(p)));
  const vocabulary = pages.flatMap((p) => p.content.map((l) => l.text)).join('\n');
  const levelHeadingOf = (page: LaidOutPage) => page.content.find((l) => isHeadingLike(l, page) && LEVEL_HEADING.test(l.text));
  const firstLevelPage = pages.findIndex((p) => levelHeadingOf(p));
  if (firstLevelPage < 0) {
    const what = pages.every((p) => p.content.length === 0) ? 'No page has any text (is it a scan?)' : 'No "Level N - <grades>" heading was found on any page.';
    throw new GradepackError('SourceUnrecognised', what, { file: display }, 'Check that the file is the May 2018 Civil Service Behaviours PDF.');
  }
  // Every page of this document has text; pdf.js reads a content stream it cannot decode as an empty page.
  const blank = pages.find((p) => p.content.length === 0 && p.footer.length === 0);
  if (blank) {
    throw new GradepackError(
      'SourceCorrupt',
      `Page ${blank.page} has no readable text: its content cannot be decoded.`,
      { file: display, page: blank.page },
      'Restore the PDF from git.',
    );
  }

  const definitions = readDefinitions(pages.slice(0, firstLevelPage), vocabulary);
  if (definitions.page === null) {
    report('missing-part', 'warning', 'no "Definitions of Behaviours" page before Level 1: descriptions are left empty', {});
  }
  for (const stray of definitions.strays) {
    report('misplaced-text', 'warning', `${stray.heading ? 'heading' : 'text'} on the definitions page that is not a behaviour definition: "${stray.text}"`, {
      page: stray.page,
    });
  }

  const levels = new Map<string, Map<string, ExtractedLevel>>();
  const firstPageOf = new Map<string, number>();
  const frameworkLevels = new Map(framework.levels.map((l) => [l.id, l]));
  let level: string | null = null;
  let intro: Intro | null = null;
  let block: Block | null = null;

  const flush = () => {
    if (block) emit(block);
    block = null;
  };
  const emit = (b: Block) => {
    const where = { page: b.page, title: b.title, level: b.level };
    if (b.title === null || b.level === null || !frameworkLevels.has(b.level)) {
      if (b.lines.length === 0) return;
      const why = b.title === null ? 'under no recognised behaviour heading' : 'under no level of this framework';
      report('misplaced-text', 'error', `${b.lines.length} line(s) of text ${why} are not extracted: "${excerpt(b.lines)}"`, where);
      return;
    }
    if (b.lines.length === 0) {
      report('missing-part', 'error', `"${b.title}" at level ${b.level} has a heading but no text under it`, where);
      return;
    }
    const paragraph = joinParagraph(b.lines, vocabulary);
    for (const doubt of paragraph.doubtfulHyphens) {
      report('suspect-text', 'warning', `line-break hyphen in "${doubt.word}" kept: the document prints neither form elsewhere`, {
        ...where,
        page: doubt.page,
      });
    }
    const indicators: ExtractedIndicator[] = [];
    for (const sentence of splitSentences(paragraph.text)) {
      const page = pageAt(paragraph, sentence.offset);
      if (!sentence.complete)
        report('truncated', 'error', `sentence does not end with a full stop, so text may be cut off: "${sentence.text}"`, { ...where, page });
      if (GARBLED.test(sentence.text)) report('garbled', 'error', `sentence has characters that could not be read: "${sentence.text}"`, { ...where, page });
      indicators.push({ text: sentence.text, polarity: 'effective', grade: null, source: { file, line: null, page } });
    }
    const byLevel = levels.get(b.title) ?? new Map<string, ExtractedLevel>();
    levels.set(b.title, byLevel);
    const existing = byLevel.get(b.level);
    if (existing) {
      report('read-twice', 'error', `"${b.title}" appears twice at level ${b.level}; both paragraphs are kept`, where);
      existing.indicators.push(...indicators);
    } else {
      byLevel.set(b.level, { level: b.level, note: null, intro: b.intro, indicators });
    }
  };

  const startLevel = (id: string, grades: string, line: PageLine) => {
    level = id;
    intro = null;
    if (!firstPageOf.has(id)) firstPageOf.set(id, line.page);
    const expected = frameworkLevels.get(id);
    if (!expected) {
      report('misread-label', 'error', `heading "${line.text}" names level ${id}, which this framework does not have`, { page: line.page, level: id });
      return;
    }
    const { missing, unexpected } = gradeMismatch(grades, expected.grades);
    if (missing.length || unexpected.length) {
      const parts = [missing.length ? `does not name ${missing.join(', ')}` : '', unexpected.length ? `names ${unexpected.join(', ')}` : ''];
      report('misread-label', 'warning', `level heading "${line.text}" ${parts.filter(Boolean).join(' and ')} (expected: ${expected.label})`, {
        page: line.page,
        level: id,
      });
    }
  };

  for (const page of pages.slice(firstLevelPage)) {
    const heading = levelHeadingOf(page);
    if (!heading && level !== null) {
      report('missing-part', 'warning', `page has no level heading; its text is read as level ${level}, the level of the page before`, {
        page: page.page,
        level,
      });
    }
    checkFooter(page, heading ? LEVEL_HEADING.exec(heading.text)![1]! : level, report);
    for (const line of page.content) {
      const levelHeading = isHeadingLike(line, page) ? LEVEL_HEADING.exec(line.text) : null;
      if (levelHeading) {
        if (levelHeading[1] !== level) {
          flush();
          startLevel(levelHeading[1]!, levelHeading[2]!, line);
        }
        continue;
      }
      if (LEVEL_INTRO.test(line.text)) {
        intro = { text: line.text, source: { file, line: null, page: line.page } };
        continue;
      }
      // A behaviour's exact title is its heading even when its size gives no sign (a page left with headings only).
      if (isHeadingLike(line, page) || behaviourTitle(line.text) === line.text) {
        flush();
        const title = behaviourTitle(line.text);
        if (!title)
          report('misplaced-text', 'error', `heading "${line.text}" is not one of the nine behaviours; the text under it is not extracted`, {
            page: line.page,
            level,
          });
        block = { title, level, page: line.page, intro, lines: [] };
        continue;
      }
      if (!block) block = { title: null, level, page: line.page, intro, lines: [] };
      (block as Block).lines.push(line);
    }
  }
  flush();

  if (levels.size === 0) {
    throw new GradepackError(
      'SourceUnrecognised',
      'Level headings were found, but no behaviour headings under them.',
      { file: display, page: firstLevelPage + 1 },
      'Check that the file is the May 2018 Civil Service Behaviours PDF.',
    );
  }
  for (const [title, byLevel] of levels) {
    for (const [id, page] of firstPageOf) {
      if (frameworkLevels.has(id) && !byLevel.has(id))
        report('missing-part', 'error', `no text found for "${title}" at level ${id}`, { page, title, level: id });
    }
  }

  const order = framework.levels.map((l) => l.id);
  const competencies: ExtractedCompetency[] = BEHAVIOUR_TITLES.filter((t) => levels.has(t) || definitions.byTitle.has(t)).map((title) => {
    const definition = definitions.byTitle.get(title);
    if (!definition && definitions.page !== null) report('missing-part', 'warning', `no definition found for "${title}"`, { page: definitions.page, title });
    const byLevel = levels.get(title) ?? new Map<string, ExtractedLevel>();
    const firstHeading = [...byLevel.values()][0]?.indicators[0]?.source.page ?? null;
    return {
      title,
      cluster: null,
      description: definition?.text ?? null,
      source: { file, line: null, page: definition?.page ?? firstHeading },
      levels: [...byLevel.values()].sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level)),
    };
  });
  return { competencies, diagnostics };
}

function checkFooter(
  page: LaidOutPage,
  level: string | null,
  report: (kind: ExtractionKind, severity: Severity, message: string, at: { page?: number | null; level?: string | null }) => void,
): void {
  for (const line of page.footer) {
    const footer = FOOTER.exec(line.text);
    if (!footer) report('misplaced-text', 'warning', `unexpected text at the foot of the page is not extracted: "${line.text}"`, { page: page.page, level });
    else if (footer[1] && level !== null && footer[1] !== level) {
      report('misread-label', 'warning', `footer "${line.text}" names level ${footer[1]} on a page of level ${level}`, { page: page.page, level });
    }
  }
}

function excerpt(lines: PageLine[]): string {
  const text = lines.map((l) => l.text).join(' ');
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
