import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { odpCoreSkills, odpScsCapabilities } from '../../src/ingest/adapters/odp';
import { findFramework, loadRegistry, type FrameworkEntry } from '../../src/ingest/registry';
import { normalizeSpace } from '../../src/model/text';
import type { Adapter, AdapterResult, ExtractedCompetency, SourceInput } from '../../src/ingest/types';
import { GradepackError } from '../../src/model/errors';
import { expectGolden } from '../helpers/golden';
import { ingestWith, realSource, ROOT, SOURCES, sourceInput } from '../helpers/ingest';

const MAIN = 'odp-core-skills.txt';
const CAPTURE = 'odp-scs-power-of-connections.txt';
const FIXTURES = join(ROOT, 'test', 'fixtures', 'ingest');

const ADAPTERS: Record<string, { adapter: Adapter; framework: string }> = {
  'odp-core-skills': { adapter: odpCoreSkills, framework: 'odp-core-skills' },
  'odp-scs-capabilities': { adapter: odpScsCapabilities, framework: 'odp-scs-capabilities' },
};

let frameworks: Record<string, FrameworkEntry>;
beforeAll(async () => {
  const registry = await loadRegistry(SOURCES);
  frameworks = {
    'odp-core-skills': findFramework(registry, 'odp-core-skills'),
    'odp-scs-capabilities': findFramework(registry, 'odp-scs-capabilities'),
  };
});

const capture = (content: string) => sourceInput(CAPTURE, content, 'text', 'capture');
const run = (name: keyof typeof ADAPTERS, sources: SourceInput[]) =>
  ADAPTERS[name]!.adapter({ framework: frameworks[ADAPTERS[name]!.framework]!, sources }) as AdapterResult;

/** "level grade count" lines, to compare with what a reader counts on the page. */
function counts(c: ExtractedCompetency): string[] {
  return c.levels.map((l) => {
    const grades = [...new Set(l.indicators.map((i) => i.grade))];
    const by = grades.map((g) => `${g ?? '-'}:${l.indicators.filter((i) => i.grade === g).length}`).join(' ');
    return [l.level, by, l.note ? '+note' : ''].filter(Boolean).join(' ');
  });
}

const at = (result: AdapterResult, line: number) =>
  result.competencies.flatMap((c) => c.levels.flatMap((l) => l.indicators.map((i) => ({ c: c.title, l: l.level, ...i })))).find((i) => i.source.line === line);

describe('odp adapters: golden fixtures cut from the real pages', () => {
  for (const adapterName of Object.keys(ADAPTERS)) {
    const dir = join(FIXTURES, adapterName);
    const cases = existsSync(dir) ? readdirSync(dir) : [];
    for (const name of cases) {
      it(`${adapterName}/${name}`, () => {
        const folder = join(dir, name);
        const sources = [sourceInput(MAIN, readFileSync(join(folder, MAIN), 'utf8'))];
        if (existsSync(join(folder, CAPTURE))) sources.push(capture(readFileSync(join(folder, CAPTURE), 'utf8')));
        expectGolden(run(adapterName, sources), join(folder, 'expected.json'));
      });
    }
  }
});

describe('odp-core-skills on the real source', () => {
  let result: AdapterResult;
  beforeAll(() => {
    result = run('odp-core-skills', [realSource(MAIN)]);
  });

  it('finds the five skills with the indicators a reader counts', () => {
    expect(Object.fromEntries(result.competencies.map((c) => [c.title, counts(c)]))).toEqual({
      'Connections and communication': ['awareness -:3', 'working -:3', 'practitioner -:3', 'expert -:5'],
      'Operational leadership and management': ['awareness -:3', 'working -:3', 'practitioner -:3', 'expert -:3'],
      'Adaptability to change': ['awareness -:5', 'working -:4', 'practitioner -:4', 'expert -:4'],
      'Data and insight': ['awareness -:3', 'working -:5', 'practitioner -:6', 'expert -:5'],
      'Delivery and decision making at pace': ['awareness -:2', 'working -:4', 'practitioner -:4', 'expert -:5'],
    });
  });

  it('joins the wrapped description and keeps every indicator neutral and without grade', () => {
    expect(result.competencies[0]!.description).toBe(
      'Everyone in ODP strives for customer excellence and this is achieved through connections with others and exceptional communication skills, showing care, empathy, inclusivity, understanding and acting on customer needs.',
    );
    const all = result.competencies.flatMap((c) => c.levels.flatMap((l) => l.indicators));
    expect(all.every((i) => i.polarity === 'neutral' && i.grade === null && i.source.file === MAIN)).toBe(true);
    expect(all.some((i) => /Awareness|Learning Curriculum|SCS/.test(i.text))).toBe(false);
  });

  it('keeps the source words, typos included, at their lines', () => {
    expect(at(result, 57)).toMatchObject({
      l: 'awareness',
      text: 'Determines when to escalate or refer complex or difficult issues to team leaders or supervisors',
    });
    expect(at(result, 108)?.text).toContain('maximising the benefits of technology and automisation.');
    expect(at(result, 195)).toMatchObject({
      c: 'Delivery and decision making at pace',
      l: 'expert',
      text: 'Encourages openness and learning by creating a space for learning from experience and then embedding that learning more widely',
    });
  });

  it('reports the bullets without a closing full stop', () => {
    expect(result.diagnostics.map((d) => [d.line, d.severity, d.rule])).toEqual([
      [57, 'warning', 'extraction-health'],
      [195, 'warning', 'extraction-health'],
    ]);
  });
});

