import { describe, expect, it } from 'vitest';
import { GradepackError } from '../../src/model/errors';
import { pdfDate, pdfDates, renumberStructureIds, setPdfDates } from '../../src/render/pdf';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => Buffer.from(b).toString('latin1');

const CHROMIUM_INFO =
  "1 0 obj\n<</Creator (HeadlessChrome) /Producer (Skia/PDF m156) /CreationDate (D:20261123174538+00'00') /ModDate (D:20261123174539+00'00')>>\nendobj\nxref\n0 2\n";

describe('setPdfDates', () => {
  it('writes the document date over both Info dates, in place and at the same length', () => {
    const date = new Date(Date.UTC(2024, 9, 14, 9, 5, 7));
    const out = setPdfDates(enc(CHROMIUM_INFO), date);
    expect(out.length).toBe(CHROMIUM_INFO.length);
    expect(pdfDates(out)).toEqual({ CreationDate: "D:20241014090507+00'00'", ModDate: "D:20241014090507+00'00'" });
    expect(dec(out).replace(/D:\d{14}/g, 'D:X')).toBe(CHROMIUM_INFO.replace(/D:\d{14}/g, 'D:X'));
  });

  it('formats dates as PDF dates in UTC', () => {
    expect(pdfDate(new Date(0))).toBe("D:19700101000000+00'00'");
    expect(pdfDate(new Date(Date.UTC(1999, 11, 31, 23, 59, 59)))).toBe("D:19991231235959+00'00'");
  });

  it('refuses a date in a form it cannot replace at the same length', () => {
    const odd = enc('<</CreationDate (D:2026112317)>>');
    expect(() => setPdfDates(odd, new Date(0))).toThrow(GradepackError);
    try {
      setPdfDates(odd, new Date(0));
    } catch (e) {
      expect((e as GradepackError).code).toBe('RenderFailed');
    }
  });

  it('leaves a PDF without Info dates unchanged', () => {
    const plain = enc('%PDF-1.4\n1 0 obj <<>> endobj\n');
    expect(dec(setPdfDates(plain, new Date(0)))).toBe(dec(plain));
  });
});

describe('renumberStructureIds', () => {
  it('renumbers structure ids from 1 in sorted order, everywhere they are named, at the same length', () => {
    const pdf =
      '<</Type /StructElem /S /TH /ID (node00001470)>>\n<</Type /StructElem /S /TH /ID (node00001468)>>\n' +
      '<</Type /StructElem /S /TD /A [<</O /Table /Headers [(node00001468) (node00001470)]>>]>>\n' +
      '<</Limits [(node00001468) (node00001470)] /Names [(node00001468) 96 0 R (node00001470) 98 0 R]>>\n/Title (node00009999)';
    const out = dec(renumberStructureIds(enc(pdf)));
    expect(out.length).toBe(pdf.length);
    expect(out).toBe(
      '<</Type /StructElem /S /TH /ID (node00000002)>>\n<</Type /StructElem /S /TH /ID (node00000001)>>\n' +
        '<</Type /StructElem /S /TD /A [<</O /Table /Headers [(node00000001) (node00000002)]>>]>>\n' +
        '<</Limits [(node00000001) (node00000002)] /Names [(node00000001) 96 0 R (node00000002) 98 0 R]>>\n/Title (node00009999)',
    );
  });

  it('gives the same bytes for two prints whose ids differ only by the counter', () => {
    const print = (base: number) =>
      `<</ID (node${String(base).padStart(8, '0')})>> <</ID (node${String(base + 7).padStart(8, '0')})>> [(node${String(base).padStart(8, '0')})]`;
    expect(dec(renumberStructureIds(enc(print(522))))).toBe(dec(renumberStructureIds(enc(print(1468)))));
  });
});
