import { join, resolve } from 'node:path';
import Handlebars from 'handlebars';
import { CIVIL_SERVICE_SCALE } from '../../config/config';
import { packTargets, packView } from '../../model/pack-view';
import { shapeOf } from '../html/template-check';
import { SPECIMEN_FRAMEWORK } from '../html/specimen';
import { checkStylesheet } from '../stylesheet-check';
import { compileChecked, readTemplate } from '../template-files';
import { fieldHref } from './field-boxes';
import { type EvidenceForm, evidenceForm } from './form-model';

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
  for (const path of Object.values(FORM_TEMPLATE_FILES))
    files[path] = await readTemplate(templatesDir, path, 'The PDF evidence form needs the three files in templates/forms/.');
  const css = checkStylesheet(join(templatesDir, FORM_TEMPLATE_FILES.css), files[FORM_TEMPLATE_FILES.css]!);
  const hb = Handlebars.create();
  hb.registerHelper('stylesheet', () => new hb.SafeString(css));
  const root = shapeOf(specimenFormPageData());
  const compile = (path: string) => compileChecked(hb, join(templatesDir, path), files[path]!, root, FIELDS_HINT);
  const page = compile(FORM_TEMPLATE_FILES.page);
  const footer = compile(FORM_TEMPLATE_FILES.footer);
  return { dir: templatesDir, files, page, footer };
}

const FIELDS_HINT = 'The form templates can use the fields listed in src/render/forms/layout.ts (FormPageData).';

/** Form data with every field filled in, against which the form templates are checked when loaded. */
function specimenFormPageData(): FormPageData {
  const target = packTargets(SPECIMEN_FRAMEWORK)[0]!;
  return formPageData(evidenceForm(packView(SPECIMEN_FRAMEWORK, target), { ratingScale: CIVIL_SERVICE_SCALE }));
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
