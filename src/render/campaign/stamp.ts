import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, PDFTextField, type PDFObject } from 'pdf-lib';
import { GradepackError } from '../../model/errors';
import { fontSubsets, subsetsFor } from '../fonts';

/**
 * A candidate's copy of a vacancy's blank sift or interview form, without printing it again: the
 * blank file, byte for byte, followed by an incremental update (ISO 32000-1, 7.5.6) that sets the
 * candidate number and name fields (read-only, with appearances drawn in the document's font, so
 * Zoë, Siân, Ó Briain and Łukasz print as written) and the document title. A reader sees the
 * updated objects; the blank's pages, tags and fields are shared, untouched.
 *
 * prepareStamp parses the blank once (pdf-lib); stampCandidate then only writes text: a few
 * hundred bytes per copy, whatever the form's size. The fonts of the appearances are subsets of
 * the pinned @fontsource faces (src/render/fonts.ts), each embedded whole (every character the
 * subset covers), so a copy's bytes depend on its own candidate only.
 */

export interface StampValues {
  number: string;
  /** Null for an anonymous candidate. */
  name: string | null;
}

/** What an anonymous candidate's name field says. */
export const ANONYMOUS = 'Anonymous';

const FIELDS = { number: 'candidate.number', name: 'candidate.name' } as const;
/** Object numbers reserved after the blank's own: 0 and 1 for the two appearances, then 5 per font subset. */
const FIRST_FONT_SLOT = 2;
const OBJECTS_PER_FONT = 5;
const FONT_SIZE = 12;
const MIN_FONT_SIZE = 6;
const PADDING = 2;

interface FieldTarget {
  fieldRef: PDFRef;
  field: PDFDict;
  widgetRef: PDFRef;
  widget: PDFDict;
  width: number;
  height: number;
}

interface EmbeddedSubset {
  key: string;
  ref: string;
  objects: { number: number; bytes: Uint8Array }[];
  /** Character to its 4-hex-digit glyph code in this subset, and its advance width (per 1 pt). */
  glyphs: Map<string, { code: string; width: number }>;
  resourceName: string;
}

export interface StampBase {
  bytes: Uint8Array;
  title: string;
  size: number;
  previousXref: number;
  root: string;
  infoRef: PDFRef;
  info: PDFDict;
  fields: Record<keyof typeof FIELDS, FieldTarget>;
  subsets: Map<string, Promise<EmbeddedSubset>>;
}

const encoder = new TextEncoder();

export async function prepareStamp(blank: Uint8Array): Promise<StampBase> {
  const doc = await PDFDocument.load(blank, { updateMetadata: false, parseSpeed: Infinity });
  const tail = Buffer.from(blank.subarray(Math.max(0, blank.length - 64))).toString('latin1');
  const previousXref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail)?.[1]);
  const trailer = doc.context.trailerInfo;
  if (!Number.isFinite(previousXref) || !(trailer.Root instanceof PDFRef) || !(trailer.Info instanceof PDFRef)) {
    throw new GradepackError(
      'RenderFailed',
      'The blank form does not end with the cross-reference section, catalog and Info dictionary a copy can be stamped onto.',
    );
  }
  const info = doc.context.lookup(trailer.Info, PDFDict);
  const form = doc.getForm();
  const target = (name: string): FieldTarget => {
    const field = form.getField(name);
    if (!(field instanceof PDFTextField)) throw new GradepackError('RenderFailed', `The blank form has no text field ${name} to stamp.`);
    const widgetRef = field.acroField.dict.lookup(PDFName.of('Kids'), PDFArray).get(0);
    if (!(widgetRef instanceof PDFRef)) throw new GradepackError('RenderFailed', `The widget of ${name} is not an indirect object.`);
    const widget = doc.context.lookup(widgetRef, PDFDict);
    const rect = widget.lookup(PDFName.of('Rect'), PDFArray).asRectangle();
    return { fieldRef: field.ref, field: field.acroField.dict, widgetRef, widget, width: rect.width, height: rect.height };
  };
  const title = info.lookup(PDFName.of('Title'));
  return {
    bytes: blank,
    title: title instanceof PDFHexString || title instanceof PDFString ? title.decodeText() : '',
    size: doc.context.largestObjectNumber + 1,
    previousXref,
    root: trailer.Root.toString(),
    infoRef: trailer.Info,
    info,
    fields: { number: target(FIELDS.number), name: target(FIELDS.name) },
    subsets: new Map(),
  };
}

