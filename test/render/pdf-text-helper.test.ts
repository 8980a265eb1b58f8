import { describe, expect, it } from 'vitest';
import { packTargets, packView } from '../../src/model/pack-view';
import { expectIndicatorsWholeOnAPage, expectPackText, normalizeText, packTextExpectations } from '../helpers/pdf-text';
import { effectiveIneffectiveLike, odpScsLike } from './fixtures';

/** The checks the pack tests rely on must fail when a pack is wrong. */
describe('test/helpers/pdf-text', () => {
  const framework = effectiveIneffectiveLike();
  const view = packView(framework, packTargets(framework).find((t) => t.key === 'eo')!);
  const shown = view.competencies.flatMap((c) => c.sections.flatMap((s) => s.indicators.map((i) => i.text)));

  it('normalises line wrapping, hyphenation at line ends, soft hyphens, ligatures and case', () => {
    expect(normalizeText('Well-\nbeing of the\u00ad team ﬁrst')).toBe(normalizeText('well-being of the team first'));
    expect(normalizeText('a  b\nc')).toBe('abc');
  });

  it('passes a text with every indicator of the level, however it is wrapped', () => {
    const wrapped = shown.map((t) => t.replace(/ /g, (_, i: number) => (i % 3 === 0 ? '\n' : ' '))).join('\nPage 3 of 9\n');
    expect(() => expectPackText(wrapped, view, framework)).not.toThrow();
  });

  it('fails a text missing one indicator, naming it', () => {
    const missing = view.competencies[1]!.sections[0]!.indicators[2]!;
    const text = shown.filter((t) => t !== missing.text).join('\n');
    expect(() => expectPackText(text, view, framework)).toThrow(missing.id);
  });

  it('fails a text with an indicator only a higher level has, naming it', () => {
    const higher = framework.competencies[0]!.levels.find((l) => l.level === '3')!.indicators.find((i) => !shown.includes(i.text))!;
    expect(packTextExpectations(view, framework).absent.map((i) => i.id)).toContain(higher.id);
    expect(() => expectPackText([...shown, higher.text].join('\n'), view, framework)).toThrow(higher.id);
  });

  it('counts a higher grade’s text as higher where text is written per grade (ODP SCS)', () => {
    const scs = odpScsLike();
    const scs1 = packView(scs, packTargets(scs).find((t) => t.key === 'scs1')!);
    const absent = packTextExpectations(scs1, scs).absent;
    const grades = new Set(
      scs.competencies
        .flatMap((c) => c.levels.flatMap((l) => l.indicators))
        .filter((i) => absent.some((a) => a.id === i.id))
        .map((i) => i.grade),
    );
    expect([...grades].sort()).toEqual(['scs2', 'scs3']);
  });

  it('fails an indicator cut across two pages', () => {
    const [first, ...rest] = shown;
    const cut = first!.split(' ');
    const pages = [`${rest.join('\n')}\n${cut.slice(0, 3).join(' ')}`, `${cut.slice(3).join(' ')}`].join('\f');
    expect(() => expectIndicatorsWholeOnAPage(pages, view)).toThrow(view.competencies[0]!.sections[0]!.indicators.find((i) => i.text === first)!.id);
  });
});
