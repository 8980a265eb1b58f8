import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mmoMarkdown } from '../../src/ingest/adapters/mmo-markdown';
import { readLevelLabel } from '../../src/ingest/adapters/mmo-markdown/level-label';
import { parseMarkdown } from '../../src/ingest/adapters/mmo-markdown/markdown';
import { wordDifferences } from '../../src/ingest/adapters/mmo-markdown/word-diff';
import { joinFragments, splitRunTogether, startsIndicator } from '../../src/ingest/adapters/mmo-markdown/wording';
import { applyAcceptances } from '../../src/validate/acceptances';
import { ingestFromDisk } from '../../src/ingest/ingest';
import { findFramework, loadRegistry } from '../../src/ingest/registry';
import type { AdapterResult, ExtractedCompetency, SourceInput } from '../../src/ingest/types';
import { isGradepackError } from '../../src/model/errors';
import { expectGolden } from '../helpers/golden';
import { realSource, ROOT, SOURCES, sourceInput } from '../helpers/ingest';

const FILE = 'mmo-competency-framework-2014-15.md';
const FIXTURES = join(ROOT, 'test/fixtures/ingest/mmo-markdown');
const registry = await loadRegistry(SOURCES);
const framework = findFramework(registry, 'mmo-2014');

const adapt = async (source: SourceInput): Promise<AdapterResult> => mmoMarkdown({ framework, sources: [source] });
const markdown = (text: string) => sourceInput(FILE, text, 'markdown');
const fixture = (name: string) => readFileSync(join(FIXTURES, name, FILE), 'utf8');

const competency = (result: AdapterResult, title: string): ExtractedCompetency => result.competencies.find((c) => c.title === title)!;
const indicators = (result: AdapterResult, title: string, level: string, polarity: 'effective' | 'ineffective') =>
  competency(result, title)
    .levels.find((l) => l.level === level)!
    .indicators.filter((i) => i.polarity === polarity)
    .map((i) => [i.source.line, i.text]);

describe('mmo-markdown golden fixtures', () => {
  for (const name of readdirSync(FIXTURES)) {
    it(name, async () => {
      expectGolden(await adapt(markdown(fixture(name))), join(FIXTURES, name, 'expected.json'));
    });
  }
});

