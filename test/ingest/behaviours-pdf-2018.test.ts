import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { isGradepackError, type GradepackError } from '../../src/model/errors';
import { behavioursPdf2018 } from '../../src/ingest/adapters/behaviours-pdf-2018';
import { readPdfText, type PdfPage, type PdfTextItem } from '../../src/ingest/adapters/behaviours-pdf-2018/pdf-text';
import { readBehaviours } from '../../src/ingest/adapters/behaviours-pdf-2018/read-behaviours';
import { joinParagraph } from '../../src/ingest/adapters/behaviours-pdf-2018/paragraph';
import { splitSentences } from '../../src/ingest/adapters/behaviours-pdf-2018/sentences';
import { findFramework, loadRegistry, type FrameworkEntry } from '../../src/ingest/registry';
import type { AdapterResult } from '../../src/ingest/types';
import { expectGolden } from '../helpers/golden';
import { pdfPages, pdfToText } from '../helpers/pdf-text';
import { ingestWith, realSource, ROOT, SOURCES, sourceInput } from '../helpers/ingest';
import { encrypt, otherDocument, withBrokenPage } from './behaviours-pdf-2018.pdfs';

const FILE = 'success-profiles-behaviours-2018.pdf';
const DISPLAY = `sources/${FILE}`;
const FIXTURES = join(ROOT, 'test', 'fixtures', 'ingest', 'behaviours-pdf-2018');
const REAL = new Uint8Array(readFileSync(join(SOURCES, FILE)));

let framework: FrameworkEntry;
let pages: PdfPage[];
let result: AdapterResult;

const run = (bytes: Uint8Array, file = FILE) => behavioursPdf2018({ framework, sources: [sourceInput(file, bytes, 'pdf')] });

async function thrown(promise: unknown): Promise<GradepackError> {
  try {
    await promise;
  } catch (e) {
    if (isGradepackError(e)) return e;
    throw e;
  }
  throw new Error('expected a GradepackError');
}

beforeAll(async () => {
  framework = findFramework(await loadRegistry(SOURCES), 'success-profiles-2018');
  pages = await readPdfText(REAL, DISPLAY);
  result = readBehaviours(pages, FILE, framework);
});

