import { append } from '../../../model/arrays';
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

type Where = { page?: number | null; title?: string | null; level?: string | null };
type Report = (kind: ExtractionKind, severity: Severity, message: string, at: Where) => void;

/**
 * Pure: the text runs of the PDF's pages in, the behaviours out. Pages before the first
 * "Level N - ..." heading are front matter (only their definitions are read); from there on each
 * page repeats its level's heading, then behaviours: a heading and a paragraph whose sentences are
 * the indicators. A paragraph may run on to the next page.
 */
export function readBehaviours(pdfPages: PdfPage[], file: string, framework: FrameworkEntry): AdapterResult {
  return new BehavioursReader(pdfPages, file, framework).read();
}

/** One reading of the document, page by page and line by line: the state a paragraph needs as it runs on. */
class BehavioursReader {
  private readonly display: string;
  private readonly diagnostics: Diagnostic[] = [];
  private readonly pages: LaidOutPage[];
  /** All the document's text, for telling line-break hyphens from real ones. */
  private readonly vocabulary: string;
  private readonly frameworkLevels: Map<string, FrameworkEntry['levels'][number]>;
  /** Behaviour title to its levels, as read. */
  private readonly levels = new Map<string, Map<string, ExtractedLevel>>();
  private readonly firstPageOf = new Map<string, number>();
  private level: string | null = null;
  private intro: Intro | null = null;
  private block: Block | null = null;

  constructor(
    pdfPages: PdfPage[],
    private readonly file: string,
    private readonly framework: FrameworkEntry,
  ) {
    this.display = `sources/${file}`;
    this.pages = pdfPages.map((p) => layOut(p, pageLines(p)));
    this.vocabulary = this.pages.flatMap((p) => p.content.map((l) => l.text)).join('\n');
    this.frameworkLevels = new Map(framework.levels.map((l) => [l.id, l]));
  }

  private readonly report: Report = (kind, severity, message, at) => {
    this.diagnostics.push(
      diagnostic({
        severity,
        code: `extraction-health/${kind}`,
        message,
        framework: this.framework.id,
        competency: at.title ? slugify(at.title) : null,
        level: at.level ?? null,
        file: this.display,
        page: at.page ?? null,
      }),
    );
  };

  read(): AdapterResult {
    const firstLevelPage = this.firstLevelPage();
    const definitions = this.readFrontMatter(firstLevelPage);
    for (const page of this.pages.slice(firstLevelPage)) this.readPage(page);
    this.flush();
    if (this.levels.size === 0) {
      throw new GradepackError(
        'SourceUnrecognised',
        'Level headings were found, but no behaviour headings under them.',
        { file: this.display, page: firstLevelPage + 1 },
        'Check that the file is the May 2018 Civil Service Behaviours PDF.',
      );
    }
    this.reportMissingLevels();
    return { competencies: this.competencies(definitions), diagnostics: this.diagnostics };
  }

  private levelHeadingOf(page: LaidOutPage): PageLine | undefined {
    return page.content.find((l) => isHeadingLike(l, page) && LEVEL_HEADING.test(l.text));
  }

  /** Where the levels start; throws when the document is not the one this adapter reads, or is damaged. */
  private firstLevelPage(): number {
    const first = this.pages.findIndex((p) => this.levelHeadingOf(p));
    if (first < 0) {
      const what = this.pages.every((p) => p.content.length === 0)
        ? 'No page has any text (is it a scan?)'
        : 'No "Level N - <grades>" heading was found on any page.';
      throw new GradepackError('SourceUnrecognised', what, { file: this.display }, 'Check that the file is the May 2018 Civil Service Behaviours PDF.');
    }
    // Every page of this document has text; pdf.js reads a content stream it cannot decode as an empty page.
    const blank = this.pages.find((p) => p.content.length === 0 && p.footer.length === 0);
    if (blank) {
      throw new GradepackError(
        'SourceCorrupt',
        `Page ${blank.page} has no readable text: its content cannot be decoded.`,
        { file: this.display, page: blank.page },
        'Restore the PDF from git.',
      );
    }
    return first;
  }

  private readFrontMatter(firstLevelPage: number): ReturnType<typeof readDefinitions> {
    const definitions = readDefinitions(this.pages.slice(0, firstLevelPage), this.vocabulary);
    if (definitions.page === null) {
      this.report('missing-part', 'warning', 'no "Definitions of Behaviours" page before Level 1: descriptions are left empty', {});
    }
    for (const stray of definitions.strays) {
      this.report(
        'misplaced-text',
        'warning',
        `${stray.heading ? 'heading' : 'text'} on the definitions page that is not a behaviour definition: "${stray.text}"`,
        {
          page: stray.page,
        },
      );
    }
    return definitions;
  }

  private readPage(page: LaidOutPage): void {
    const heading = this.levelHeadingOf(page);
    if (!heading && this.level !== null) {
      this.report('missing-part', 'warning', `page has no level heading; its text is read as level ${this.level}, the level of the page before`, {
        page: page.page,
        level: this.level,
      });
    }
    checkFooter(page, heading ? LEVEL_HEADING.exec(heading.text)![1]! : this.level, this.report);
    for (const line of page.content) this.readLine(line, page);
  }