describe('mmo-markdown on the real source', async () => {
  const result = await adapt(realSource(FILE, 'markdown'));

  // Counted by reading the document, table by table: [effective, ineffective] at levels 1..6.
  // Delivering Value for Money loses its level 2 and level 1 text in a cut-off page (lines 1130-1171).
  const COUNTS: Record<string, Record<string, [number, number]>> = {
    'Seeing the Big Picture': { 1: [3, 3], 2: [4, 4], 3: [5, 5], 4: [6, 6], 5: [5, 5], 6: [6, 6] },
    'Changing and Improving': { 1: [5, 5], 2: [6, 6], 3: [6, 6], 4: [6, 6], 5: [6, 6], 6: [6, 6] },
    'Making Effective Decisions': { 1: [6, 6], 2: [6, 6], 3: [6, 6], 4: [6, 6], 5: [6, 6], 6: [6, 6] },
    'Leading and Communicating': { 1: [4, 4], 2: [5, 5], 3: [6, 6], 4: [6, 6], 5: [6, 6], 6: [6, 6] },
    'Collaborating and Partnering': { 1: [6, 6], 2: [6, 6], 3: [6, 6], 4: [6, 6], 5: [6, 6], 6: [5, 5] },
    'Building Capability for All': { 1: [6, 6], 2: [5, 5], 3: [5, 5], 4: [6, 6], 5: [6, 6], 6: [6, 6] },
    'Achieving Commercial Outcomes': { 1: [4, 4], 2: [4, 4], 3: [4, 4], 4: [6, 6], 5: [6, 6], 6: [6, 6] },
    'Delivering Value for Money': { 2: [0, 0], 3: [3, 3], 4: [5, 5], 5: [6, 6], 6: [5, 5] },
    'Managing a Quality Service': { 1: [6, 6], 2: [6, 6], 3: [6, 6], 4: [6, 6], 5: [6, 6], 6: [5, 5] },
    'Delivering at Pace': { 1: [7, 7], 2: [6, 6], 3: [6, 6], 4: [5, 5], 5: [6, 6], 6: [6, 6] },
  };

  it('finds the ten competencies with their clusters, each indicator under its level and polarity', () => {
    const counts = Object.fromEntries(
      result.competencies.map((c) => [
        c.title,
        Object.fromEntries(c.levels.map((l) => [l.level, ['effective', 'ineffective'].map((p) => l.indicators.filter((i) => i.polarity === p).length)])),
      ]),
    );
    expect(counts).toEqual(COUNTS);
    expect(result.competencies.map((c) => c.cluster)).toEqual([
      ...Array(3).fill('Strategic Cluster – Setting Direction'),
      ...Array(3).fill('People Cluster - Engaging People'),
      ...Array(4).fill('Performance Cluster - Delivering Results'),
    ]);
    const all = result.competencies.flatMap((c) => c.levels.flatMap((l) => l.indicators));
    expect(all).toHaveLength(644);
    for (const i of all) {
      expect(i.grade).toBeNull();
      expect(i.source).toMatchObject({ file: FILE, page: null });
      expect(i.text).toMatch(/^[A-Z]/);
      expect(i.text).not.toMatch(/\s{2}|Effective Behaviour|likely to|Level \d/);
    }
  });

  it('takes the description above the tables, not the summary one', () => {
    expect(competency(result, 'Seeing the Big Picture').description).toContain("which will meet the Organisations' and Civil Service goals");
    expect(competency(result, 'Seeing the Big Picture').source).toEqual({ file: FILE, line: 106, page: null });
    const differences = result.diagnostics.filter((d) => d.message.startsWith('the description above the tables differs'));
    expect(differences.map((d) => d.line)).toEqual([108, 198, 337, 479, 618, 908, 1053]);
    expect(differences[0]!.message).toContain('"the MMO goals" → "the Organisations\' and Civil Service goals"');
  });

  it('reads the region the conversion read twice (lines 386-406) once', () => {
    expect(indicators(result, 'Making Effective Decisions', '4', 'ineffective').slice(1, 4)).toEqual([
      [391, 'Underestimate the work required to consider all the evidence needed and do not involve experts sufficiently early'],
      [394, 'Take decisions without regard for the context, organisation risk, alignment with wider agendas or impacts (economic, social and environmental)'],
      [398, 'Get confused by complexity and ambiguity and consider only simple or straightforward evidence'],
    ]);
    expect(indicators(result, 'Making Effective Decisions', '4', 'effective').slice(3)).toEqual([
      [
        398,
        'Draw together and present reasonable conclusions from a wide range of incomplete and complex evidence and data – able to act or decide even when details are not clear',
      ],
      [401, 'Identify the main issues in complex problems, clarify understanding or stakeholder expectations, to seek best option'],
      [404, 'Make difficult decisions by pragmatically weighing the complexities involved against the need to act'],
    ]);
  });

  it('reads the clean columns of the page with a garbled column, across its page breaks', () => {
    expect(indicators(result, 'Leading and Communicating', '5', 'effective').slice(1, 3)).toEqual([
      [510, 'Actively promote the Organisations reputation externally and internally – publicise successes widely'],
      [
        520,
        'Inspire staff and delivery partners to engage fully with long term vision and purpose of the Organisation, supporting them to make sense of change',
      ],
    ]);
    expect(indicators(result, 'Leading and Communicating', '3', 'effective')[0]).toEqual([
      553,
      'Take opportunities to regularly communicate and activities and the links between these and Organisational strategy',
    ]);
  });

  it('splits cells run together, joins <br> and wrapped lines, keeps line-end hyphens of compounds', () => {
    expect(indicators(result, 'Seeing the Big Picture', '2', 'effective').slice(0, 2)).toEqual([
      [178, 'Keep up to date with a broad set of issues relating to the work of the Organisation'],
      [178, "Develop understanding of how own and team's work supports achievement of Organisational priorities and delivery to the citizen"],
    ]);
    expect(indicators(result, 'Seeing the Big Picture', '6', 'effective')[0]![1]).toBe(
      'Develop an in-depth insight into the dynamics and issues surrounding the Organisation and Government, including political, economic, social, environmental and technological impacts',
    );
    expect(indicators(result, 'Seeing the Big Picture', '4', 'effective')[2]![1]).toContain('based on an up-to-date knowledge');
    expect(indicators(result, 'Collaborating and Partnering', '5', 'ineffective')[4]![1]).toContain('low morale or de-motivation within teams');
    expect(indicators(result, 'Delivering Value for Money', '5', 'effective')[1]![1]).toContain('forgo non-priority expenditure');
    expect(indicators(result, 'Delivering Value for Money', '5', 'effective')[2]).toEqual([
      1082,
      "Promote and visibly demonstrate a culture of value for money in own area/function in order to focus managers on getting a good return for taxpayers' money",
    ]);
    expect(indicators(result, 'Building Capability for All', '2', 'effective')[4]).toEqual([
      871,
      'Encourage and be open to developmental feedback from others',
    ]);
  });

  it('reports every region it could not read, at its line', () => {
    const errors = result.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.line, d.competency, d.level]);
    expect(errors).toEqual([
      [393, 'making-effective-decisions', '4'],
      [555, 'leading-and-communicating', '3'],
      [870, 'building-capability-for-all', '2'],
      [1051, 'delivering-value-for-money', '1'],
      [1126, 'delivering-value-for-money', '3'],
      [1126, 'delivering-value-for-money', '3'],
      [1130, 'delivering-value-for-money', '3'],
      [1143, 'delivering-value-for-money', '2'],
      [1178, 'delivering-value-for-money', '2'],
      [1178, 'delivering-value-for-money', '2'],
      [1385, 'delivering-at-pace', '3'],
    ]);
    for (const d of result.diagnostics) {
      expect(d).toMatchObject({ rule: 'extraction-health', file: `sources/${FILE}` });
    }
    const labels = result.diagnostics.filter((d) => d.message.startsWith('level label')).map((d) => [d.line, d.level]);
    expect(labels).toEqual([
      [171, '3'],
      [177, '2'],
      [311, '1'],
      [360, '5'],
      [407, '3'],
      [706, '2'],
      [725, '1'],
    ]);
  });

  it('with its errata, restores the lost line; the unrecoverable losses are errors accepted with a reason', async () => {
    const ingested = await ingestFromDisk(SOURCES, framework);
    const leading = ingested.framework.competencies.find((c) => c.id === 'leading-and-communicating')!;
    const corrected = leading.levels.find((l) => l.level === '3')!.indicators[0]!;
    expect(corrected.text).toBe(
      'Take opportunities to regularly communicate and interact with staff, helping to clarify goals and activities and the links between these and Organisational strategy',
    );
    expect(corrected.corrected?.kind).toBe('replace');
    const errors = applyAcceptances(ingested.diagnostics, ingested.errata).filter((d) => d.severity === 'error');
    expect(errors.filter((d) => !d.accepted)).toEqual([]);
    const losses = errors.filter((d) => d.accepted?.includes('original MMO PDF is not available'));
    expect(losses.map((d) => d.line).sort((a, b) => a! - b!)).toEqual([1051, 1126, 1126, 1130, 1143, 1178, 1178, 1385]);
  });
});

