/**
 * Bad PDFs for the behaviours-pdf-2018 tests, made in memory: another document, an encrypted
 * copy (pdf-lib cannot encrypt and qpdf is not installed, so the standard security handler,
 * RC4 40-bit, revision 2, is applied here by hand), and a copy with one page's content destroyed.
 */
import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, type PDFRef, PDFString, StandardFonts, type PDFObject } from 'pdf-lib';

/** A one-page PDF of some other document, set in Helvetica. */
export async function otherDocument(lines: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595.276, 841.89]);
  for (const [i, text] of lines.entries()) page.drawText(text, { x: 50, y: 780 - i * 20, size: i === 0 ? 24 : 11, font });
  return doc.save({ useObjectStreams: false });
}

const PAD = Buffer.from('28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A', 'hex');
const padded = (password: string) => Buffer.concat([Buffer.from(password, 'latin1'), PAD]).subarray(0, 32);
const md5 = (...parts: Uint8Array[]) => createHash('md5').update(Buffer.concat(parts)).digest();

function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = new Uint8Array(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 255;
    j = (j + s[i]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[n] = data[n]! ^ s[(s[i]! + s[j]!) & 255]!;
  }
  return out;
}

/**
 * Encrypts a PDF with the standard security handler (PDF 1.7, 7.6.3, algorithms 2, 3 and 4 for
 * revision 2): every stream and string, plus an /Encrypt dictionary and /ID in the trailer. With
 * an empty user password any reader opens it without asking.
 */
export async function encrypt(bytes: Uint8Array, userPassword = '', ownerPassword = 'owner'): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const id = md5(Buffer.from('gradepack behaviours-pdf-2018 test'));
  const permissions = -4;
  const p = Buffer.alloc(4);
  p.writeInt32LE(permissions);
  const owner = rc4(md5(padded(ownerPassword)).subarray(0, 5), padded(userPassword));
  const key = md5(padded(userPassword), owner, p, id).subarray(0, 5);
  const user = rc4(key, PAD);
  const objectKey = (ref: PDFRef) => {
    const n = ref.objectNumber;
    const g = ref.generationNumber;
    return md5(key, Uint8Array.of(n & 255, (n >> 8) & 255, (n >> 16) & 255, g & 255, (g >> 8) & 255)).subarray(0, 10);
  };
  const encryptStrings = (object: PDFObject, k: Uint8Array): PDFObject => {
    if (object instanceof PDFString || object instanceof PDFHexString) return PDFHexString.of(Buffer.from(rc4(k, object.asBytes())).toString('hex'));
    if (object instanceof PDFArray) {
      for (let i = 0; i < object.size(); i++) object.set(i, encryptStrings(object.get(i), k));
    } else if (object instanceof PDFDict) {
      for (const [name, value] of object.entries()) object.set(name, encryptStrings(value, k));
    }
    return object;
  };
  for (const [ref, object] of doc.context.enumerateIndirectObjects()) {
    const k = objectKey(ref);
    if (object instanceof PDFRawStream) {
      doc.context.assign(ref, PDFRawStream.of(encryptStrings(object.dict, k) as PDFDict, rc4(k, object.contents)));
    } else {
      doc.context.assign(ref, encryptStrings(object, k));
    }
  }
  const encryptDict = doc.context.obj({
    Filter: PDFName.of('Standard'),
    V: PDFNumber.of(1),
    R: PDFNumber.of(2),
    Length: PDFNumber.of(40),
    P: PDFNumber.of(permissions),
    O: PDFHexString.of(Buffer.from(owner).toString('hex')),
    U: PDFHexString.of(Buffer.from(user).toString('hex')),
  });
  doc.context.trailerInfo.Encrypt = doc.context.register(encryptDict);
  const idString = PDFHexString.of(id.toString('hex'));
  doc.context.trailerInfo.ID = doc.context.obj([idString, idString]);
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}

/** A copy of the PDF whose page `pageNumber` (1-based) has a content stream that does not inflate. */
export async function withBrokenPage(bytes: Uint8Array, pageNumber: number): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const page = doc.getPage(pageNumber - 1);
  const garbage = Uint8Array.from({ length: 64 }, (_, i) => (i * 73 + 41) & 255);
  const stream = PDFRawStream.of(doc.context.obj({ Filter: 'FlateDecode', Length: garbage.length }), garbage);
  page.node.set(PDFName.of('Contents'), doc.context.register(stream));
  return doc.save({ useObjectStreams: false });
}
