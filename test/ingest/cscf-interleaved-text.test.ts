import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isGradepackError } from '../../src/model/errors';
import { cscfInterleavedText } from '../../src/ingest/adapters/cscf-interleaved-text';
import { applyAcceptances } from '../../src/validate/acceptances';
import { ingestFromDisk } from '../../src/ingest/ingest';
import { findFramework, loadRegistry } from '../../src/ingest/registry';
import type { AdapterResult, SourceInput } from '../../src/ingest/types';
import { expectGolden } from '../helpers/golden';
import { ingestWith, realSource, ROOT, SOURCES, sourceInput } from '../helpers/ingest';

const FILE = 'cs-competency-framework-2012-sms1.txt';
const FIXTURES = join(ROOT, 'test/fixtures/ingest/cscf-interleaved-text');

async function adapt(source: SourceInput): Promise<AdapterResult> {
  const registry = await loadRegistry(SOURCES);
  return cscfInterleavedText({ framework: findFramework(registry, 'cscf-2012-sms1'), sources: [source] });
}

const indicatorsOf = (result: AdapterResult, title: string, polarity: 'effective' | 'ineffective') =>
  result.competencies
    .find((c) => c.title === title)!
    .levels.flatMap((l) => l.indicators)
    .filter((i) => i.polarity === polarity);

describe('cscf-interleaved-text golden fixtures', () => {
  for (const name of readdirSync(FIXTURES)) {
    it(name, async () => {
      const text = readFileSync(join(FIXTURES, name, FILE), 'utf8');
      expectGolden(await adapt(sourceInput(FILE, text)), join(FIXTURES, name, 'expected.json'));
    });
  }
});

describe('cscf-interleaved-text on the real source', () => {
  const COUNTS: [string, string, number, number][] = [
    ['Seeing the Big Picture', 'Strategic Cluster – Setting Direction', 5, 5],
    ['Changing and Improving', 'Strategic Cluster – Setting Direction', 6, 6],
    ['Making Effective Decisions', 'Strategic Cluster – Setting Direction', 6, 6],
    ['Leading and Communicating', 'People Cluster - Engaging People', 6, 6],
    ['Collaborating and Partnering', 'People Cluster - Engaging People', 6, 6],
    ['Building Capability for All', 'People Cluster - Engaging People', 6, 6],
    ['Achieving Commercial Outcomes', 'Performance Cluster - Delivering Results', 6, 6],
    ['Delivering Value for Money', 'Performance Cluster - Delivering Results', 6, 6],
    ['Managing a Quality Service', 'Performance Cluster - Delivering Results', 6, 6],
    ['Delivering at Pace', 'Performance Cluster - Delivering Results', 6, 6],
  ];

  it('finds the ten competencies, their clusters and every indicator at level 5', async () => {
    const result = await adapt(realSource(FILE));
    expect(result.competencies.map((c) => [c.title, c.cluster])).toEqual(COUNTS.map(([t, c]) => [t, c]));
    for (const [title, , effective, ineffective] of COUNTS) {
      const competency = result.competencies.find((c) => c.title === title)!;
      expect(competency.levels.map((l) => l.level)).toEqual(['5']);
      expect(indicatorsOf(result, title, 'effective')).toHaveLength(effective);
      expect(indicatorsOf(result, title, 'ineffective')).toHaveLength(ineffective);
      for (const i of competency.levels[0]!.indicators) {
        expect(i.grade).toBeNull();
        expect(i.source).toMatchObject({ file: FILE, page: null });
      }
    }
  });

  it('splits cells the extraction ran together on one line', async () => {
    const result = await adapt(realSource(FILE));
    const changing = (p: 'effective' | 'ineffective') => indicatorsOf(result, 'Changing and Improving', p).map((i) => [i.source.line, i.text]);
    expect(changing('effective')).toEqual([
      [95, 'Seek and encourage ideas, improvements and measured risk taking within own area to deliver better approaches and services'],
      [96, 'Encourage a culture of imaginative thinking, seek to expand mindsets and genuinely listen to ideas from employees and stakeholders'],
      [97, 'Identify step changes that quickly transform flexibility, responsiveness and quality of service'],
      [99, 'Challenge the status quo in own and related areas to achieve value-adding improvements and change'],
      [100, 'Lead the transformation of services to users, moving to a digital approach whenever possible'],
      [102, 'Create effective plans, systems and governance to manage change and respond promptly to critical events'],
    ]);
    expect(changing('ineffective')).toEqual([
      [95, 'Restrict changes to own portfolio – do not integrate or align with change in other areas'],
      [96, 'Create a punitive environment for risk taking and responsive decision making – show intolerance of mistakes'],
      [98, 'Allow own area to become outdated and out of step with evolving changes and wider service requirements'],
      [99, 'Contribute to a culture of inertia across own portfolio of activities by focusing managers on delivering things as they always have'],
      [100, 'Miss opportunities to use alternative delivery models'],
      [102, 'Adopt an unsystematic approach to change management – cause confusion about priorities and timelines'],
    ]);
    const collaborating = (p: 'effective' | 'ineffective') =>
      indicatorsOf(result, 'Collaborating and Partnering', p)
        .slice(0, 2)
        .map((i) => i.text);
    expect(collaborating('effective')).toEqual([
      'Proactively create, maintain and promote a strong network of connections with colleagues across the Department, wider Civil Service and externally',
      'Actively promote knowledge and resource sharing with peers and across functions',
    ]);
    expect(collaborating('ineffective')).toEqual([
      'Focus on delivery at the expense of building networks and effective relationships across and beyond their area',
      'Consistently protect resources and interests of own area at the expense of Departmental priorities',
    ]);
  });

  it('joins wrapped cells, including continuations that start with a capital', async () => {
    const result = await adapt(realSource(FILE));
    expect(indicatorsOf(result, 'Seeing the Big Picture', 'effective').map((i) => i.text)).toContain(
      "Shape strategies and plans which help put into practice and support the Department's vision and long-term direction, including those shared with other departments",
    );
    expect(
      indicatorsOf(result, 'Leading and Communicating', 'ineffective')
        .slice(2, 4)
        .map((i) => i.text),
    ).toEqual([
      'Make limited effort to create clarity for others around strategy or purpose, leave staff to work through changes on their own',
      'Disregard the need to consistently promote good diversity practice',
    ]);
    expect(indicatorsOf(result, 'Achieving Commercial Outcomes', 'effective')[0]!.text).toBe(
      'Identify and implement different ways of working deployed in other sectors e.g. using resources, assets and commercial arrangements',
    );
  });

  it('reads descriptions without page furniture', async () => {
    const result = await adapt(realSource(FILE));
    const building = result.competencies.find((c) => c.title === 'Building Capability for All')!;
    expect(building.description).toContain("about keeping one's own knowledge and skill set current and evolving.");
    expect(result.competencies.every((c) => c.description && !c.description.includes('©'))).toBe(true);
  });

  it('reports the doubtful split and the joined line-break hyphen, and nothing else', async () => {
    const result = await adapt(realSource(FILE));
    expect(result.diagnostics.map((d) => [d.line, d.severity, d.rule])).toEqual([
      [100, 'warning', 'extraction-health'],
      [132, 'warning', 'extraction-health'],
    ]);
  });

  it('applies its errata when ingested from disk', async () => {
    const registry = await loadRegistry(SOURCES);
    const { framework, diagnostics, errata } = await ingestFromDisk(SOURCES, findFramework(registry, 'cscf-2012-sms1'));
    const building = framework.competencies.find((c) => c.id === 'building-capability-for-all')!;
    const inclusive = building.levels[0]!.indicators.find((i) => i.source.line === 132 && i.polarity === 'effective')!;
    expect(inclusive.text).toBe('Create an inclusive environment, one from which all staff, including under-represented groups, can benefit');
    expect(inclusive.corrected?.original).toContain('under- represented');
    expect(diagnostics.filter((d) => d.rule === 'errata')).toEqual([]);
    expect(applyAcceptances(diagnostics, errata).filter((d) => !d.accepted)).toEqual([]);
    expect(framework.competencies.flatMap((c) => c.levels.flatMap((l) => l.indicators))).toHaveLength(118);
  });
});