  private readLine(line: PageLine, page: LaidOutPage): void {
    const levelHeading = isHeadingLike(line, page) ? LEVEL_HEADING.exec(line.text) : null;
    if (levelHeading) {
      if (levelHeading[1] !== this.level) {
        this.flush();
        this.startLevel(levelHeading[1]!, levelHeading[2]!, line);
      }
      return;
    }
    if (LEVEL_INTRO.test(line.text)) {
      this.intro = { text: line.text, source: { file: this.file, line: null, page: line.page } };
      return;
    }
    // A behaviour's exact title is its heading even when its size gives no sign (a page left with headings only).
    if (isHeadingLike(line, page) || behaviourTitle(line.text) === line.text) {
      this.flush();
      const title = behaviourTitle(line.text);
      if (!title) {
        this.report('misplaced-text', 'error', `heading "${line.text}" is not one of the nine behaviours; the text under it is not extracted`, {
          page: line.page,
          level: this.level,
        });
      }
      this.block = { title, level: this.level, page: line.page, intro: this.intro, lines: [] };
      return;
    }
    this.block ??= { title: null, level: this.level, page: line.page, intro: this.intro, lines: [] };
    this.block.lines.push(line);
  }

  private startLevel(id: string, grades: string, line: PageLine): void {
    this.level = id;
    this.intro = null;
    if (!this.firstPageOf.has(id)) this.firstPageOf.set(id, line.page);
    const expected = this.frameworkLevels.get(id);
    if (!expected) {
      this.report('misread-label', 'error', `heading "${line.text}" names level ${id}, which this framework does not have`, { page: line.page, level: id });
      return;
    }
    const { missing, unexpected } = gradeMismatch(grades, expected.grades);
    if (missing.length || unexpected.length) {
      const parts = [missing.length ? `does not name ${missing.join(', ')}` : '', unexpected.length ? `names ${unexpected.join(', ')}` : ''];
      this.report('misread-label', 'warning', `level heading "${line.text}" ${parts.filter(Boolean).join(' and ')} (expected: ${expected.label})`, {
        page: line.page,
        level: id,
      });
    }
  }

  private flush(): void {
    if (this.block) this.emit(this.block);
    this.block = null;
  }

  /** A behaviour's paragraph at a level, as indicators (one per sentence). */
  private emit(b: Block): void {
    const where = { page: b.page, title: b.title, level: b.level };
    if (b.title === null || b.level === null || !this.frameworkLevels.has(b.level)) {
      if (b.lines.length === 0) return;
      const why = b.title === null ? 'under no recognised behaviour heading' : 'under no level of this framework';
      this.report('misplaced-text', 'error', `${b.lines.length} line(s) of text ${why} are not extracted: "${excerpt(b.lines)}"`, where);
      return;
    }
    if (b.lines.length === 0) {
      this.report('missing-part', 'error', `"${b.title}" at level ${b.level} has a heading but no text under it`, where);
      return;
    }
    const indicators = this.indicatorsOf(b, where);
    const byLevel = this.levels.get(b.title) ?? new Map<string, ExtractedLevel>();
    this.levels.set(b.title, byLevel);
    const existing = byLevel.get(b.level);
    if (existing) {
      this.report('read-twice', 'error', `"${b.title}" appears twice at level ${b.level}; both paragraphs are kept`, where);
      append(existing.indicators, indicators);
    } else {
      byLevel.set(b.level, { level: b.level, note: null, intro: b.intro, indicators });
    }
  }

  private indicatorsOf(b: Block, where: Where): ExtractedIndicator[] {
    const paragraph = joinParagraph(b.lines, this.vocabulary);
    for (const doubt of paragraph.doubtfulHyphens) {
      this.report('suspect-text', 'warning', `line-break hyphen in "${doubt.word}" kept: the document prints neither form elsewhere`, {
        ...where,
        page: doubt.page,
      });
    }
    return splitSentences(paragraph.text).map((sentence) => {
      const page = pageAt(paragraph, sentence.offset);
      if (!sentence.complete) {
        this.report('truncated', 'error', `sentence does not end with a full stop, so text may be cut off: "${sentence.text}"`, { ...where, page });
      }
      if (GARBLED.test(sentence.text))
        this.report('garbled', 'error', `sentence has characters that could not be read: "${sentence.text}"`, { ...where, page });
      return { text: sentence.text, polarity: 'effective', grade: null, source: { file: this.file, line: null, page } };
    });
  }

  private reportMissingLevels(): void {
    for (const [title, byLevel] of this.levels) {
      for (const [id, page] of this.firstPageOf) {
        if (this.frameworkLevels.has(id) && !byLevel.has(id))
          this.report('missing-part', 'error', `no text found for "${title}" at level ${id}`, { page, title, level: id });
      }
    }
  }

  private competencies(definitions: ReturnType<typeof readDefinitions>): ExtractedCompetency[] {
    const order = this.framework.levels.map((l) => l.id);
    return BEHAVIOUR_TITLES.filter((t) => this.levels.has(t) || definitions.byTitle.has(t)).map((title) => {
      const definition = definitions.byTitle.get(title);
      if (!definition && definitions.page !== null)
        this.report('missing-part', 'warning', `no definition found for "${title}"`, { page: definitions.page, title });
      const byLevel = this.levels.get(title) ?? new Map<string, ExtractedLevel>();
      const firstHeading = [...byLevel.values()][0]?.indicators[0]?.source.page ?? null;
      return {
        title,
        cluster: null,
        description: definition?.text ?? null,
        source: { file: this.file, line: null, page: definition?.page ?? firstHeading },
        levels: [...byLevel.values()].sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level)),
      };
    });
  }
}

function checkFooter(page: LaidOutPage, level: string | null, report: Report): void {
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
