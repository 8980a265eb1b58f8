import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GradepackError } from '../../src/model/errors';
import { packTargets, packView } from '../../src/model/pack-view';
import { loadPackTemplates, LAYOUT_FILES, packData } from '../../src/render/html';
import { effectiveIneffectiveLike } from './fixtures';
import { TEMPLATES, editedTemplates, lineOf, replaceIn } from './template-helpers';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function loadEdited(edit: (dir: string) => Promise<void>): Promise<{ dir: string; error: GradepackError }> {
  const { dir, cleanup } = await editedTemplates(edit);
  cleanups.push(cleanup);
  const error = await loadPackTemplates(dir).then(
    () => {
      throw new Error('loadPackTemplates accepted broken templates');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GradepackError);
  return { dir, error: error as GradepackError };
}

describe('loadPackTemplates', () => {
  it('loads the templates in templates/ and lists every file with its hash', async () => {
    const templates = await loadPackTemplates(TEMPLATES);
    const paths = templates.files.map((f) => f.path);
    for (const layout of Object.values(LAYOUT_FILES)) expect(paths).toContain(layout);
    expect(paths).toContain('css/gradepack.css');
    expect(templates.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
    expect(templates.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes its digest when any template or stylesheet changes', async () => {
    const before = await loadPackTemplates(TEMPLATES);
    const { dir, cleanup } = await editedTemplates((d) => replaceIn(d, 'css/gradepack.css', '--gp-link: #1d70b8;', '--gp-link: #003078;'));
    cleanups.push(cleanup);
    const after = await loadPackTemplates(dir);
    expect(after.digest).not.toBe(before.digest);
    expect(after.files.find((f) => f.path === 'css/gradepack.css')!.sha256).not.toBe(before.files.find((f) => f.path === 'css/gradepack.css')!.sha256);
  });

  it('reports a block closed by the wrong name as TemplateSyntax with the file and line', async () => {
    const { dir, error } = await loadEdited((d) => replaceIn(d, 'partials/indicator.hbs', '{{/if}}', '{{/each}}'));
    expect(error.code).toBe('TemplateSyntax');
    expect(error.location.file).toBe(join(dir, 'partials/indicator.hbs'));
    expect(error.location.line).toBe(await lineOf(dir, 'partials/indicator.hbs', '{{#if correction}}'));
    expect(error.format()).toContain('partials/indicator.hbs:');
  });

  it('reports an unclosed mustache as TemplateSyntax with the line', async () => {
    const { dir, error } = await loadEdited((d) => replaceIn(d, 'partials/competency.hbs', '{{title}}</h2>', '{{title</h2>'));
    expect(error.code).toBe('TemplateSyntax');
    expect(error.location.file).toBe(join(dir, 'partials/competency.hbs'));
    expect(error.location.line).toBe(await lineOf(dir, 'partials/competency.hbs', '{{title</h2>'));
  });

  it('reports a misspelt field as TemplateField with the file and line, even in a branch the data may never take', async () => {
    const { dir, error } = await loadEdited((d) =>
      replaceIn(d, 'partials/level-section.hbs', '{{#if note}}<div class="gp-inset-text"><p>{{note}}', '{{#if note}}<div class="gp-inset-text"><p>{{notes}}'),
    );
    expect(error.code).toBe('TemplateField');
    expect(error.location.file).toBe(join(dir, 'partials/level-section.hbs'));
    expect(error.location.line).toBe(await lineOf(dir, 'partials/level-section.hbs', '{{notes}}'));
    expect(error.message).toContain('"notes"');
    expect(error.message).toContain('note'); // lists the fields that do exist
  });

  it('knows which fields exist where: a field of the group is unknown inside an indicator', async () => {
    const { dir, error } = await loadEdited((d) => replaceIn(d, 'partials/indicator.hbs', '{{text}}', '{{text}} {{polarity}}'));
    expect(error.code).toBe('TemplateField');
    expect(error.location.file).toBe(join(dir, 'partials/indicator.hbs'));
    expect(error.message).toContain('polarity');
  });

  it('reports an unknown field in a layout, and a misspelt path into a nested object', async () => {
    const top = await loadEdited((d) => replaceIn(d, 'layouts/grade-pack.hbs', '<title>{{title}}</title>', '<title>{{titel}}</title>'));
    expect(top.error.code).toBe('TemplateField');
    expect(top.error.location.file).toBe(join(top.dir, 'layouts/grade-pack.hbs'));
    expect(top.error.location.line).toBe(await lineOf(top.dir, 'layouts/grade-pack.hbs', '{{titel}}'));

    const nested = await loadEdited((d) => replaceIn(d, 'partials/framework-facts.hbs', '{{framework.edition}}', '{{framework.editon}}'));
    expect(nested.error.code).toBe('TemplateField');
    expect(nested.error.message).toContain('framework.editon');
  });

  it('refuses triple braces, which would write source text unescaped', async () => {
    const { dir, error } = await loadEdited((d) => replaceIn(d, 'partials/indicator.hbs', '{{text}}', '{{{text}}}'));
    expect(error.code).toBe('TemplateSyntax');
    expect(error.location.file).toBe(join(dir, 'partials/indicator.hbs'));
    expect(error.message).toMatch(/unescaped/);
  });

  it('refuses a partial that does not exist', async () => {
    const { error } = await loadEdited((d) => replaceIn(d, 'partials/competency.hbs', '{{> level-section}}', '{{> level-sections}}'));
    expect(error.code).toBe('TemplateSyntax');
    expect(error.message).toContain('level-sections');
  });

  it('refuses a stylesheet that would load something, end the <style> element, or use GDS Transport', async () => {
    for (const [bad, what] of [
      ['.x { background: url("file:///etc/passwd"); }', 'url('],
      ['@import "other.css";', '@import'],
      ['.x { content: "</style><script>"; }', '</style'],
      ['body { font-family: "GDS Transport", arial; }', 'GDS Transport'],
    ] as const) {
      const { dir, error } = await loadEdited((d) => replaceIn(d, 'css/reference.css', '.gp-table-wrapper {', `${bad}\n.gp-table-wrapper {`));
      expect(error.code).toBe('TemplateSyntax');
      expect(error.location.file).toBe(join(dir, 'css/reference.css'));
      expect(error.location.line).toBe(await lineOf(dir, 'css/reference.css', bad));
      expect(error.message).toContain(what);
    }
  });

  it('reports a stylesheet that does not exist', async () => {
    const { dir, error } = await loadEdited((d) => replaceIn(d, 'layouts/reference.hbs', '{{stylesheet "reference.css"}}', '{{stylesheet "references.css"}}'));
    expect(error.code).toBe('TemplateField');
    expect(error.location.file).toBe(join(dir, 'layouts/reference.hbs'));
    expect(error.location.line).toBe(await lineOf(dir, 'layouts/reference.hbs', 'references.css'));
  });

  it('reports a missing layout', async () => {
    const { error } = await loadEdited(async (d) => {
      const { rm } = await import('node:fs/promises');
      await rm(join(d, 'layouts/proficiency-pack.hbs'));
    });
    expect(error.code).toBe('TemplateSyntax');
    expect(error.message).toContain('layouts/proficiency-pack.hbs');
  });

  it('attributes a missing field at render time (strict mode) to the template file and line', async () => {
    const templates = await loadPackTemplates(TEMPLATES);
    const framework = effectiveIneffectiveLike();
    const data = packData(packView(framework, packTargets(framework)[0]!), { date: { instant: new Date(0), iso: '1970-01-01', basis: 'build' }, print: false });
    delete (data.competencies[0]!.sections[0]!.groups[0]!.newIndicators[0] as Partial<{ text: string }>).text;
    let error: unknown;
    try {
      templates.render('gradePack', data);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GradepackError);
    expect((error as GradepackError).code).toBe('TemplateField');
    expect((error as GradepackError).location.file).toBe(join(TEMPLATES, 'partials/indicator.hbs'));
    expect((error as GradepackError).location.line).toBe(await lineOf(TEMPLATES, 'partials/indicator.hbs', '{{text}}'));
    expect((error as GradepackError).message).toContain('"text"');
  });
});