describe('odp-scs-capabilities on the real sources', () => {
  let result: AdapterResult;
  beforeAll(() => {
    result = run('odp-scs-capabilities', [realSource(MAIN), realSource(CAPTURE, 'text', 'capture')]);
  });

  it('finds the seven capabilities, each grade block with the bullets a reader counts', () => {
    const full = ['awareness +note', 'working scs1:2 scs2:2 scs3:2', 'practitioner scs1:2 scs2:2 scs3:2', 'expert scs1:2 scs2:2 scs3:2'];
    expect(Object.fromEntries(result.competencies.map((c) => [c.title, counts(c)]))).toEqual({
      'Power of connections': full,
      'Human centred design': full,
      'System leadership': full,
      'Innovation and risk': full,
      'Learning agility': full,
      'Data and insight': [...full.slice(0, 3), 'expert scs1:2 scs2:2 scs3:1'],
      'Decisions at pace': full,
    });
  });

  it('makes the Awareness explanation the note, word for word', () => {
    for (const c of result.competencies) {
      expect(c.levels[0]).toMatchObject({ level: 'awareness', indicators: [] });
      expect(c.levels[0]!.note).toBe(
        'As you move into the SCS, there is an expectation that you already have an awareness of all ODP core skills and therefore the minimum expectation is that you would be at Working Level / Developing Level. Recognising that you do not require ‘Awareness’ this is foregone and you progress through the 7 capabilities assessing your current expertise from the minimum expectation for SCS ‘Working’ through to ‘Expert’ level.',
      );
    }
  });

  it('keeps the hardest texts as published', () => {
    expect(at(result, 249)).toMatchObject({ grade: 'scs3', text: expect.stringMatching(/including fellow board members \.$/) });
    expect(at(result, 231)?.text).toMatch(/to shape strategy and support deliver\.$/);
    expect(at(result, 394)).toMatchObject({
      l: 'practitioner',
      grade: 'scs2',
      text: 'Fosters an environment which encourages the implementation of new innovations and technologies, ensuring processes and governance is in place to allow teams to deliver',
    });
    expect(at(result, 514)).toMatchObject({
      l: 'expert',
      grade: 'scs3',
      text: expect.stringMatching(/^As the most senior voice .* skills around data interpretation and use\.$/),
    });
    expect(result.competencies[1]!.description).toBe(
      'Senior operational delivery leaders can demonstrate that operational delivery is fundamentally about people, customers, and employees.',
    );
  });

  it('keeps the indicators the page repeats at several levels and grades', () => {
    const repeated =
      'Implements continuous improvement plans and adapts quickly when needed, learning from successes and mistakes then translating insight into action.';
    const learning = result.competencies.find((c) => c.title === 'Learning agility')!;
    const where = learning.levels.flatMap((l) => l.indicators.filter((i) => i.text === repeated).map((i) => `${l.level}.${i.grade}@${i.source.line}`));
    expect(where).toEqual(['working.scs2@434', 'practitioner.scs1@443', 'practitioner.scs2@446', 'expert.scs1@455']);
  });

  it('returns the capture apart, equal to the main page', () => {
    expect(Object.keys(result.captures!)).toEqual([CAPTURE]);
    const [captured] = result.captures![CAPTURE]!;
    const main = result.competencies[0]!;
    const strip = (c: ExtractedCompetency) => ({
      ...c,
      source: null,
      levels: c.levels.map((l) => ({ ...l, indicators: l.indicators.map((i) => ({ ...i, source: null })) })),
    });
    expect(captured!.title).toBe('Power of connections');
    expect(strip(captured!)).toEqual(strip(main));
    expect(captured!.levels[1]!.indicators[0]!.source).toEqual({ file: CAPTURE, line: 15, page: null });
    expect(result.competencies.map((c) => c.title)).not.toContain('');
  });

  it('reports the bullet without a full stop and the short grade block', () => {
    expect(result.diagnostics.map((d) => [d.file, d.line, d.severity])).toEqual([
      ['sources/odp-core-skills.txt', 394, 'warning'],
      ['sources/odp-core-skills.txt', 513, 'warning'],
    ]);
  });

  it('builds a valid model through ingest', async () => {
    const ingested = await ingestWith('odp-scs-capabilities', [realSource(MAIN), realSource(CAPTURE, 'text', 'capture')]);
    const first = ingested.framework.competencies[0]!;
    expect(first.id).toBe('power-of-connections');
    expect(first.levels[1]!.indicators.map((i) => i.id)).toEqual([
      'power-of-connections.working.scs1.n1',
      'power-of-connections.working.scs1.n2',
      'power-of-connections.working.scs2.n1',
      'power-of-connections.working.scs2.n2',
      'power-of-connections.working.scs3.n1',
      'power-of-connections.working.scs3.n2',
    ]);
    const core = await ingestWith('odp-core-skills', [realSource(MAIN)]);
    expect(core.framework.competencies).toHaveLength(5);
  });
});

