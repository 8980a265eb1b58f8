import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeForComparison } from '../../src/model/similarity';
import { mentions, nameTable } from '../../src/validate/intro-names';
import { comparable, relate } from '../../src/validate/repeats';
import { repeatedRun } from '../../src/validate/rules/extraction-health';
import { applySubstitutions, canonicalWords, compileSubstitutions, sameLetters } from '../../src/validate/substitutions';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRegistry } from '../../src/ingest/registry';
import { SOURCES } from '../helpers/ingest';
import { describeChanges, wordChanges } from '../../src/validate/word-diff';
import { buildFramework } from './fixture';

const word = fc.constantFrom('lead', 'team', 'work', 'ensure', 'support', 'deliver', 'change', 'risk', 'value', 'people', 'clear', 'goals');
const text = fc.array(word, { minLength: 1, maxLength: 30 }).map((ws) => ws.join(' '));

describe('repeat measure', () => {
  it('is symmetric, and every text repeats itself word for word', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const x = comparable(a);
        const y = comparable(b);
        expect(relate(x, x)?.relation).toBe('verbatim');
        expect(relate(x, y)?.relation ?? null).toBe(relate(y, x)?.relation ?? null);
      }),
    );
  });

  it('folds a text to the same words as the shared normalizer, sentence by sentence', () => {
    const sentence = fc
      .tuple(
        fc.array(fc.constantFrom('Lead', 'team’s', 'e.g.', 'work-place', '"value"', 'Civil', '(risk)', '3-5', 'café'), { minLength: 1, maxLength: 8 }),
        fc.constantFrom('.', ';', '!', '', ','),
      )
      .map(([ws, end]) => `${ws.join(' ')}${end}`);
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 5 }), (sentences) => {
        const t = sentences.join(' ');
        expect(comparable(t).words).toEqual(normalizeForComparison(t));
      }),
    );
  });

  it('rates one word changed in ten or more as near-verbatim, two in ten as similar, three in ten as unrelated', () => {
    const base = 'take personal responsibility for the quality of the service your team delivers'.split(' ');
    const change = (n: number) => base.map((w, i) => (i < n ? `other${i}` : w)).join(' ');
    expect(relate(comparable(base.join(' ')), comparable(change(1)))?.relation).toBe('near-verbatim');
    expect(relate(comparable(base.slice(0, 10).join(' ')), comparable(change(2).split(' ').slice(0, 10).join(' ')))?.relation).toBe('similar');
    expect(relate(comparable(base.slice(0, 10).join(' ')), comparable(change(3).split(' ').slice(0, 10).join(' ')))).toBeNull();
  });

  it('does not read a short shared phrase as containment', () => {
    const short = comparable('consider accessibility needs of the diverse range of end users');
    const long = comparable(
      'lead the transformation towards using digital technologies ensuring full consideration of accessibility needs and the diverse range of end users',
    );
    expect(relate(short, long)).toBeNull();
  });
});

describe('intro names', () => {
  const framework = buildFramework({
    id: 'sp',
    levels: [{ id: '1' }, { id: '4' }, { id: '5' }, { id: '6' }],
    competencies: [
      { title: 'Leadership', levels: [] },
      { title: 'Developing self and others', levels: [] },
    ],
  });
  const table = nameTable(framework);
  const levelsOf = (t: string) =>
    mentions(t, table)
      .levels.map((m) => `${m.name}:${m.level}`)
      .sort();

  it('reads the longest name: Deputy Director is level 5, Director General and Director level 6', () => {
    expect(levelsOf('at Deputy Director grade or equivalent')).toEqual(['deputy director:5']);
    expect(levelsOf('at Director and Director General grades')).toEqual(['director general:6', 'director:6']);
  });

  it('tolerates case, "yourself" for "self", "&" for "and", and either order of grades', () => {
    expect(mentions('Examples of DEVELOPING YOURSELF & OTHERS at Grade 6 and Grade 7', table)).toEqual({
      competencies: ['developing-self-and-others'],
      levels: [expect.objectContaining({ level: '4', grades: ['g7'] }), expect.objectContaining({ level: '4', grades: ['g6'] })],
    });
  });

  it('matches whole words only', () => {
    expect(levelsOf('at aardvark grade, leadership aside')).toEqual([]);
  });
});

/** The substitutions sources/registry.json declares for the MMO's adaptation of the 2012 text. */
const MMO_REWRITES = compileSubstitutions(
  parseRegistry(readFileSync(join(SOURCES, 'registry.json'), 'utf8'), 'registry.json').frameworks.find((f) => f.id === 'mmo-2014')!.policy.adaptationOf!
    .substitutions,
);

describe('MMO substitutions', () => {
  it('rewrites the MMO wording into the 2012 wording, longest phrase first', () => {
    expect(canonicalWords('supports the work of the Organisation and Civil Service', MMO_REWRITES)).toEqual(
      canonicalWords('supports the work of the Department', MMO_REWRITES),
    );
    expect(canonicalWords("the Organisation's vision", MMO_REWRITES)).toEqual(canonicalWords("the Department's vision", MMO_REWRITES));
    expect(applySubstitutions(['organsation'], MMO_REWRITES)).toEqual(['organsation']);
  });

  it('treats spacing and hyphenation as the same letters', () => {
    expect(sameLetters(canonicalWords('provide on-going value', MMO_REWRITES), canonicalWords('provide ongoing value', MMO_REWRITES))).toBe(true);
    expect(sameLetters(canonicalWords('provide ongoing value', MMO_REWRITES), canonicalWords('provide going value', MMO_REWRITES))).toBe(false);
  });
});

describe('word changes and repeated runs', () => {
  it('describes the words that differ', () => {
    expect(describeChanges(wordChanges('support colleagues to take responsibility'.split(' '), 'ensure colleagues take responsibility'.split(' ')))).toBe(
      '"support" → "ensure"; − "to"',
    );
    expect(describeChanges(wordChanges(['a', 'b'], ['a', 'b', 'c']), 4, { from: 'here', to: 'there' })).toBe('here (nothing) / there "c"');
  });

  it('finds a run of six words that occurs twice, not overlapping itself', () => {
    const ids = (t: string) => comparable(t).ids;
    expect(repeatedRun(ids('a b c d e f x a b c d e f'))).toBe(7);
    expect(repeatedRun(ids('a a a a a a a a a a a a'))).toBe(6);
    expect(repeatedRun(ids('a a a a a a a a a a a'))).toBeNull();
    expect(repeatedRun(ids('a b c d e f g h i j'))).toBeNull();
  });
});