describe('cscf-interleaved-text on other input', () => {
  for (const [file, format] of [
    ['success-profiles-behaviours-2024.txt', 'text'],
    ['mmo-competency-framework-2014-15.md', 'markdown'],
    ['odp-core-skills.txt', 'text'],
  ] as const) {
    it(`does not recognise ${file}`, async () => {
      const source = { ...realSource(file, format), file: FILE };
      await expect(adapt(source)).rejects.toMatchObject({ code: 'SourceUnrecognised', location: { file: `sources/${FILE}` } });
    });
  }

  it('never crashes on mutated text', async () => {
    const lines = readFileSync(join(SOURCES, FILE), 'utf8').split('\n');
    const position = fc.nat({ max: lines.length - 1 });
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('drop' as const), at: position }),
      fc.record({ kind: fc.constant('duplicate' as const), at: position }),
      fc.record({ kind: fc.constant('swap' as const), at: position, with: position }),
      fc.record({ kind: fc.constant('truncate' as const), at: position, keep: fc.nat({ max: 200 }) }),
      fc.record({ kind: fc.constant('bytes' as const), at: position, keep: fc.nat({ max: 200 }), bytes: fc.string({ unit: 'binary', maxLength: 20 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 6 }), async (mutations) => {
        const mutated = [...lines];
        for (const m of mutations) {
          const at = Math.min(m.at, mutated.length - 1);
          if (at < 0) break;
          if (m.kind === 'drop') mutated.splice(at, 1);
          else if (m.kind === 'duplicate') mutated.splice(at, 0, mutated[at]!);
          else if (m.kind === 'swap') {
            const other = Math.min(m.with, mutated.length - 1);
            [mutated[at], mutated[other]] = [mutated[other]!, mutated[at]!];
          } else if (m.kind === 'truncate') mutated[at] = mutated[at]!.slice(0, m.keep);
          else mutated[at] = mutated[at]!.slice(0, m.keep) + m.bytes + mutated[at]!.slice(m.keep);
        }
        const text = mutated.join('\n');
        try {
          const result = await adapt(sourceInput(FILE, text));
          for (const c of result.competencies) {
            for (const i of c.levels.flatMap((l) => l.indicators)) {
              expect(i.text.length).toBeGreaterThan(0);
              expect(i.source.line).toBeGreaterThan(0);
              expect(i.source.line).toBeLessThanOrEqual(text.split('\n').length);
            }
          }
          await ingestWith('cscf-2012-sms1', [sourceInput(FILE, text)]);
        } catch (e) {
          if (!isGradepackError(e)) throw e;
        }
      }),
      { numRuns: 100 },
    );
  });
});