describe('odp adapters: findings on damaged pages', () => {
  const scsPage = (body: string) =>
    [
      'Seven core capabilities for SCS roles',
      'Power of connections',
      'A description.',
      'Learning Curriculum for Power of connections',
      'AwarenessA',
      'A',
      'Not required.',
      'WorkingW',
      'W',
      body,
      'PractitionerP',
      'SCS1:',
      '- One.',
      'SCS2:',
      '- Two.',
      'SCS3:',
      '- Three.',
      'ExpertE',
      'SCS1:',
      '- One.',
      'SCS2:',
      '- Two.',
      'SCS3:',
      '- Three.',
    ].join('\n');

  it('reports an empty SCS grade block at its heading', () => {
    const result = run('odp-scs-capabilities', [sourceInput(MAIN, scsPage('SCS1:\n- One.\nSCS2:\nSCS3:\n- Three.'))]);
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'error', line: 12, level: 'working', message: 'empty SCS2 block in working' }),
    );
  });

  it('reports a missing grade block and bullets run together', () => {
    const result = run('odp-scs-capabilities', [sourceInput(MAIN, scsPage('SCS1:\n- One. - Two.\nSCS3:\n- Three.'))]);
    const messages = result.diagnostics.map((d) => `${d.line} ${d.message}`);
    expect(messages).toContain('8 no SCS2 block in working');
    expect(messages).toContain('11 indicator may be two bullets run together: "One. - Two."');
  });

  it('reports prose that is not a bullet instead of dropping it silently', () => {
    const result = run('odp-scs-capabilities', [sourceInput(MAIN, scsPage('SCS1:\n- One.\nStray words.\nSCS2:\n- Two.\nSCS3:\n- Three.'))]);
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'error', line: 12, message: 'text that is not a bullet, not extracted: "Stray words."' }),
    );
  });

  it('joins a bullet wrapped onto the next line, with a warning', () => {
    const result = run('odp-scs-capabilities', [sourceInput(MAIN, scsPage('SCS1:\n- One that wraps\nonto the next line.\nSCS2:\n- Two.\nSCS3:\n- Three.'))]);
    expect(at(result, 11)?.text).toBe('One that wraps onto the next line.');
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ severity: 'warning', line: 12 }));
  });

  it('reports a capture that matches no capability', () => {
    const result = run('odp-scs-capabilities', [
      sourceInput(MAIN, scsPage('SCS1:\n- One.\nSCS2:\n- Two.\nSCS3:\n- Three.')),
      capture('Another description.\nWorkingW\nSCS1:\n- Something else.'),
    ]);
    expect(result.captures).toEqual({ [CAPTURE]: [] });
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ file: `sources/${CAPTURE}`, severity: 'error', line: 1 }));
  });
});

