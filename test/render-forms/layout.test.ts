import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/config';
import { GradepackError } from '../../src/model/errors';
import { findTarget, packView } from '../../src/model/pack-view';
import { Framework } from '../../src/model/schema';
import { DEFAULT_TEMPLATES_DIR, evidenceForm, fieldHref, FORM_TEMPLATE_FILES, formPageData, loadFormLayout } from '../../src/render/forms';
import { pairedFramework, perGradeFramework } from '../fixtures/render-forms/frameworks';

function templatesCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gradepack-form-templates-'));
  cpSync(join(DEFAULT_TEMPLATES_DIR, 'forms'), join(dir, 'forms'), { recursive: true });
  return dir;
}

async function loadError(dir: string): Promise<GradepackError> {
  const error = await loadFormLayout(dir).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(GradepackError);
  return error as GradepackError;
}

describe('PDF form layout', () => {
  it('draws one box for every field and every rating option', async () => {
    const framework = pairedFramework();
    const form = evidenceForm(packView(framework, findTarget(framework, 'eo')), DEFAULT_CONFIG);
    const html = (await loadFormLayout()).page(formPageData(form));
    const hrefs = [...html.matchAll(/<a class="field-box[^"]*" href="([^"]+)"/g)].map((m) => m[1]!);
    const expected = form.fields.flatMap((f) => (f.name.endsWith('.rating') ? form.scale.map((l) => fieldHref(f.name, String(l.value))) : [fieldHref(f.name)]));
    expect(hrefs).toEqual(expected);
  });

  it('escapes every text from the source and the configuration', async () => {
    const framework = pairedFramework();
    const hostile = Framework.parse({
      ...framework,
      title: 'Framework <script>alert(1)</script>',
      competencies: framework.competencies.map((c) => ({ ...c, description: '<img src=x onerror=alert(1)> & "quoted"' })),
    });
    const form = evidenceForm(packView(hostile, findTarget(hostile, 'eo')), { ratingScale: [{ value: 1, label: '<b>Bold</b>' }] });
    const layout = await loadFormLayout();
    const html = layout.page(formPageData(form));
    expect(html).not.toMatch(/<script|<img|<b>/);
    expect(html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; &amp; &quot;quoted&quot;');
    expect(html).toContain('&lt;b&gt;Bold&lt;/b&gt;');
    expect(layout.footer(formPageData(form))).toContain('Framework &lt;script&gt;');
  });

  it("heads a level's effective and ineffective behaviours below the level's own heading", async () => {
    const layout = await loadFormLayout();
    const paired = layout.page(formPageData(evidenceForm(packView(pairedFramework(), findTarget(pairedFramework(), 'heo')), DEFAULT_CONFIG)));
    expect(paired).toContain('<h3 class="group-heading">Effective behaviours</h3>');
    const perGrade = layout.page(formPageData(evidenceForm(packView(perGradeFramework(), findTarget(perGradeFramework(), 'scs1')), DEFAULT_CONFIG)));
    expect(perGrade).toContain('<h3>Working</h3>');
    expect(perGrade).not.toContain('group-heading');
  });

  it('reports a template syntax error with its file and line', async () => {
    const dir = templatesCopy();
    const file = join(dir, FORM_TEMPLATE_FILES.page);
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.splice(20, 0, '{{#each details}}');
    writeFileSync(file, lines.join('\n'));
    const error = await loadError(dir);
    expect(error.code).toBe('TemplateSyntax');
    expect(error.location.file).toBe(file);
    expect(error.location.line).toBeGreaterThan(0);
  });

  it('reports a field the data does not have when loading, with its file and line, even in a branch rarely taken', async () => {
    const dir = templatesCopy();
    const file = join(dir, FORM_TEMPLATE_FILES.footer);
    writeFileSync(file, '<div>{{frameworkTitle}}\n{{#if edition}}{{grade.name}}{{/if}}</div>');
    const error = await loadError(dir);
    expect(error.code).toBe('TemplateField');
    expect(error.location).toEqual({ file, line: 2 });
  });

  it('refuses triple braces and {{& }}, which would write source text unescaped', async () => {
    for (const raw of ['{{{frameworkTitle}}}', '{{& frameworkTitle}}']) {
      const dir = templatesCopy();
      const file = join(dir, FORM_TEMPLATE_FILES.footer);
      writeFileSync(file, `<div>\n${raw}</div>`);
      const error = await loadError(dir);
      expect(error.code, raw).toBe('TemplateSyntax');
      expect(error.message).toMatch(/unescaped/);
      expect(error.location).toEqual({ file, line: 2 });
    }
  });

  it('refuses a stylesheet that would load anything or end its element', async () => {
    for (const css of [
      'body { background: url(https://example.com/x.png); }',
      'body { background: \\75 rl(https://example.com/x.png); }',
      'body { background-image: -webkit-image-set("https://example.com/x.png" 1x); }',
      '@import "other.css";',
      'p {} </style><script>',
    ]) {
      const dir = templatesCopy();
      writeFileSync(join(dir, FORM_TEMPLATE_FILES.css), `html { color: black; }\n${css}\n`);
      const error = await loadError(dir);
      expect(error.code).toBe('TemplateSyntax');
      expect(error.location).toEqual({ file: join(dir, FORM_TEMPLATE_FILES.css), line: 2 });
    }
  });

  it('reports a missing template file', async () => {
    const error = await loadError(mkdtempSync(join(tmpdir(), 'gradepack-empty-')));
    expect(error.code).toBe('TemplateSyntax');
    expect(error.location.file).toMatch(/forms\/evidence-form\.hbs$/);
  });
});
