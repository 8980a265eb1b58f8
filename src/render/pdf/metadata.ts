import { PDFDict, PDFName, PDFRawStream, PDFString, type PDFDocument } from 'pdf-lib';
import { pdfDate } from './deterministic';

/**
 * A PDF's metadata, written twice and the same both times: in the Info dictionary, which most
 * viewers show, and as an XMP packet in the catalog's /Metadata stream, which archival (PDF/A) and
 * accessibility (PDF/UA) checkers read. The XMP is plain text, uncompressed, with properties in a
 * fixed order and every value escaped, so the same metadata gives the same bytes.
 */
export interface PdfMetadata {
  title: string;
  /** Who wrote the content: the framework's publisher. */
  author?: string;
  subject?: string;
  keywords?: string[];
  /** BCP 47, as in the catalog's /Lang. */
  lang: string;
  /** Creation and modification date; never the clock. */
  date: Date;
}

export const CREATOR = 'gradepack';
export const PRODUCER = 'gradepack (Chromium, pdf-lib)';

export function setPdfMetadata(doc: PDFDocument, m: PdfMetadata): void {
  doc.setTitle(m.title, { showInWindowTitleBar: true });
  if (m.author) doc.setAuthor(m.author);
  if (m.subject) doc.setSubject(m.subject);
  if (m.keywords?.length) doc.setKeywords(m.keywords);
  doc.setCreator(CREATOR);
  doc.setProducer(PRODUCER);
  // Written as Chromium writes them (pdf-lib would write "Z"), so every gradepack PDF has one form.
  const info = infoDict(doc);
  info.set(PDFName.of('CreationDate'), PDFString.of(pdfDate(m.date)));
  info.set(PDFName.of('ModDate'), PDFString.of(pdfDate(m.date)));
  doc.setLanguage(m.lang);
  const stream = doc.context.stream(new TextEncoder().encode(xmpPacket(m)), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
}

function infoDict(doc: PDFDocument): PDFDict {
  // pdf-lib keeps the Info dictionary as the trailer's /Info, created by the setters above.
  const info = doc.context.lookup(doc.context.trailerInfo.Info);
  if (!(info instanceof PDFDict)) throw new Error('the PDF has no Info dictionary');
  return info;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text as XML character data, without the characters XML 1.0 cannot hold. */
function xml(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

/** "2024-10-14T00:00:00Z": the instant of the Info dictionary's dates, as XMP writes dates. */
export function xmpDate(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** The XMP packet: Dublin Core title, creator, description, language; XMP dates; the PDF properties. */
export function xmpPacket(m: PdfMetadata): string {
  const lang = xml(m.lang);
  const date = xmpDate(m.date);
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about=""',
    '  xmlns:dc="http://purl.org/dc/elements/1.1/"',
    '  xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    '  xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    `<dc:format>application/pdf</dc:format>`,
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(m.title)}</rdf:li></rdf:Alt></dc:title>`,
    ...(m.author ? [`<dc:creator><rdf:Seq><rdf:li>${xml(m.author)}</rdf:li></rdf:Seq></dc:creator>`] : []),
    ...(m.subject ? [`<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(m.subject)}</rdf:li></rdf:Alt></dc:description>`] : []),
    ...(m.keywords?.length ? [`<dc:subject><rdf:Bag>${m.keywords.map((k) => `<rdf:li>${xml(k)}</rdf:li>`).join('')}</rdf:Bag></dc:subject>`] : []),
    `<dc:language><rdf:Bag><rdf:li>${lang}</rdf:li></rdf:Bag></dc:language>`,
    `<xmp:CreateDate>${date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    `<xmp:CreatorTool>${xml(CREATOR)}</xmp:CreatorTool>`,
    `<pdf:Producer>${xml(PRODUCER)}</pdf:Producer>`,
    ...(m.keywords?.length ? [`<pdf:Keywords>${xml(m.keywords.join(' '))}</pdf:Keywords>`] : []),
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="r"?>',
  ].join('\n');
}

/** The catalog's /Metadata stream as text (gradepack writes it uncompressed), or null. */
export function readXmp(doc: PDFDocument): string | null {
  const stream = doc.catalog.lookup(PDFName.of('Metadata'));
  return stream instanceof PDFRawStream ? new TextDecoder().decode(stream.getContents()) : null;
}
