import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import Handlebars from 'handlebars';
import { GradepackError } from '../../model/errors';
import { fieldHref } from './field-boxes';
import type { EvidenceForm } from './form-model';

/**
 * The printed layout of the PDF form: templates/forms/evidence-form.hbs (the page),
 * evidence-form-footer.hbs (the running footer) and evidence-form.css, editable without touching
 * code. Handlebars runs in strict mode, so a template naming a field the data lacks fails with the
 * file and line; all text is escaped; the stylesheet is the only raw text and may not load anything.
 */

export const FORM_TEMPLATE_FILES = {
  page: 'forms/evidence-form.hbs',
  footer: 'forms/evidence-form-footer.hbs',
  css: 'forms/evidence-form.css',
} as const;

export const DEFAULT_TEMPLATES_DIR = resolve(import.meta.dirname, '..', '..', '..', 'templates');

export interface FormLayout {
  /** The templates folder the layout was read from. */
  dir: string;
  /** The files read (relative to dir) with their text: inputs of a build, for its manifest. */
  files: Record<string, string>;
  page(data: FormPageData): string;
  footer(data: FormPageData): string;
}

export interface FormPageData {
  lang: string;
  title: string;
  frameworkTitle: string;
  edition: string;
  publisher: string;
  targetLabel: string;
  ratedThing: string;
  details: { label: string; href: string }[];
  scale: { value: number; label: string; description: string | null }[];
  competencies: {
    title: string;
    description: string | null;
    sections: {
      heading: string | null;
      note: string | null;
      intro: string | null;
      groups: { heading: string | null; items: { n: number; text: string; href: string }[] }[];
    }[];
    rating: { label: string; options: { value: number; label: string; href: string }[] };
  }[];
  summary: { label: string; href: string };
}

export async function loadFormLayout(templatesDir: string = DEFAULT_TEMPLATES_DIR): Promise<FormLayout> {
  const files: Record<string, string> = {};
  for (const path of Object.values(FORM_TEMPLATE_FILES)) {
    try {
      files[path] = await readFile(join(templatesDir, path), 'utf8');
    } catch (e) {
      throw new GradepackError(
        'TemplateSyntax',
        `${path} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`,
        { file: join(templatesDir, path) },
        'The PDF evidence form needs the three files in templates/forms/.',
      );
    }
  }
  const css = checkStylesheet(join(templatesDir, FORM_TEMPLATE_FILES.css), files[FORM_TEMPLATE_FILES.css]!);
  const hb = Handlebars.create();
  hb.registerHelper('stylesheet', () => new hb.SafeString(css));
  const page = compile(hb, templatesDir, FORM_TEMPLATE_FILES.page, files[FORM_TEMPLATE_FILES.page]!);
  const footer = compile(hb, templatesDir, FORM_TEMPLATE_FILES.footer, files[FORM_TEMPLATE_FILES.footer]!);
  return { dir: templatesDir, files, page, footer };
}

/** The template data for one form: its text, and the link that marks each field's box. */
export function formPageData(form: EvidenceForm, lang = 'en-GB'): FormPageData {
  return {
    lang,
    title: `Evidence form: ${form.targetLabel} (${form.frameworkTitle})`,
    frameworkTitle: form.frameworkTitle,
    edition: form.edition,
    publisher: form.publisher,
    targetLabel: form.targetLabel,
    ratedThing: form.targetNoun === 'grade' ? 'behaviour' : 'skill',
    details: form.details.map((f) => ({ label: f.label, href: fieldHref(f.name) })),
    scale: form.scale,
    competencies: form.competencies.map((c) => ({
      title: c.title,
      description: c.description,
      sections: c.sections.map((s) => ({
        heading: s.heading,
        note: s.note,
        intro: s.groups.length > 0 ? s.intro : null,
        groups: s.groups.map((g) => ({
          heading: g.heading,
          items: g.items.map((i) => ({ n: i.n, text: i.indicator.text, href: fieldHref(i.field.name) })),
        })),
      })),
      rating: {
        label: c.rating.label,
        options: form.scale.map((l) => ({ value: l.value, label: l.label, href: fieldHref(c.rating.name, String(l.value)) })),
      },
    })),
    summary: { label: form.summary.label, href: fieldHref(form.summary.name) },
  };
}

function compile(hb: typeof Handlebars, dir: string, path: string, text: string): (data: FormPageData) => string {
  const file = join(dir, path);
  let template: Handlebars.TemplateDelegate;
  try {
    // Compiling is lazy; precompiling first reports a syntax error now, with its line.
    hb.precompile(text, { strict: true });
    template = hb.compile(text, { strict: true });
  } catch (e) {
    throw templateError('TemplateSyntax', file, e);
  }
  return (data) => {
    try {
      return template(data);
    } catch (e) {
      throw templateError(/not defined in/.test((e as Error).message) ? 'TemplateField' : 'RenderFailed', file, e);
    }
  };
}

function templateError(code: 'TemplateSyntax' | 'TemplateField' | 'RenderFailed', file: string, e: unknown): GradepackError {
  const error = e as Error & { lineNumber?: number };
  const line = error.lineNumber ?? Number(/on line (\d+)/.exec(error.message)?.[1] ?? 0);
  const detail = error.message.replace(/ - \d+:\d+$/, '').replace(/ in \[object Object\]$/, '');
  const hint =
    code === 'TemplateField'
      ? 'The form template can use the fields listed in src/render/forms/layout.ts (FormPageData).'
      : 'Check that every {{#block}} is closed by a matching {{/block}} and every {{ has its }}.';
  return new GradepackError(code, detail, { file, ...(line ? { line } : {}) }, hint);
}

/** The stylesheet is written raw into <style>: it must not end it early or load anything. */
function checkStylesheet(file: string, css: string): string {
  for (const [pattern, what] of [
    [/<\/style/i, '</style'],
    [/@import/i, '@import'],
    [/url\s*\(/i, 'url('],
  ] as const) {
    const match = pattern.exec(css);
    if (match) {
      const line = css.slice(0, match.index).split('\n').length;
      throw new GradepackError(
        'TemplateSyntax',
        `The stylesheet contains "${what}".`,
        { file, line },
        'Forms are self-contained and every request is refused while rendering: no imports, images or web fonts.',
      );
    }
  }
  return css;
}