/** The candidate's copy of the blank form. */
export async function stampCandidate(base: StampBase, values: StampValues): Promise<Uint8Array> {
  const texts = { number: values.number, name: values.name ?? ANONYMOUS };
  const subsets = await subsetsForTexts(base, `${texts.number}${texts.name}`);
  const runs = { number: fontRuns(subsets, texts.number), name: fontRuns(subsets, texts.name) };
  const objects = new Map<number, Uint8Array>();
  const put = (n: number, text: string) => objects.set(n, encoder.encode(`${n} 0 obj\n${text}\nendobj\n`));
  const apNumbers = { number: base.size, name: base.size + 1 };
  for (const key of ['number', 'name'] as const) {
    const target = base.fields[key];
    const field = target.field.clone();
    field.set(PDFName.of('V'), PDFHexString.fromText(texts[key]));
    field.set(PDFName.of('Ff'), PDFNumber.of(1)); // read-only: the candidate is fixed on this copy
    put(target.fieldRef.objectNumber, field.toString());
    const widget = target.widget.clone();
    widget.set(PDFName.of('AP'), PDFDict.fromMapWithContext(new Map([[PDFName.of('N'), PDFRef.of(apNumbers[key])]]), widget.context));
    put(target.widgetRef.objectNumber, widget.toString());
    objects.set(apNumbers[key], appearance(apNumbers[key], runs[key], target));
  }
  for (const subset of new Set([...runs.number, ...runs.name].map((r) => r.subset))) {
    for (const o of subset.objects) objects.set(o.number, o.bytes);
  }
  const info = base.info.clone();
  info.set(PDFName.of('Title'), PDFHexString.fromText(`${base.title}, candidate ${values.number}`));
  put(base.infoRef.objectNumber, info.toString());
  return appendUpdate(base, objects);
}

interface Run {
  subset: EmbeddedSubset;
  codes: string;
  width: number;
}

/** Faces embedded whole in every copy that needs them, once per blank: Latin names are the common case. */
const EMBEDDED_WHOLE = new Set(['Atkinson Hyperlegible/latin', 'Atkinson Hyperlegible/latin-ext']);

/**
 * The embedded subset that draws each character of `text`: Atkinson Hyperlegible first, Noto Sans
 * for what it lacks. Atkinson's faces are embedded whole and shared by all copies of a blank; a
 * Noto face (large, and rarely needed) is cut down to the characters of this candidate.
 */
async function subsetsForTexts(base: StampBase, text: string): Promise<Map<string, EmbeddedSubset>> {
  const { needed, uncovered } = subsetsFor(text);
  if (uncovered.length > 0) {
    throw new GradepackError('CharacterUnsupported', `A candidate field has characters no embedded font can show: ${uncovered.map(codePoint).join(', ')}.`);
  }
  const byCharacter = new Map<string, EmbeddedSubset>();
  for (const spec of needed) {
    const key = `${spec.family}/${spec.name}`;
    const chars = [...new Set(text)].filter((c) => !byCharacter.has(c) && spec.coverage().has(c.codePointAt(0)!) && c !== ' ');
    if (chars.length === 0 && key !== 'Atkinson Hyperlegible/latin') continue;
    const file = spec.files[400].replace(/\.woff2$/, '.woff');
    let embedded: EmbeddedSubset;
    if (EMBEDDED_WHOLE.has(key)) {
      let whole = base.subsets.get(key);
      if (!whole) {
        whole = embedSubset(base, key, file, slotOf(key), null);
        base.subsets.set(key, whole);
      }
      embedded = await whole;
    } else {
      embedded = await embedSubset(base, key, file, slotOf(key), chars.sort());
    }
    for (const c of chars) byCharacter.set(c, embedded);
    if (key === 'Atkinson Hyperlegible/latin') byCharacter.set(' ', embedded);
  }
  return byCharacter;
}