describe('behaviours-pdf-2018 on the real PDF', () => {
  // Established by reading the PDF page by page (and checked against pdftotext below).
  const COUNTS: Record<string, number[]> = {
    'Seeing the Big Picture': [3, 4, 5, 4, 5, 7],
    'Changing and Improving': [4, 7, 6, 8, 9, 7],
    'Making Effective Decisions': [5, 5, 6, 7, 6, 7],
    Leadership: [6, 4, 6, 5, 5, 5],
    'Communicating and Influencing': [6, 7, 6, 8, 6, 6],
    'Working Together': [6, 6, 7, 7, 6, 6],
    'Developing Self and Others': [4, 6, 5, 6, 7, 8],
    'Managing a Quality Service': [5, 6, 6, 8, 7, 6],
    'Delivering at Pace': [6, 7, 6, 6, 8, 6],
  };
  const LEVEL_PAGES: Record<string, number[]> = { '1': [6, 7], '2': [8, 9], '3': [10, 11, 12], '4': [13, 14, 15], '5': [16, 17, 18], '6': [19, 20, 21] };

  it('finds the nine behaviours, each at six levels, with the counts a reader finds (326 indicators)', () => {
    const counts = Object.fromEntries(result.competencies.map((c) => [c.title, c.levels.map((l) => l.indicators.length)]));
    expect(counts).toEqual(COUNTS);
    expect(result.competencies.every((c) => c.levels.map((l) => l.level).join() === '1,2,3,4,5,6')).toBe(true);
    expect(
      Object.values(counts)
        .flat()
        .reduce((a, b) => a + b),
    ).toBe(326);
  });

  it('reports nothing: the PDF has no unreadable region', () => {
    expect(result.diagnostics).toEqual([]);
  });

  it('takes each description from the definitions page', () => {
    expect(result.competencies.map((c) => c.source)).toEqual(result.competencies.map(() => ({ file: FILE, line: null, page: 4 })));
    expect(result.competencies.find((c) => c.title === 'Leadership')!.description).toBe(
      'Show pride and passion for public service. Create and engage others in delivering a shared vision. Value difference, diversity and inclusion, ensuring fairness and opportunity for all.',
    );
    expect(result.competencies.find((c) => c.title === 'Delivering at Pace')!.description).toBe(
      'Take responsibility for delivering timely and quality results with focus and drive.',
    );
  });

  it('records every indicator as effective, on a page of its level, with the level intro', () => {
    for (const c of result.competencies) {
      for (const l of c.levels) {
        expect(l.intro).toEqual({ text: 'Examples of behaviours at this level are:', source: { file: FILE, line: null, page: l.indicators[0]!.source.page } });
        for (const i of l.indicators) {
          expect(i.polarity).toBe('effective');
          expect(i.grade).toBeNull();
          expect(i.source.line).toBeNull();
          expect(LEVEL_PAGES[l.level]).toContain(i.source.page);
        }
      }
    }
  });

  it('keeps the hardest texts word for word', () => {
    const at = (title: string, level: string) => result.competencies.find((c) => c.title === title)!.levels.find((l) => l.level === level)!.indicators;
    // A hyphen at a line end on page 13 that belongs to the compound.
    expect(at('Seeing the Big Picture', '4')[2]).toEqual({
      text: 'Adopt a government-wide perspective to ensure alignment of activity and policy.',
      polarity: 'effective',
      grade: null,
      source: { file: FILE, line: null, page: 13 },
    });
    // Curly apostrophes, a slash, the source's own stray comma and US spelling.
    expect(at('Managing a Quality Service', '1')[0]!.text).toBe('Gain a clear understanding of customers’ needs and expectations.');
    expect(at('Developing Self and Others', '2')[3]!.text).toBe(
      'Support the development plans of all colleagues, recognising how diversity of experience/background can help to build an inclusive team culture.',
    );
    expect(at('Working Together', '6')[0]!.text).toBe(
      'Drive an inclusive and collaborative working culture which values diversity and encourages, openness, approachability and sensitivity.',
    );
    expect(at('Delivering at Pace', '5')[7]).toMatchObject({
      text: 'Ensure all appropriate tools and resources are available for individuals to fulfill their job role.',
      source: { page: 18 },
    });
    // The last behaviour on the last page.
    expect(at('Delivering at Pace', '6').at(-1)!.text).toBe(
      'Drive a performance culture across the Department which gives teams the space and authority to deliver objectives, whilst holding them accountable for outcomes.',
    );
  });

  it('matches pdf-parse’s reading word for word, page by page (nothing dropped, nothing added)', async () => {
    const layout = pdfPages(await pdfToText(new Uint8Array(readFileSync(join(SOURCES, FILE)))));
    const titles = new Set(result.competencies.map((c) => c.title));
    for (let page = 6; page <= 21; page++) {
      const printed = layout[page - 1]!.split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !/^Level \d/.test(l) && !/^Examples of behaviours/.test(l) && !titles.has(l) && !/^(\| \d+\s+)?Civil Service Behaviours/.test(l));
      const extracted = result.competencies.flatMap((c) => c.levels.flatMap((l) => l.indicators)).filter((i) => i.source.page === page);
      expect(words(extracted.map((i) => i.text).join(' ')), `page ${page}`).toEqual(words(printed.join('\n')));
    }
  });

  it('goes through ingest into a valid model with stable ids', async () => {
    const ingested = await ingestWith('success-profiles-2018', [realSource(FILE, 'pdf')]);
    const leadership = ingested.framework.competencies.find((c) => c.id === 'leadership')!;
    expect(leadership.levels[0]!.indicators[0]).toMatchObject({
      id: 'leadership.1.e1',
      text: 'Show enthusiasm for your work and take personal accountability for your role.',
    });
    expect(ingested.diagnostics).toEqual([]);
  });
});

/** Words in reading order; a word split at a line-end hyphen is rejoined with its hyphen. */
function words(text: string): string[] {
  return text
    .replace(/-\s*\n\s*/g, '-')
    .split(/\s+/)
    .filter(Boolean);
}

describe('behaviours-pdf-2018 golden pages', () => {
  const cases = readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  it('has cases', () => expect(cases.length).toBeGreaterThan(0));
  it.each(cases)('%s', (name) => {
    const input = JSON.parse(readFileSync(join(FIXTURES, name, 'pages.json'), 'utf8')) as { source: string; pages: number[] };
    expect(input.source).toBe(FILE);
    expectGolden(onPages(result, input.pages), join(FIXTURES, name, 'expected.json'));
  });
});

/** The adapter's output for some pages only: descriptions and indicators printed there. */
function onPages(r: AdapterResult, selected: number[]) {
  const on = (page: number | null) => page !== null && selected.includes(page);
  return {
    pages: selected,
    competencies: r.competencies
      .map((c) => ({
        title: c.title,
        ...(on(c.source?.page ?? null) ? { description: c.description, source: c.source } : {}),
        levels: c.levels
          .map((l) => ({ level: l.level, intro: l.intro, indicators: l.indicators.filter((i) => on(i.source.page)) }))
          .filter((l) => l.indicators.length > 0),
      }))
      .filter((c) => c.levels.length > 0 || 'description' in c),
    diagnostics: r.diagnostics.filter((d) => on(d.page)),
  };
}

