import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { govukBehavioursPage } from '../../src/ingest/adapters/govuk-behaviours-page';
import { isGradepackError } from '../../src/model/errors';
import { expectGolden } from '../helpers/golden';
import { ingestWith, realSource, sourceInput } from '../helpers/ingest';

const FILE = 'success-profiles-behaviours-2024.txt';
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'ingest', 'govuk-behaviours-page');
const framework = { id: 'success-profiles-2024' } as never;

describe('gov.uk behaviours page adapter', () => {
  it('matches the golden output for the definitions table and the EO group', async () => {
    const input = readFileSync(join(FIXTURES, 'eo-with-definitions', 'input.txt'), 'utf8');
    const result = await govukBehavioursPage({ framework, sources: [sourceInput(FILE, input)] });
    expectGolden(result, join(FIXTURES, 'eo-with-definitions', 'expected.json'));
  });

  it('extracts every bullet of the real page once, under its behaviour and level', async () => {
    const { framework: model, diagnostics } = await ingestWith('success-profiles-2024', [realSource(FILE)]);
    // Counted by reading the page: bullets per behaviour at levels 1..6.
    const expected: Record<string, number[]> = {
      'seeing-the-big-picture': [3, 4, 5, 4, 5, 7],
      'changing-and-improving': [4, 7, 6, 8, 9, 7],
      'making-effective-decisions': [5, 5, 6, 7, 6, 7],
      leadership: [6, 4, 6, 4, 5, 5],
      'communicating-and-influencing': [6, 7, 6, 6, 6, 6],
      'working-together': [6, 6, 7, 7, 6, 6],
      'developing-self-and-others': [4, 6, 5, 6, 7, 8],
      'managing-a-quality-service': [5, 6, 6, 8, 7, 6],
      'delivering-at-pace': [6, 7, 6, 6, 8, 6],
    };
    const counts = Object.fromEntries(model.competencies.map((c) => [c.id, c.levels.map((l) => l.indicators.length)]));
    expect(counts).toEqual(expected);
    const bulletLines = readFileSync(join(import.meta.dirname, '..', '..', 'sources', FILE), 'utf8')
      .split('\n')
      .map((text, i) => ({ text, line: i + 1 }))
      .filter((l) => l.line >= 59 && l.text.startsWith('- '));
    const all = model.competencies.flatMap((c) => c.levels.flatMap((l) => l.indicators)).sort((a, b) => a.source.line! - b.source.line!);
    expect(all.map((i) => i.source.line)).toEqual(bulletLines.map((l) => l.line));
    expect(all.map((i) => i.text)).toEqual(bulletLines.map((l) => l.text.slice(2).trim()));
    expect(diagnostics).toEqual([]);
  });

  it('keeps the intro sentence of each behaviour at each level, with its line', async () => {
    const { framework: model } = await ingestWith('success-profiles-2024', [realSource(FILE)]);
    const leadership = model.competencies.find((c) => c.id === 'leadership')!;
    expect(leadership.levels[5]!.intro).toEqual({
      text: 'Examples of leadership at Director and Director General grades are when you:',
      source: { file: FILE, line: 454, page: null },
    });
    expect(model.competencies.every((c) => c.levels.every((l) => l.intro !== null))).toBe(true);
  });

  it('with its errata, the intro that names the wrong behaviour is corrected and marked', async () => {
    const { ingestFromDisk } = await import('../../src/ingest/ingest');
    const { loadRegistry, findFramework } = await import('../../src/ingest/registry');
    const { SOURCES } = await import('../helpers/ingest');
    const { framework: model, diagnostics } = await ingestFromDisk(SOURCES, findFramework(await loadRegistry(SOURCES), 'success-profiles-2024'));
    const intro = model.competencies.find((c) => c.id === 'changing-and-improving')!.levels.find((l) => l.level === '3')!.intro!;
    expect(intro.text).toBe('Examples of changing and improving at HEO and SEO grades or equivalent are when you:');
    expect(intro.corrected).toMatchObject({
      kind: 'replace',
      original: 'Examples of seeing the big picture at HEO and SEO grades or equivalent are when you:',
    });
    expect(intro.source.line).toBe(206);
    expect(diagnostics.filter((d) => d.rule === 'errata')).toEqual([]);
  });

  it('rejects a document without the definitions table', () => {
    expect(() => govukBehavioursPage({ framework, sources: [sourceInput(FILE, 'Some other page\n- a bullet\n')] })).toThrow(
      /No "Behaviour \| Definition" table/,
    );
  });

  it('never crashes on mutated text: always competencies and diagnostics, or a GradepackError', () => {
    const lines = readFileSync(join(import.meta.dirname, '..', '..', 'sources', FILE), 'utf8').split('\n');
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('garble' as const), at: fc.nat(), text: fc.string({ maxLength: 40 }) }),
    );
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 8 }), (mutations) => {
        let mutated = [...lines];
        for (const m of mutations) {
          const at = m.at % Math.max(1, mutated.length);
          if (m.kind === 'drop') mutated.splice(at, 1);
          else if (m.kind === 'duplicate') mutated.splice(at, 0, mutated[at] ?? '');
          else if (m.kind === 'swap') {
            const other = m.with % Math.max(1, mutated.length);
            [mutated[at], mutated[other]] = [mutated[other] ?? '', mutated[at] ?? ''];
          } else if (m.kind === 'truncate') mutated = mutated.slice(0, at);
          else mutated[at] = m.text;
        }
        try {
          const result = govukBehavioursPage({ framework, sources: [sourceInput(FILE, mutated.join('\n'))] }) as Awaited<
            ReturnType<typeof govukBehavioursPage>
          >;
          expect(Array.isArray(result.competencies)).toBe(true);
          expect(Array.isArray(result.diagnostics)).toBe(true);
        } catch (e) {
          expect(isGradepackError(e)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});