/** The text cut into runs of one font subset each. */
function fontRuns(subsets: Map<string, EmbeddedSubset>, text: string): Run[] {
  const runs: Run[] = [];
  for (const char of text) {
    const embedded = subsets.get(char)!;
    const glyph = embedded.glyphs.get(char)!;
    const last = runs[runs.length - 1];
    if (last && last.subset === embedded) {
      last.codes += glyph.code;
      last.width += glyph.width;
    } else {
      runs.push({ subset: embedded, codes: glyph.code, width: glyph.width });
    }
  }
  return runs;
}

/** A fixed slot per subset, in the order fonts.ts lists them, so a copy's object numbers never depend on other candidates. */
function slotOf(key: string): number {
  return fontSubsets().findIndex((s) => `${s.family}/${s.name}` === key);
}

/** `only`: the characters to embed, or null for every character the face has. */
async function embedSubset(base: StampBase, key: string, woffFile: string, slot: number, only: string[] | null): Promise<EmbeddedSubset> {
  const first = base.size + FIRST_FONT_SLOT + slot * OBJECTS_PER_FONT;
  const scratch = await PDFDocument.create({ updateMetadata: false });
  scratch.registerFontkit(fontkit);
  scratch.context.largestObjectNumber = first - 1;
  const bytes = readFileSync(woffFile);
  const face = fontkit.create(bytes);
  // A subset's name starts with six capitals of its own (ISO 32000-1, 9.6.4): one per slot.
  const tag = `GPFNT${String.fromCharCode(65 + slot)}`;
  const font = await scratch.embedFont(bytes, { subset: true, customName: `${tag}+${face.postscriptName}` });
  // One layout of every character, spaced so that no ligature joins two (laying them out one by
  // one takes seconds for Noto's tables); a character that still does not come out as one glyph of
  // its own is laid out alone.
  const characters = (only ? only.map((c) => c.codePointAt(0)!) : [...face.characterSet])
    .filter((c) => c !== 0x20 && !/[\p{Cc}\p{Cf}\p{M}]/u.test(String.fromCodePoint(c)))
    .sort((a, b) => a - b)
    .map((c) => String.fromCodePoint(c));
  const all = characters.join(' ');
  const laidOut = face.layout(all).glyphs;
  const codes = font.encodeText(all).toString().slice(1, -1);
  const aligned = laidOut.length === 2 * characters.length - 1 && codes.length === 4 * laidOut.length;
  const scale = 1 / face.unitsPerEm;
  const glyphs = new Map<string, { code: string; width: number }>();
  const space = face.glyphForCodePoint(0x20);
  glyphs.set(' ', { code: font.encodeText(' ').toString().slice(1, -1), width: space.advanceWidth * scale });
  characters.forEach((char, i) => {
    const glyph = aligned ? laidOut[2 * i] : undefined;
    if (glyph && glyph.codePoints.length === 1 && glyph.codePoints[0] === char.codePointAt(0)) {
      glyphs.set(char, { code: codes.slice(8 * i, 8 * i + 4), width: glyph.advanceWidth * scale });
      return;
    }
    const alone = font.encodeText(char).toString().slice(1, -1);
    if (alone.length === 4) glyphs.set(char, { code: alone, width: face.layout(char).glyphs[0]!.advanceWidth * scale });
  });
  await font.embed();
  const objects: EmbeddedSubset['objects'] = [];
  for (const [ref, object] of scratch.context.enumerateIndirectObjects()) {
    if (ref.objectNumber < first) continue;
    objects.push({ number: ref.objectNumber, bytes: serialize(ref.objectNumber, object) });
  }
  if (objects.length !== OBJECTS_PER_FONT || font.ref.objectNumber !== first) {
    throw new GradepackError('RenderFailed', `Embedding ${key} made ${objects.length} objects, not the ${OBJECTS_PER_FONT} a font slot holds.`);
  }
  return { key, ref: font.ref.toString(), objects, glyphs, resourceName: `GP${slot}` };
}

