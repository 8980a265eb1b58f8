import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toCompetency } from '../../src/ingest/ingest';
import type { ExtractedCompetency } from '../../src/model/extracted';
import { Framework } from '../../src/model/schema';
import { assignStableIds } from '../../src/model/stable-ids';
import { ROOT } from '../helpers/ingest';
import { runCli, tempProject } from '../helpers/project';

type Spec = Record<string, Record<string, string[]>>;

/** A model as ingest makes it from a source: ids by position. `!` marks an ineffective indicator. */
function fresh(spec: Spec): Framework {
  const competencies: ExtractedCompetency[] = Object.entries(spec).map(([title, levels]) => ({
    title,
    cluster: null,
    description: null,
    source: null,
    levels: Object.entries(levels).map(([level, texts]) => ({
      level,
      note: null,
      intro: null,
      indicators: texts.map((t, i) => ({
        text: t.replace(/^!/, ''),
        polarity: t.startsWith('!') ? ('ineffective' as const) : ('effective' as const),
        grade: null,
        source: { file: 'f.txt', line: i + 1, page: null },
      })),
    })),
  }));
  return Framework.parse({
    id: 'f',
    title: 'F',
    publisher: 'P',
    edition: 'E',
    date: null,
    licence: 'OGL',
    url: null,
    sources: [{ file: 'f.txt', sha256: '0'.repeat(64), format: 'text' }],
    levels: [
      { id: '1', label: 'One', order: 1, grades: ['eo'] },
      { id: '2', label: 'Two', order: 2, grades: ['heo'] },
    ],
    competencies: competencies.map(toCompetency),
  });
}

/** Indicator id to text, for one model. */
const ids = (f: Framework) => Object.fromEntries(f.competencies.flatMap((c) => c.levels.flatMap((l) => l.indicators.map((i) => [i.id, i.text]))));

const first = fresh({ Leadership: { '1': ['Lead the team', 'Keep people informed', 'Set clear goals', '!Blame others'] } });
const committed = assignStableIds(null, first);