describe('mmo-markdown parts', () => {
  it('reads level labels however the conversion split or misread them', () => {
    const read = (...cells: string[]) => {
      const label = readLevelLabel(cells);
      return label && [label.level, label.problem !== null];
    };
    expect(read('Level', '6 (CEO)')).toEqual(['6', false]);
    expect(read('Leve', 'l 6 (CEO)')).toEqual(['6', false]);
    expect(read('Level 4 (Gr', 'ade 6 & 7)')).toEqual(['4', false]);
    expect(read('Level 3 (HEO & S', 'SEO or equiv)')).toEqual(['3', false]);
    expect(read('Level 1 (', '( AO )')).toEqual(['1', false]);
    expect(read('Level 5 (Di', '•')).toEqual(['5', false]);
    expect(read('Level 5 (D', '')).toEqual(['5', false]);
    expect(read('Level 1', '')).toEqual(['1', false]);
    expect(read('Level 1 (AC', 'or equiv)')).toEqual(['1', true]);
    expect(read('Level 2 (I', 'EO or equiv)')).toEqual(['2', true]);
    expect(read('Leve1 3 (HEO & SEO or equiv)')).toEqual(['3', true]);
    expect(read('LeveI 4 (Grade 6 & 7)')).toEqual(['4', true]);
    expect(read(',', '& SEO or equiv)')).toEqual(['3', true]);
    expect(read('', '(Directors)')).toEqual(['5', true]);
    expect(read('Level 7 (CEO)')).toBeNull();
    expect(read('Level up your skills and knowledge of the area', 'Ignore it')).toBeNull();
  });

  it('reads cells as plain text: markup and escapes resolved, <br> splits, other tags dropped', () => {
    const [table] = parseMarkdown(
      '| Effective | Ineffective |\n|---|---|\n| Act **now** and \\*often\\* | *Wait*<br>and _see_ |\n| <u>Level</u> 6 | `x` |\n| only one |\n',
      'sources/test.md',
    );
    expect(table).toMatchObject({ kind: 'table', line: 1, endLine: 5 });
    const rows = table!.kind === 'table' ? table!.rows : [];
    expect(rows.map((r) => [r.line, r.cells.map((c) => c.segments)])).toEqual([
      [1, [['Effective'], ['Ineffective']]],
      [3, [['Act now and *often*'], ['Wait', 'and see']]],
      [4, [['Level 6'], ['x']]],
      [5, [['only one']]],
    ]);
  });

  it('tells a new indicator from a wrapped line, and joins them', () => {
    expect(startsIndicator('Develop an understanding')).toBe(true);
    expect(startsIndicator('Service when defining strategy')).toBe(false);
    expect(startsIndicator("Organisation's priorities")).toBe(false);
    expect(startsIndicator('and supports the work')).toBe(false);
    expect(splitRunTogether('the work of the Organisation  Develop understanding')).toEqual(['the work of the Organisation', 'Develop understanding']);
    expect(splitRunTogether('across the  Civil Service')).toEqual(['across the Civil Service']);
    expect(joinFragments(['based on an up-', 'to-date knowledge', 'of needs'])).toBe('based on an up-to-date knowledge of needs');
    expect(joinFragments(['own area –', 'take a simplistic'])).toBe('own area – take a simplistic');
  });

  it('words the differences between two descriptions', () => {
    expect(wordDifferences('a b c d e', 'a b x d e')).toEqual(['"b c d" → "b x d"']);
    expect(wordDifferences('social, political, financial, economic', 'social, financial, political, economic')).toEqual([
      '"social, political, financial, economic" → "social, financial, political, economic"',
    ]);
    expect(wordDifferences('same text', 'same text')).toEqual([]);
  });
});