describe('behaviours-pdf-2018 bad PDFs', () => {
  it('rejects an encrypted copy that opens without a password (hand-encrypted, RC4 40-bit)', async () => {
    const error = await thrown(run(await encrypt(REAL)));
    expect(error.code).toBe('SourceEncrypted');
    expect(error.location).toEqual({ file: DISPLAY });
  });

  it('rejects a PDF that needs a password, naming the file it was given', async () => {
    const locked = await encrypt(await otherDocument(['Secret', 'text']), 'secret');
    const error = await thrown(run(locked, 'renamed.pdf'));
    expect(error.code).toBe('SourceEncrypted');
    expect(error.location).toEqual({ file: 'sources/renamed.pdf' });
  });

  it('rejects a truncated file', async () => {
    const error = await thrown(run(REAL.slice(0, Math.floor(REAL.length * 0.6))));
    expect(error.code).toBe('SourceCorrupt');
    expect(error.location).toEqual({ file: DISPLAY });
    expect(error.message).toMatch(/truncated/);
  });

  it('rejects a truncated file even with an end marker patched on', async () => {
    const patched = new Uint8Array([...REAL.slice(0, REAL.length >> 1), ...new TextEncoder().encode('\n%%EOF\n')]);
    expect((await thrown(run(patched))).code).toBe('SourceCorrupt');
  });

  it('rejects bytes that are not a PDF', async () => {
    expect((await thrown(run(new TextEncoder().encode('Seeing the Big Picture\nLevel 1\n')))).code).toBe('SourceCorrupt');
  });

  it('names the page whose content cannot be decoded', async () => {
    const error = await thrown(run(await withBrokenPage(REAL, 7)));
    expect(error.code).toBe('SourceCorrupt');
    expect(error.location).toEqual({ file: DISPLAY, page: 7 });
  });

  it('does not recognise another document', async () => {
    const other = await otherDocument(['Annual Report 2018', 'Our year in numbers.', 'Leadership', 'We grew by 2.5 per cent.']);
    const error = await thrown(run(other));
    expect(error.code).toBe('SourceUnrecognised');
    expect(error.location).toEqual({ file: DISPLAY });
  });

  it('does not recognise a document with level headings but no behaviours', async () => {
    const other = await otherDocument(['Level 1 - Beginners', 'Learn to swim a width of the pool.']);
    const error = await thrown(run(other));
    expect(error.code).toBe('SourceUnrecognised');
    expect(error.location).toEqual({ file: DISPLAY, page: 1 });
  });
});

// Synthetic pages in the real layout: a level heading (27 pt), the intro (12 pt), behaviour
// headings (12 pt), running text (11 pt) and a footer (10 pt), top to bottom.
type Row = [text: string, size?: number];
function page(n: number, rows: Row[], footer = `Civil Service Behaviours - Level 1 | ${n}`): PdfPage {
  const items: PdfTextItem[] = rows.map(([text, size = 11], i) => ({ text, x: 52, y: 60 + i * 14, width: text.length * size * 0.5, size }));
  items.push({ text: footer, x: 400, y: 822, width: 140, size: 10 });
  return { page: n, width: 595, height: 842, items };
}
const FRONT = page(
  1,
  [
    ['Definitions of Behaviours', 27],
    ['Leadership', 15],
    ['Show pride in', 12],
    ['public service.', 12],
  ],
  'Civil Service Behaviours | i',
);
const read = (...levelPages: PdfPage[]) => readBehaviours([FRONT, ...levelPages], FILE, framework);
const messages = (r: AdapterResult) => r.diagnostics.map((d) => `${d.severity} p${d.page}: ${d.message}`);

