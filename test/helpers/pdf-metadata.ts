import { PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { expect } from 'vitest';
import { readXmp } from '../../src/render/pdf/metadata';
import { findAll, parseXml, type XmlElement } from '../fixtures/render-docx/xml';

/**
 * A PDF's metadata as archival and accessibility checkers read it: the Info dictionary and the
 * catalog's XMP packet (parsed as XML, strictly), which must say the same things.
 */
export interface PdfMetadataFacts {
  info: { title?: string; author?: string; subject?: string; keywords?: string; creationDate?: string; modDate?: string };
  lang: string | null;
  xmp: { title?: string; creator?: string; description?: string; language?: string; createDate?: string; modifyDate?: string; keywords?: string };
}

const text = (v: unknown) => (v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : undefined);

/** "D:20241014000000+00'00'" or "D:20241014000000Z" as an ISO instant. */
function pdfDateToIso(date: string | undefined): string | undefined {
  const m = date && /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(Z|\+00'00'?)$/.exec(date);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z` : date;
}

function one(root: XmlElement, name: string): string | undefined {
  const [element] = findAll(root, name);
  if (!element) return undefined;
  const li = findAll(element, 'rdf:li');
  const texts = (li.length > 0 ? li : [element]).map((e) => e.children.filter((c) => typeof c === 'string').join(''));
  return texts.join(' ');
}

export async function pdfMetadata(pdf: Uint8Array): Promise<PdfMetadataFacts> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const info = doc.context.lookup(doc.context.trailerInfo.Info);
  const get = (key: string) => (info && 'lookup' in info ? text((info as { lookup(k: PDFName): unknown }).lookup(PDFName.of(key))) : undefined);
  const xmpText = readXmp(doc);
  expect(xmpText, 'the catalog has an XMP /Metadata stream').not.toBeNull();
  expect(xmpText!.startsWith('<?xpacket begin="\uFEFF"'), 'the XMP is a packet').toBe(true);
  const root = parseXml(xmpText!.replace(/<\?xpacket[^?]*\?>/g, '').trim());
  return {
    info: {
      title: get('Title'),
      author: get('Author'),
      subject: get('Subject'),
      keywords: get('Keywords'),
      creationDate: pdfDateToIso(get('CreationDate')),
      modDate: pdfDateToIso(get('ModDate')),
    },
    lang: text(doc.catalog.lookup(PDFName.of('Lang'))) ?? null,
    xmp: {
      title: one(root, 'dc:title'),
      creator: one(root, 'dc:creator'),
      description: one(root, 'dc:description'),
      language: one(root, 'dc:language'),
      createDate: one(root, 'xmp:CreateDate'),
      modifyDate: one(root, 'xmp:ModifyDate'),
      keywords: one(root, 'pdf:Keywords'),
    },
  };
}

/** Title, author, subject, language and dates: set, and the same in the Info dictionary and the XMP. */
export async function expectConsistentMetadata(pdf: Uint8Array, expected: { title: string; author: string; date: Date }): Promise<PdfMetadataFacts> {
  const m = await pdfMetadata(pdf);
  const iso = `${expected.date.toISOString().slice(0, 19)}Z`;
  expect(m.info.title).toBe(expected.title);
  expect(m.info.author).toBe(expected.author);
  expect(m.info.subject, 'a subject').toBeTruthy();
  expect(m.lang).toBe('en-GB');
  expect(m.info.creationDate).toBe(iso);
  expect(m.info.modDate).toBe(iso);
  expect(m.xmp).toEqual({
    title: m.info.title,
    creator: m.info.author,
    description: m.info.subject,
    language: m.lang,
    createDate: iso,
    modifyDate: iso,
    keywords: m.info.keywords,
  });
  return m;
}