describe('odp adapters: other documents', () => {
  it('throws SourceUnrecognised for another document', () => {
    const other = realSource('success-profiles-behaviours-2024.txt');
    for (const name of Object.keys(ADAPTERS)) {
      expect(() => run(name, [{ ...other, file: MAIN }])).toThrowError(
        expect.objectContaining({ code: 'SourceUnrecognised', location: { file: `sources/${MAIN}` } }),
      );
    }
  });

  it('throws SourceUnrecognised when the capture is not an ODP page', () => {
    expect(() => run('odp-scs-capabilities', [realSource(MAIN), capture('Just some text.\nNothing else.')])).toThrowError(
      expect.objectContaining({ code: 'SourceUnrecognised', location: { file: `sources/${CAPTURE}` } }),
    );
  });

  it('throws SourceUnrecognised for the capture given as the main page', () => {
    expect(() => run('odp-core-skills', [sourceInput(MAIN, readFileSync(join(SOURCES, CAPTURE), 'utf8'))])).toThrowError(
      expect.objectContaining({ code: 'SourceUnrecognised' }),
    );
  });
});

describe('odp adapters: mutated input', () => {
  const main = readFileSync(join(SOURCES, MAIN), 'utf8').split('\n');
  const captureLines = readFileSync(join(SOURCES, CAPTURE), 'utf8').split('\n');

  const mutation = (length: number) =>
    fc.oneof(
      fc.record({ kind: fc.constant('drop' as const), at: fc.nat(length - 1), n: fc.integer({ min: 1, max: 40 }) }),
      fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(length - 1), n: fc.integer({ min: 1, max: 40 }) }),
      fc.record({ kind: fc.constant('swap' as const), at: fc.nat(length - 1), n: fc.nat(length - 1) }),
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(length - 1), n: fc.nat(200) }),
      fc.record({ kind: fc.constant('bytes' as const), at: fc.nat(length - 1), text: fc.string({ unit: 'binary', maxLength: 30 }) }),
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat(length - 1), n: fc.constant(0) }),
    );

  function mutate(lines: string[], ms: { kind: string; at: number; n?: number; text?: string }[]): string {
    let out = [...lines];
    for (const m of ms) {
      const at = Math.min(m.at, Math.max(out.length - 1, 0));
      if (m.kind === 'drop') out.splice(at, m.n!);
      if (m.kind === 'duplicate') out.splice(at, 0, ...out.slice(at, at + m.n!));
      if (m.kind === 'swap' && out.length > 1) {
        const other = Math.min(m.n!, out.length - 1);
        [out[at], out[other]] = [out[other]!, out[at]!];
      }
      if (m.kind === 'truncate' && out[at] !== undefined) out[at] = out[at]!.slice(0, m.n!);
      if (m.kind === 'bytes') out.splice(at, 0, m.text!);
      if (m.kind === 'cut') out = out.slice(0, at);
    }
    return out.join('\n');
  }

  function expectSafe(name: keyof typeof ADAPTERS, sources: SourceInput[]) {
    let result: AdapterResult;
    try {
      result = run(name, sources);
    } catch (e) {
      expect(e).toBeInstanceOf(GradepackError);
      return;
    }
    expect(Array.isArray(result.competencies)).toBe(true);
    expect(Array.isArray(result.diagnostics)).toBe(true);
    // No invented text: every indicator starts with the bullet on the line it names.
    const linesOf = new Map(sources.map((s) => [s.file, s.text!.split('\n')]));
    for (const c of [...result.competencies, ...Object.values(result.captures ?? {}).flat()]) {
      expect(c.title.length).toBeGreaterThan(0);
      for (const i of c.levels.flatMap((l) => l.indicators)) {
        const line = normalizeSpace(linesOf.get(i.source.file)![i.source.line! - 1] ?? '');
        // A bullet shorter than 20 characters continues on the next line: its text starts the indicator.
        const head = i.text.slice(0, 20);
        const bullet = line.replace(/^-\s*/, '').replace(/-$/, '');
        if (!line.startsWith('-') || !(line.includes(head) || (bullet.length > 0 && head.startsWith(bullet)))) {
          expect.fail(`indicator at ${i.source.file}:${i.source.line} is not on its line: ${i.text}`);
        }
      }
    }
  }

  it('never crashes and never invents text', () => {
    fc.assert(
      fc.property(fc.array(mutation(main.length), { minLength: 1, maxLength: 6 }), fc.array(mutation(captureLines.length), { maxLength: 3 }), (ms, cms) => {
        const primary = sourceInput(MAIN, mutate(main, ms));
        expectSafe('odp-core-skills', [primary]);
        expectSafe('odp-scs-capabilities', [primary, capture(mutate(captureLines, cms))]);
      }),
      { numRuns: 100 },
    );
  });
});