describe('behaviours-pdf-2018 layout rules (synthetic pages)', () => {
  it('continues a paragraph onto the next page; each sentence keeps the page it starts on', () => {
    const r = read(
      page(2, [
        ['Level 1 - AA and AO or equivalent', 27],
        ['Examples of behaviours at this level are:', 12],
        ['Leadership', 12],
        ['Act fairly. Take decisions', 11],
      ]),
      page(3, [
        ['Level 1 - AA and AO or equivalent', 27],
        ['on time. Be kind.', 11],
        ['Working Together', 12],
        ['Share.', 11],
      ]),
    );
    const leadership = r.competencies.find((c) => c.title === 'Leadership')!;
    expect(leadership.description).toBe('Show pride in public service.');
    expect(leadership.levels[0]!.indicators.map((i) => [i.text, i.source.page])).toEqual([
      ['Act fairly.', 2],
      ['Take decisions on time.', 2],
      ['Be kind.', 3],
    ]);
    expect(r.competencies.find((c) => c.title === 'Working Together')!.levels[0]!.indicators.map((i) => i.text)).toEqual(['Share.']);
    expect(messages(r)).toEqual(['warning p1: no definition found for "Working Together"']);
  });

  it('reports text it cannot place instead of dropping it silently', () => {
    const r = read(
      page(
        2,
        [
          ['Level 1 - AA and AO or equivalent', 27],
          ['Leadershp', 12],
          ['Lost text.', 11],
          ['Leadership', 12],
          ['Cut off mid', 11],
        ],
        'Civil Service Behaviours - Level 2 | 1',
      ),
      page(
        3,
        [
          ['Level 2 - EO or equivalent', 27],
          ['Working Together', 12],
          ['Share.', 11],
        ],
        'Civil Service Behaviours - Level 2 | 3',
      ),
    );
    expect(messages(r)).toEqual([
      'warning p2: footer "Civil Service Behaviours - Level 2 | 1" names level 2 on a page of level 1',
      'error p2: heading "Leadershp" is not one of the nine behaviours; the text under it is not extracted',
      'error p2: 1 line(s) of text under no recognised behaviour heading are not extracted: "Lost text."',
      'error p2: sentence does not end with a full stop, so text may be cut off: "Cut off mid"',
      'error p3: no text found for "Leadership" at level 2',
      'error p2: no text found for "Working Together" at level 1',
      'warning p1: no definition found for "Working Together"',
    ]);
    // The cut-off sentence is still an indicator: the diagnostic flags it, nothing is dropped.
    expect(r.competencies.find((c) => c.title === 'Leadership')!.levels[0]!.indicators.map((i) => i.text)).toEqual(['Cut off mid']);
  });

  it('checks that a level heading names the grades of its level', () => {
    const r = read(
      page(
        2,
        [
          ['Level 2 - HEO or equivalent', 27],
          ['Leadership', 12],
          ['Lead.', 11],
        ],
        'Civil Service Behaviours - Level 2 | 3',
      ),
    );
    expect(messages(r)).toContain(
      'warning p2: level heading "Level 2 - HEO or equivalent" does not name eo and names heo (expected: Level 2: EO or equivalent)',
    );
  });

  it('reads a page without its level heading as the level before, and says so', () => {
    const r = read(
      page(
        2,
        [
          ['Level 3 - HEO and SEO or equivalent', 27],
          ['Leadership', 12],
          ['Lead.', 11],
        ],
        'Civil Service Behaviours - Level 3 | 5',
      ),
      page(
        3,
        [
          ['Working Together', 12],
          ['Share.', 11],
        ],
        'Civil Service Behaviours - Level 3 | 6',
      ),
    );
    expect(r.competencies.find((c) => c.title === 'Working Together')!.levels[0]!.level).toBe('3');
    expect(messages(r)).toContain('warning p3: page has no level heading; its text is read as level 3, the level of the page before');
  });
});

describe('joining printed lines', () => {
  const line = (text: string, page = 1) => ({ page, text, x: 0, y: 0, size: 11 });
  const vocabulary = 'plan the development\nof a government\nwide\nview';
  it('keeps a compound’s hyphen at a line end, drops a hyphen that splits a word the document prints whole', () => {
    expect(joinParagraph([line('Adopt a government-'), line('wide view. Plan the develop-'), line('ment.')], vocabulary)).toEqual({
      text: 'Adopt a government-wide view. Plan the development.',
      starts: [
        { offset: 0, page: 1 },
        { offset: 19, page: 1 },
        { offset: 46, page: 1 },
      ],
      doubtfulHyphens: [],
    });
  });
  it('drops a soft hyphen, and keeps but reports a hyphen it cannot decide', () => {
    const joined = joinParagraph([line('a cross\u00ad'), line('word and a frob-'), line('nitz', 2)], vocabulary);
    expect(joined.text).toBe('a crossword and a frob-nitz');
    expect(joined.doubtfulHyphens).toEqual([{ word: 'frob-nitz', page: 2 }]);
  });
});