function serialize(number: number, object: PDFObject): Uint8Array {
  const head = encoder.encode(`${number} 0 obj\n`);
  const foot = encoder.encode('\nendobj\n');
  const out = new Uint8Array(head.length + object.sizeInBytes() + foot.length);
  out.set(head, 0);
  object.copyBytesInto(out, head.length);
  out.set(foot, head.length + object.sizeInBytes());
  return out;
}

/** The field's appearance: the text on one line, shrunk to fit the box, vertically centred. */
function appearance(number: number, runs: Run[], target: FieldTarget): Uint8Array {
  const width = runs.reduce((w, r) => w + r.width, 0);
  const room = target.width - 2 * PADDING;
  const size = Math.max(MIN_FONT_SIZE, Math.min(FONT_SIZE, width > 0 ? (room / width) * 0.999 : FONT_SIZE));
  const baseline = (target.height - size * 0.7) / 2;
  const fonts = [...new Map(runs.map((r) => [r.subset.resourceName, r.subset.ref])).entries()];
  const content = [
    '/Tx BMC',
    'q',
    `0 0 ${fixed(target.width)} ${fixed(target.height)} re W n`,
    'BT',
    '0 g',
    `${fixed(PADDING)} ${fixed(baseline)} Td`,
    ...runs.map((r) => `/${r.subset.resourceName} ${fixed(size)} Tf <${r.codes}> Tj`),
    'ET',
    'Q',
    'EMC',
  ].join('\n');
  const dict =
    `<< /Type /XObject /Subtype /Form /BBox [0 0 ${fixed(target.width)} ${fixed(target.height)}] ` +
    `/Resources << /Font << ${fonts.map(([name, ref]) => `/${name} ${ref}`).join(' ')} >> >> /Length ${content.length} >>`;
  return encoder.encode(`${number} 0 obj\n${dict}\nstream\n${content}\nendstream\nendobj\n`);
}

const fixed = (n: number) => String(Math.round(n * 100) / 100);

/** The blank, then the changed objects, a cross-reference section for them and a trailer pointing back. */
function appendUpdate(base: StampBase, objects: Map<number, Uint8Array>): Uint8Array {
  const numbers = [...objects.keys()].sort((a, b) => a - b);
  const offsets = new Map<number, number>();
  let offset = base.bytes.length + 1;
  const chunks: Uint8Array[] = [base.bytes, encoder.encode('\n')];
  for (const n of numbers) {
    offsets.set(n, offset);
    const bytes = objects.get(n)!;
    chunks.push(bytes);
    offset += bytes.length;
  }
  const xrefAt = offset;
  const lines = ['xref'];
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    lines.push(`${numbers[i]} ${j - i + 1}`);
    for (let k = i; k <= j; k++) lines.push(`${String(offsets.get(numbers[k]!)).padStart(10, '0')} 00000 n `);
    i = j + 1;
  }
  const size = Math.max(base.size, numbers[numbers.length - 1]! + 1);
  lines.push(
    'trailer',
    `<< /Size ${size} /Root ${base.root} /Info ${base.infoRef.toString()} /Prev ${base.previousXref} >>`,
    'startxref',
    String(xrefAt),
    '%%EOF',
    '',
  );
  chunks.push(encoder.encode(lines.join('\n')));
  return Buffer.concat(chunks);
}

function codePoint(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
