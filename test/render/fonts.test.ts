import { describe, expect, it } from 'vitest';
import { isGradepackError } from '../../src/model/errors';
import { drawnText, embedFonts, fontFaceCss, fontsIdentity, subsetsFor, unicodeRange } from '../../src/render/fonts';

const families = (css: string) => [...new Set([...css.matchAll(/font-family:'([^']+)'/g)].map((m) => m[1]))];

describe('embedded fonts', () => {
  it('name their packages and versions, for the manifest', () => {
    expect(fontsIdentity()).toMatch(/^@fontsource\/atkinson-hyperlegible \d+\.\d+\.\d+; @fontsource\/noto-sans \d+\.\d+\.\d+$/);
  });

  it('show English text with Atkinson Hyperlegible alone, in regular and bold', () => {
    const css = fontFaceCss('Seeing the big picture – “quotes”, £5, café', 'test');
    expect(families(css)).toEqual(['Atkinson Hyperlegible']);
    expect([...css.matchAll(/font-weight:(\d+)/g)].map((m) => m[1])).toEqual(['400', '700']);
    expect(css).toMatch(/src:url\(data:font\/woff2;base64,[A-Za-z0-9+/=]+\) format\('woff2'\)/);
  });

  it('add Noto Sans only for the characters Atkinson Hyperlegible lacks (Welsh ŵ, Greek)', () => {
    const welsh = subsetsFor('Gŵyl y Gwanwyn');
    expect(welsh.uncovered).toEqual([]);
    expect(welsh.needed.map((s) => `${s.family} ${s.name}`)).toContain('Noto Sans latin-ext');
    expect(families(fontFaceCss('μ and Ω', 'test'))).toEqual(['Atkinson Hyperlegible', 'Noto Sans']);
  });

  it('refuse a character no embedded font can show, naming it and the document', () => {
    let error: unknown;
    try {
      fontFaceCss('Delivering at pace 🚀 and 漢', 'EO pack');
    } catch (e) {
      error = e;
    }
    expect(isGradepackError(error) && error.code).toBe('CharacterUnsupported');
    expect((error as Error).message).toContain('EO pack');
    expect((error as Error).message).toContain('"🚀" (U+1F680)');
    expect((error as Error).message).toContain('"漢" (U+6F22)');
  });

  it('read the drawn text of a page: no tags, styles or titles; entities decoded', () => {
    expect(drawnText('<title>T</title><style>p{}</style><p class="x">a &amp; b &#8211; &#x201C;c&#x201D;</p><!-- z -->').replace(/\s+/g, ' ').trim()).toBe(
      'a & b – “c”',
    );
  });

  it('go into a page once, before its own styles, with the families as its default', () => {
    const page = embedFonts('<!DOCTYPE html><html lang="en"><head><title>x</title><style>h1{}</style></head><body><h1>Hi</h1></body></html>', 'x');
    expect(embedFonts(page, 'x')).toBe(page);
    expect(page.indexOf('@font-face')).toBeLessThan(page.indexOf('h1{}'));
    expect(page).toContain(":root{font-family:'Atkinson Hyperlegible', 'Noto Sans'}");
  });

  it('write a unicode-range from code points', () => {
    expect(unicodeRange(new Set([0x20, 0x21, 0x22, 0x41, 0x100, 0x101]))).toBe('U+20-22,U+41,U+100-101');
  });
});