describe('sentence splitting', () => {
  const split = (text: string) => splitSentences(text).map((s) => s.text);
  it('splits at a full stop before a capital', () => {
    expect(split('Act fairly. Take decisions. Be kind!')).toEqual(['Act fairly.', 'Take decisions.', 'Be kind!']);
  });
  it('does not split after abbreviations or initials, or inside decimals', () => {
    expect(split('Use e.g. Teams or email. Costs rose 2.5 per cent. Ask J. Smith. Done.')).toEqual([
      'Use e.g. Teams or email.',
      'Costs rose 2.5 per cent.',
      'Ask J. Smith.',
      'Done.',
    ]);
  });
  it('keeps closing quotes and brackets with their sentence and flags a missing full stop', () => {
    expect(splitSentences('Say “yes.” (Then act.) Then stop')).toEqual([
      { text: 'Say “yes.”', offset: 0, complete: true },
      { text: '(Then act.)', offset: 11, complete: true },
      { text: 'Then stop', offset: 23, complete: false },
    ]);
  });
});

describe('behaviours-pdf-2018 never crashes on mutated input', () => {
  type Mutation =
    | { kind: 'drop-item' | 'duplicate-item' | 'truncate-item' | 'garble-item'; page: number; item: number; n: number }
    | { kind: 'swap-lines'; page: number; item: number; other: number }
    | { kind: 'drop-page' | 'duplicate-page'; page: number }
    | { kind: 'swap-pages'; page: number; other: number };
  const index = fc.nat(10_000);
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constantFrom('drop-item', 'duplicate-item', 'truncate-item', 'garble-item'), page: index, item: index, n: index }),
    fc.record({ kind: fc.constant('swap-lines'), page: index, item: index, other: index }),
    fc.record({ kind: fc.constantFrom('drop-page', 'duplicate-page'), page: index }),
    fc.record({ kind: fc.constant('swap-pages'), page: index, other: index }),
  ) as fc.Arbitrary<Mutation>;

  function mutate(original: PdfPage[], mutations: Mutation[]): PdfPage[] {
    let out = original.map((p) => ({ ...p, items: p.items.map((i) => ({ ...i })) }));
    for (const m of mutations) {
      if (out.length === 0) break;
      const p = m.page % out.length;
      const items = out[p]!.items;
      const i = 'item' in m && items.length ? m.item % items.length : -1;
      switch (m.kind) {
        case 'drop-item':
          if (i >= 0) items.splice(i, 1);
          break;
        case 'duplicate-item':
          if (i >= 0) items.splice(i, 0, { ...items[i]! });
          break;
        case 'truncate-item':
          if (i >= 0) items[i]!.text = items[i]!.text.slice(0, m.n % (items[i]!.text.length + 1));
          break;
        case 'garble-item':
          if (i >= 0) items[i]!.text = String.fromCharCode(...Array.from({ length: 1 + (m.n % 12) }, (_, k) => (m.n * (k + 7)) % 0xffff));
          break;
        case 'swap-lines':
          if (i >= 0) {
            const j = m.other % items.length;
            [items[i]!.y, items[j]!.y] = [items[j]!.y, items[i]!.y];
          }
          break;
        case 'drop-page':
          out = out.filter((_, k) => k !== p);
          break;
        case 'duplicate-page':
          out.splice(p, 0, { ...out[p]!, items: out[p]!.items.map((x) => ({ ...x })) });
          break;
        case 'swap-pages': {
          const q = m.other % out.length;
          [out[p], out[q]] = [out[q]!, out[p]!];
          break;
        }
      }
    }
    return out;
  }

  it('on text runs dropped, duplicated, truncated, garbled, moved, and pages dropped, duplicated, swapped', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 8 }), (mutations) => {
        let r: AdapterResult;
        try {
          r = readBehaviours(mutate(pages, mutations), FILE, framework);
        } catch (e) {
          if (isGradepackError(e)) return;
          throw e;
        }
        const texts = r.competencies.flatMap((c) => c.levels.flatMap((l) => l.indicators.map((i) => i.text)));
        if (texts.some((t) => t.trim() === '') || r.competencies.length > 9) throw new Error('empty indicator or invented behaviour');
      }),
      { numRuns: 100 },
    );
  });

  it('on bytes truncated or overwritten', async () => {
    const bytesMutation = fc.oneof(
      fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
      fc.record({
        kind: fc.constant('overwrite' as const),
        at: fc.double({ min: 0, max: 1, noNaN: true }),
        bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(bytesMutation, async (m) => {
        const at = Math.floor(m.at * REAL.length);
        const bytes = m.kind === 'truncate' ? REAL.slice(0, at) : REAL.slice();
        if (m.kind === 'overwrite') bytes.set(m.bytes.subarray(0, bytes.length - at), at);
        try {
          await run(bytes);
        } catch (e) {
          if (!isGradepackError(e)) throw e;
        }
      }),
      { numRuns: 20 },
    );
  });
});