describe('stable ids', () => {
  it('a framework seen for the first time is numbered by position, with nothing retired', () => {
    expect(ids(committed)).toEqual({
      'leadership.1.e1': 'Lead the team',
      'leadership.1.e2': 'Keep people informed',
      'leadership.1.e3': 'Set clear goals',
      'leadership.1.i1': 'Blame others',
    });
    expect(committed.retired).toEqual([]);
  });

  it('insertion at the top: the others keep their ids and the new one gets the next number', () => {
    const next = assignStableIds(
      committed,
      fresh({ Leadership: { '1': ['Listen first', 'Lead the team', 'Keep people informed', 'Set clear goals', '!Blame others'] } }),
    );
    expect(ids(next)).toEqual({ ...ids(committed), 'leadership.1.e4': 'Listen first' });
    expect(next.competencies[0]!.levels[0]!.indicators.map((i) => i.id)).toEqual([
      'leadership.1.e4',
      'leadership.1.e1',
      'leadership.1.e2',
      'leadership.1.e3',
      'leadership.1.i1',
    ]);
  });

  it('deletion: the id is retired with its last text; the ones after it do not move up', () => {
    const next = assignStableIds(committed, fresh({ Leadership: { '1': ['Lead the team', 'Set clear goals', '!Blame others'] } }));
    expect(ids(next)).toEqual({ 'leadership.1.e1': 'Lead the team', 'leadership.1.e3': 'Set clear goals', 'leadership.1.i1': 'Blame others' });
    expect(next.retired).toEqual([{ id: 'leadership.1.e2', text: 'Keep people informed' }]);
  });

  it('reorder: every indicator keeps its id', () => {
    const next = assignStableIds(committed, fresh({ Leadership: { '1': ['!Blame others', 'Set clear goals', 'Lead the team', 'Keep people informed'] } }));
    expect(ids(next)).toEqual(ids(committed));
    expect(next.retired).toEqual([]);
  });

  it('reword: a reworded indicator keeps its id, also when its list is reordered at the same time', () => {
    const next = assignStableIds(
      committed,
      fresh({ Leadership: { '1': ['Set clear and realistic goals', 'Lead the whole team', 'Keep people informed', '!Blame others'] } }),
    );
    expect(ids(next)).toEqual({
      'leadership.1.e1': 'Lead the whole team',
      'leadership.1.e2': 'Keep people informed',
      'leadership.1.e3': 'Set clear and realistic goals',
      'leadership.1.i1': 'Blame others',
    });
  });

  it('a retired id is never handed out again, however many builds later', () => {
    const deleted = assignStableIds(committed, fresh({ Leadership: { '1': ['Lead the team', 'Keep people informed', 'Set clear goals'] } }));
    expect(deleted.retired).toEqual([{ id: 'leadership.1.i1', text: 'Blame others' }]);
    // Another build with nothing changed keeps the record of the retired id.
    const same = assignStableIds(deleted, fresh({ Leadership: { '1': ['Lead the team', 'Keep people informed', 'Set clear goals'] } }));
    expect(same.retired).toEqual(deleted.retired);
    // A new ineffective indicator, and then the old one's text again: neither gets i1.
    const added = assignStableIds(same, fresh({ Leadership: { '1': ['Lead the team', 'Keep people informed', 'Set clear goals', '!Micromanage'] } }));
    expect(ids(added)['leadership.1.i2']).toBe('Micromanage');
    expect(ids(added)['leadership.1.i1']).toBeUndefined();
    const back = assignStableIds(
      added,
      fresh({ Leadership: { '1': ['Lead the team', 'Keep people informed', 'Set clear goals', '!Micromanage', '!Blame others'] } }),
    );
    expect(ids(back)['leadership.1.i3']).toBe('Blame others');
    // Deleting the last of a list does not free its number either.
    const shorter = assignStableIds(back, fresh({ Leadership: { '1': ['Lead the team', 'Keep people informed', 'Set clear goals', '!Micromanage'] } }));
    const again = assignStableIds(
      shorter,
      fresh({ Leadership: { '1': ['Lead the team', 'Keep people informed', 'Set clear goals', '!Micromanage', '!Shout'] } }),
    );
    expect(ids(again)['leadership.1.i4']).toBe('Shout');
    expect(again.retired.map((r) => r.id)).toEqual(['leadership.1.i1', 'leadership.1.i3']);
  });

  it('rename in the registry: the competency keeps its id under its new title, even when no indicator carries over', () => {
    const renamed = fresh({ 'Leading people': { '1': ['Coach colleagues weekly', '!Ignore feedback from staff'] } });
    const next = assignStableIds(committed, renamed, { renames: { 'leading-people': 'leadership' } });
    expect(next.competencies.map((c) => [c.id, c.title])).toEqual([['leadership', 'Leading people']]);
    expect(ids(next)).toEqual({ 'leadership.1.e4': 'Coach colleagues weekly', 'leadership.1.i2': 'Ignore feedback from staff' });
    expect(next.retired.map((r) => r.id)).toEqual(['leadership.1.e1', 'leadership.1.e2', 'leadership.1.e3', 'leadership.1.i1']);
    // Without the rename it is another competency, and the old one is retired.
    const unrelated = assignStableIds(committed, renamed);
    expect(unrelated.competencies[0]!.id).toBe('leading-people');
    expect(unrelated.retired).toContainEqual({ id: 'leadership', text: 'Leadership' });
  });

  it('rename with the content kept (a new edition retitles a behaviour): matched by its indicators', () => {
    const next = assignStableIds(
      committed,
      fresh({ 'Leading people': { '1': ['Lead the whole team', 'Keep people informed', 'Set clear goals', '!Blame others'] } }),
    );
    expect(next.competencies.map((c) => [c.id, c.title])).toEqual([['leadership', 'Leading people']]);
    expect(Object.keys(ids(next))).toEqual(Object.keys(ids(committed)));
  });

  it('rename through errata (a corrected title): the content carries over, so the id does', () => {
    const typo = assignStableIds(null, fresh({ Leadershp: { '1': ['Lead the team', 'Keep people informed'] }, Delivery: { '1': ['Deliver on time'] } }));
    const corrected = assignStableIds(typo, fresh({ Leadership: { '1': ['Lead the team', 'Keep people informed'] }, Delivery: { '1': ['Deliver on time'] } }));
    expect(corrected.competencies.map((c) => [c.id, c.title])).toEqual([
      ['leadershp', 'Leadership'],
      ['delivery', 'Delivery'],
    ]);
    expect(ids(corrected)).toEqual(ids(typo));
    expect(corrected.retired).toEqual([]);
  });

  it('ids the source gives are kept as they are, and numbering skips them', () => {
    const next = assignStableIds(committed, { ...fresh({ Leadership: { '1': ['Lead the team', 'Plan ahead'] } }) }, { pinned: new Set(['leadership.1.e2']) });
    // "Plan ahead" came with the id leadership.1.e2 (say, from a spreadsheet's id column).
    expect(ids(next)).toEqual({ 'leadership.1.e1': 'Lead the team', 'leadership.1.e2': 'Plan ahead' });
    expect(next.retired.map((r) => r.id)).toEqual(['leadership.1.e3', 'leadership.1.i1']);
  });
});

