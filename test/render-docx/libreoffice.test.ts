import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/config';
import { findTarget, packView } from '../../src/model/pack-view';
import { renderEvidenceFormDocx, renderEvidenceTemplate, STAR_PARTS } from '../../src/render/docx';
import { evidenceForm } from '../../src/render/forms';
import { pairedFramework, perGradeFramework } from '../fixtures/render-forms/frameworks';
import { pdfText, sofficeConvert } from '../fixtures/render-docx/libreoffice';
import { ingestWith, realSource } from '../helpers/ingest';

const DATE = new Date(Date.UTC(2024, 9, 14));

/**
 * LibreOffice, a real client, opens every kind of Word document gradepack makes and converts it
 * to PDF; and it reads the form's content controls as form controls, not as plain text.
 */
describe('Word documents in LibreOffice', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gradepack-docx-lo-'));
  const out = join(dir, 'out');
  const docs: Record<string, { file: string; fields: number; title: string; sample: string }> = {};

  beforeAll(async () => {
    const { framework: sp2024 } = await ingestWith('success-profiles-2024', [realSource('success-profiles-behaviours-2024.txt')]);
    const cases = [
      { name: 'template-eo', framework: sp2024, key: 'eo', kind: 'template' },
      { name: 'form-eo', framework: sp2024, key: 'eo', kind: 'form' },
      { name: 'template-paired-heo', framework: pairedFramework(), key: 'heo', kind: 'template' },
      { name: 'form-per-grade-scs2', framework: perGradeFramework(), key: 'scs2', kind: 'form' },
      // Titles long enough to wrap.
      { name: 'template-scs1', framework: sp2024, key: 'scs1', kind: 'template' },
      { name: 'form-scs3', framework: sp2024, key: 'scs3', kind: 'form' },
    ] as const;
    for (const c of cases) {
      const view = packView(c.framework, findTarget(c.framework, c.key));
      const bytes =
        c.kind === 'template'
          ? await renderEvidenceTemplate(view, DEFAULT_CONFIG, { date: DATE })
          : await renderEvidenceFormDocx(view, DEFAULT_CONFIG, { date: DATE });
      const file = join(dir, `${c.name}.docx`);
      writeFileSync(file, bytes);
      docs[c.name] = {
        file,
        fields: c.kind === 'form' ? evidenceForm(view, DEFAULT_CONFIG).fields.length : 0,
        title: `${c.kind === 'template' ? 'Evidence template' : 'Evidence form'}: ${view.target.label}`,
        sample: view.competencies[0]!.sections.flatMap((s) => s.indicators)[0]!.text,
      };
    }
    await sofficeConvert(
      Object.values(docs).map((d) => d.file),
      'pdf',
      out,
    );
    await sofficeConvert([docs['form-eo']!.file, docs['form-per-grade-scs2']!.file], 'odt', out);
  });

  it('converts every kind of document to PDF with its content', async () => {
    for (const [name, doc] of Object.entries(docs)) {
      const pdf = join(out, `${name}.pdf`);
      expect(existsSync(pdf), pdf).toBe(true);
      const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
      expect(text).toContain(doc.title);
      expect(text).toContain(doc.sample.slice(0, 40));
      if (name.startsWith('template')) for (const part of STAR_PARTS) expect(text).toContain(`${part.name}: `);
    }
  });

  it('sets a title that wraps on lines of its own height: the second line does not overprint the first', async () => {
    for (const name of ['template-scs1', 'form-scs3']) {
      const lines = await titleLines(join(out, `${name}.pdf`));
      expect(lines.text, name).toBe(docs[name]!.title);
      expect(lines.baselines.length, `${name}: the title wraps`).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < lines.baselines.length; i++) {
        expect(lines.baselines[i - 1]! - lines.baselines[i]!, `${name}: line ${i + 1} of the title is a full line below line ${i}`).toBeGreaterThanOrEqual(
          lines.size * 1.1,
        );
      }
    }
  });

  it("reads the form's content controls as form controls, the ratings as drop-down lists", () => {
    for (const name of ['form-eo', 'form-per-grade-scs2']) {
      const content = strFromU8(unzipSync(readFileSync(join(out, `${name}.odt`)))['content.xml']!);
      // LibreOffice 7.4 makes a plain text control an input field, 7.5 and later a content control.
      const controls = (content.match(/<text:text-input[ >]|<loext:content-control[ >]/g) ?? []).length;
      expect(controls, name).toBe(docs[name]!.fields);
      const lists = [...content.matchAll(/<loext:content-control[^>]*>((?:<loext:list-item [^>]*\/>)+)/g)];
      expect(lists.length, name).toBeGreaterThan(0);
      for (const list of lists) {
        expect(list[1]).toContain('loext:display-text="1 Not demonstrated" loext:value="1"');
        expect(list[1]).toContain('loext:display-text="7 Outstanding demonstration" loext:value="7"');
      }
    }
  });
});

/** The first page's largest text (the title): its text, its size, and the baseline of each of its lines, top first. */
async function titleLines(file: string): Promise<{ text: string; size: number; baselines: number[] }> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0, isEvalSupported: false }).promise;
  try {
    const items = (await (await doc.getPage(1)).getTextContent()).items.filter(
      (i): i is typeof i & { str: string; transform: number[] } => 'str' in i && i.str.trim() !== '',
    );
    const sizeOf = (i: { transform: number[] }) => Math.hypot(i.transform[2]!, i.transform[3]!);
    const size = Math.max(...items.map(sizeOf));
    const title = items.filter((i) => sizeOf(i) > size * 0.95);
    const baselines = [...new Set(title.map((i) => Math.round(i.transform[5]!)))].sort((a, b) => b - a);
    return {
      text: title
        .map((i) => i.str)
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim(),
      size,
      baselines,
    };
  } finally {
    await doc.destroy();
  }
}
