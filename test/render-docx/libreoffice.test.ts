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