describe('stable ids through the CLI, on the real 2024 source', () => {
  it('inserting a bullet at the top of "seeing the big picture at EO" and deleting the second moves no id', async () => {
    const root = tempProject(['success-profiles-2024']);
    mkdirSync(join(root, 'output', 'model'), { recursive: true });
    const model = join(root, 'output', 'model', 'success-profiles-2024.json');
    cpSync(join(ROOT, 'output', 'model', 'success-profiles-2024.json'), model);
    const source = join(root, 'sources', 'success-profiles-behaviours-2024.txt');
    const lines = readFileSync(source, 'utf8').split('\n');
    const at = lines.indexOf('Examples of seeing the big picture at EO grade or equivalent are when you:');
    expect(lines[at + 2]).toBe('- keep up to date with the issues that affect your work area');
    // The experiment of issue 12: one bullet inserted at the top, the second deleted.
    lines.splice(at + 2, 1);
    lines.splice(at + 1, 0, '- explain to others how their work fits the department’s plans');
    writeFileSync(source, lines.join('\n'));

    const run = await runCli(['ingest', '--root', root, '--quiet', '--framework', 'success-profiles-2024']);
    expect(run.code, run.stderr).toBe(0);
    const after = Framework.parse(JSON.parse(readFileSync(model, 'utf8')));
    const level = after.competencies.find((c) => c.id === 'seeing-the-big-picture')!.levels.find((l) => l.level === '2')!;
    expect(level.indicators.map((i) => [i.id, i.text.slice(0, 40)])).toEqual([
      ['seeing-the-big-picture.2.e5', 'explain to others how their work fits th'],
      ['seeing-the-big-picture.2.e1', 'understand how your work and the work of'],
      ['seeing-the-big-picture.2.e3', 'take a keen interest in expanding knowle'],
      ['seeing-the-big-picture.2.e4', 'focus on overall goals and not just spec'],
    ]);
    expect(after.retired).toEqual([{ id: 'seeing-the-big-picture.2.e2', text: 'keep up to date with the issues that affect your work area' }]);
    // Every other id of the framework is where it was.
    const before = Framework.parse(JSON.parse(readFileSync(join(ROOT, 'output', 'model', 'success-profiles-2024.json'), 'utf8')));
    const { 'seeing-the-big-picture.2.e2': _gone, ...kept } = ids(before);
    expect(Object.entries(ids(after)).filter(([id]) => id !== 'seeing-the-big-picture.2.e5')).toEqual(Object.entries(kept));

    // Ingesting again changes nothing: the model is its own previous model.
    const text = readFileSync(model, 'utf8');
    expect((await runCli(['ingest', '--root', root, '--quiet', '--framework', 'success-profiles-2024'])).code).toBe(0);
    expect(readFileSync(model, 'utf8')).toBe(text);
  });
});

describe('a title corrected by errata keeps the competency id', () => {
  it('a replace entry on the title line changes the title; stable ids then keep the old id', async () => {
    const { applyCorrections } = await import('../../src/ingest/errata');
    const { slugify } = await import('../../src/model/slug');
    const extracted: ExtractedCompetency[] = [
      {
        title: 'Seeing the Big Pictrue',
        cluster: null,
        description: null,
        source: { file: 'f.txt', line: 3, page: null },
        levels: [
          {
            level: '1',
            note: null,
            intro: null,
            indicators: [
              { text: 'Lead the team', polarity: 'effective', grade: null, source: { file: 'f.txt', line: 4, page: null } },
              { text: 'Keep people informed', polarity: 'effective', grade: null, source: { file: 'f.txt', line: 5, page: null } },
            ],
          },
        ],
      },
    ];
    const corrected = applyCorrections(
      extracted,
      { source: 'f.txt', entries: [{ action: 'replace', line: 3, find: 'Pictrue', replace: 'Picture', reason: 'typo in the title' }] },
      slugify,
      'f',
    );
    expect(corrected.diagnostics).toEqual([]);
    expect(corrected.competencies[0]!.title).toBe('Seeing the Big Picture');
    const before = assignStableIds(null, Framework.parse({ ...fresh({}), competencies: extracted.map(toCompetency) }));
    const after = assignStableIds(before, Framework.parse({ ...fresh({}), competencies: corrected.competencies.map(toCompetency) }));
    expect(after.competencies.map((c) => [c.id, c.title])).toEqual([['seeing-the-big-pictrue', 'Seeing the Big Picture']]);
    expect(ids(after)).toEqual(ids(before));
  });
});