describe('mmo-markdown on other input', () => {
  it('rejects another document', async () => {
    const other = readFileSync(join(SOURCES, 'cs-competency-framework-2012-sms1.txt'), 'utf8');
    await expect(adapt(markdown(other))).rejects.toMatchObject({ code: 'SourceUnrecognised', location: { file: `sources/${FILE}` } });
    await expect(adapt(markdown('# A heading\n\n| a | b |\n|---|---|\n| c | d |\n'))).rejects.toMatchObject({ code: 'SourceUnrecognised' });
    await expect(adapt(markdown(''))).rejects.toMatchObject({ code: 'SourceUnrecognised' });
    await expect(adapt({ ...markdown(''), format: 'pdf', text: null })).rejects.toMatchObject({ code: 'SourceUnrecognised' });
  });

  it('never crashes on mutated text: always competencies and diagnostics, or a GradepackError', async () => {
    const inputs = ['decisions-read-twice', 'value-for-money-cut-off'].map((name) => fixture(name).split('\n'));
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('cut-line' as const), at: fc.nat(), length: fc.nat({ max: 80 }) }),
      fc.record({
        kind: fc.constant('garble' as const),
        at: fc.nat(),
        text: fc.string({ maxLength: 60, unit: fc.constantFrom('|', ' ', '-', 'a', 'L', 'e', 'v', 'l', '3', '(', ')', '<br>', '*', '\\', '#', '\n') }),
      }),
      fc.record({ kind: fc.constant('bytes' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 40 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: inputs.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 8 }), async (which, mutations) => {
        let lines = [...inputs[which]!];
        for (const m of mutations) {
          const at = m.at % Math.max(1, lines.length);
          if (m.kind === 'drop') lines.splice(at, 1);
          else if (m.kind === 'duplicate') lines.splice(at, 0, lines[at] ?? '');
          else if (m.kind === 'swap') {
            const other = m.with % Math.max(1, lines.length);
            [lines[at], lines[other]] = [lines[other] ?? '', lines[at] ?? ''];
          } else if (m.kind === 'truncate') lines = lines.slice(0, at);
          else if (m.kind === 'cut-line') lines[at] = (lines[at] ?? '').slice(0, m.length);
          else if (m.kind === 'garble') lines[at] = m.text;
          else lines[at] = new TextDecoder().decode(m.bytes);
        }
        try {
          const result = await adapt(markdown(lines.join('\n')));
          expect(Array.isArray(result.competencies)).toBe(true);
          for (const d of result.diagnostics) expect(d.rule).toBe('extraction-health');
          for (const c of result.competencies) for (const l of c.levels) for (const i of l.indicators) expect(i.text.length).toBeGreaterThan(0);
        } catch (e) {
          expect(isGradepackError(e)).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });
});
