import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as Fontkit from '@pdf-lib/fontkit';
import { GradepackError } from '../model/errors';

/**
 * The typefaces every document carries inside itself, from npm packages pinned by the lock file,
 * so that no machine's installed fonts can move a line or page break:
 *  - Atkinson Hyperlegible (Braille Institute, SIL Open Font License 1.1, which allows embedding):
 *    a sans-serif drawn for readers with low vision, with letters that cannot be mistaken for one
 *    another (I l 1, O 0, rn m), which suits documents that people read closely against a grade;
 *  - Noto Sans (Google, SIL OFL 1.1) for the characters Atkinson lacks (Welsh ŵ and ŷ, Greek,
 *    Cyrillic), embedded only into documents that use them.
 * Faces are written as @font-face rules with data: URLs, so the page needs neither file nor
 * network access; the browser itself is given no fonts at all (pinned-chromium.ts). A character
 * that no face covers would print as nothing: it is refused with CharacterUnsupported.
 */
export const FONT_STACK = "'Atkinson Hyperlegible', 'Noto Sans'";

interface FamilySpec {
  package: string;
  family: string;
  /** The file stem in the package's files/ folder. */
  stem: string;
  subsets: string[];
}

const FAMILIES: FamilySpec[] = [
  { package: '@fontsource/atkinson-hyperlegible', family: 'Atkinson Hyperlegible', stem: 'atkinson-hyperlegible', subsets: ['latin', 'latin-ext'] },
  {
    package: '@fontsource/noto-sans',
    family: 'Noto Sans',
    stem: 'noto-sans',
    subsets: ['latin', 'latin-ext', 'greek', 'greek-ext', 'cyrillic', 'cyrillic-ext', 'vietnamese'],
  },
];
const WEIGHTS = [400, 700] as const;

export interface Subset {
  family: string;
  name: string;
  /** woff2 file per weight. */
  files: Record<(typeof WEIGHTS)[number], string>;
  coverage: () => Set<number>;
}

const require = createRequire(import.meta.url);

/** fontkit reads the faces' character sets; loaded only when a document is rendered. */
const fontkit = (): typeof Fontkit => require('@pdf-lib/fontkit');

function packageDir(name: string): string {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    throw new GradepackError('FontMissing', `The npm package ${name} is not installed.`, {}, "Run `npm ci` (the README's commands do).");
  }
}

function packageVersion(name: string): string {
  return (JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')) as { version: string }).version;
}

/** The fonts' identity for fingerprints: package names and versions. Cheap: reads two package.json files. */
export function fontsIdentity(): string {
  return FAMILIES.map((f) => `${f.package} ${packageVersion(f.package)}`).join('; ');
}

let loaded: Subset[] | null = null;

function subsets(): Subset[] {
  if (loaded) return loaded;
  loaded = FAMILIES.flatMap((spec) => {
    const dir = join(packageDir(spec.package), 'files');
    return spec.subsets.map((name): Subset => {
      const files = Object.fromEntries(WEIGHTS.map((w) => [w, join(dir, `${spec.stem}-${name}-${w}-normal.woff2`)])) as Subset['files'];
      let coverage: Set<number> | null = null;
      return {
        family: spec.family,
        name,
        files,
        // Parsing a face costs a few milliseconds; fallback faces are parsed only when needed.
        coverage: () => (coverage ??= new Set(fontkit().create(readFileSync(files[400])).characterSet)),
      };
    });
  });
  return loaded;
}

/** Every subset documents can embed, first family first: the order in which a character's face is chosen. */
export function fontSubsets(): readonly Subset[] {
  return subsets();
}

/** Characters that are never drawn with a glyph: spaces, controls, format marks (soft hyphen, ZWJ). */
const UNDRAWN = /[\p{Z}\p{Cc}\p{Cf}]/u;

/** The subsets that show `text` (first family first), and the characters none shows. */
export function subsetsFor(text: string): { needed: Subset[]; uncovered: string[] } {
  const all = subsets();
  const needed = new Set<Subset>([all[0]!]);
  const uncovered = new Set<string>();
  for (const char of new Set(text)) {
    if (UNDRAWN.test(char)) continue;
    const code = char.codePointAt(0)!;
    const subset = all.find((s) => s.coverage().has(code));
    if (subset) needed.add(subset);
    else uncovered.add(char);
  }
  return { needed: all.filter((s) => needed.has(s)), uncovered: [...uncovered].sort() };
}

const faceCache = new Map<string, string>();

function faceRules(subset: Subset): string {
  const key = `${subset.family}/${subset.name}`;
  let css = faceCache.get(key);
  if (css === undefined) {
    const range = unicodeRange(subset.coverage());
    css = WEIGHTS.map(
      (weight) =>
        `@font-face{font-family:'${subset.family}';font-style:normal;font-weight:${weight};font-display:block;` +
        `src:url(data:font/woff2;base64,${readFileSync(subset.files[weight]).toString('base64')}) format('woff2');unicode-range:${range};}`,
    ).join('\n');
    faceCache.set(key, css);
  }
  return css;
}

/** A set of code points as a CSS unicode-range: U+20-7E,U+A0-FF,... */
export function unicodeRange(points: Set<number>): string {
  const sorted = [...points].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    const hex = (n: number) => n.toString(16).toUpperCase();
    ranges.push(i === j ? `U+${hex(sorted[i]!)}` : `U+${hex(sorted[i]!)}-${hex(sorted[j]!)}`);
    i = j + 1;
  }
  return ranges.join(',');
}

/**
 * The @font-face rules a document needs to show `text`. Throws CharacterUnsupported, naming the
 * document and the characters, when a character is in no embedded face.
 */
export function fontFaceCss(text: string, documentName: string): string {
  const { needed, uncovered } = subsetsFor(text);
  if (uncovered.length > 0) {
    const list = uncovered.map((c) => `"${c}" (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`).join(', ');
    throw new GradepackError(
      'CharacterUnsupported',
      `${documentName} has ${uncovered.length === 1 ? 'a character' : 'characters'} that no embedded font can show: ${list}.`,
      {},
      'Correct the text with an errata entry (sources/<file>.errata.json) if it is an extraction error; otherwise the fonts in src/render/fonts.ts need a family that covers it.',
    );
  }
  return needed.map(faceRules).join('\n');
}

/** Marks the style element that holds the embedded fonts, so that a document gets them once. */
const FONTS_MARK = 'data-embedded-fonts';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** The text a browser draws from an HTML document or fragment: tags, styles and comments removed, entities decoded. */
export function drawnText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(style|script|title)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
        return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    });
}

/**
 * Puts the fonts an HTML document needs at the start of its <head>, with the families as the
 * default for the whole page; the document's own styles come after and may name them.
 */
export function embedFonts(html: string, documentName: string): string {
  if (html.includes(`<style ${FONTS_MARK}>`)) return html;
  const style = `<style ${FONTS_MARK}>${fontFaceCss(drawnText(html), documentName)}\n:root{font-family:${FONT_STACK}}</style>`;
  const head = /<head\b[^>]*>/i.exec(html) ?? /<html\b[^>]*>/i.exec(html) ?? /<!doctype[^>]*>/i.exec(html);
  const at = head ? head.index + head[0].length : 0;
  return `${html.slice(0, at)}\n${style}${html.slice(at)}`;
}

/** A running header or footer with its fonts (Chromium draws these apart from the page, without its styles). */
export function embedFontsInFragment(html: string, documentName: string): string {
  if (html.includes(`<style ${FONTS_MARK}>`)) return html;
  return `<style ${FONTS_MARK}>${fontFaceCss(drawnText(html), documentName)}</style>${html}`;
}
