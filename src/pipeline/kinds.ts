import { describeDocumentDate, type DocumentDate } from '../model/document-date';
import { atSourceOfCharacter } from './character-source';
import { hashJson, hashSelected, viewFingerprint } from './fingerprint';
import { type OutputJob, type OutputKind, type PlanContext, type RenderContext, referenceModel, WHOLE_FRAMEWORK } from './plan';
import { packView, type PackTarget, type PackView } from '../model/pack-view';
import type { Framework } from '../model/schema';
import type { FormLayout } from '../render/forms';
import type { PackTemplates } from '../render/html';
import { packOutputPath, referenceOutputPath } from '../render/html/output-paths';
import { exportKinds } from './export-kinds';

/**
 * Renderers are loaded on first use, so that planning (`check`, a build with nothing to render)
 * never loads the browser, Word or PDF libraries.
 */
const html = () => import('../render/html');
const pdf = () => import('../render/pdf');
const docx = () => import('../render/docx');
const forms = () => import('../render/forms');

/** Templates and layouts are read and compiled once per build, on first use. */
const packTemplates = new WeakMap<RenderContext, Promise<PackTemplates>>();
const formLayouts = new WeakMap<RenderContext, Promise<FormLayout>>();
/** What `load` gives for this build's context, loaded on first use. */
function oncePerBuild<T>(cache: WeakMap<RenderContext, Promise<T>>, load: (c: RenderContext) => Promise<T>) {
  return (c: RenderContext): Promise<T> => {
    let loaded = cache.get(c);
    if (!loaded) {
      loaded = load(c);
      cache.set(c, loaded);
    }
    return loaded;
  };
}
const templatesOf = oncePerBuild(packTemplates, (c) => html().then((m) => m.loadPackTemplates(c.templatesDir)));
const formLayoutOf = oncePerBuild(formLayouts, (c) => forms().then((m) => m.loadFormLayout(c.templatesDir)));

const isFormTemplate = (path: string) => path.startsWith('forms/');
const isPackTemplate = (path: string) => !isFormTemplate(path) && !path.startsWith('campaign/') && path !== 'README.md';

type Render = (args: { framework: Framework; target: PackTarget; view: PackView; date: DocumentDate; context: RenderContext }) => Promise<Uint8Array>;

const utf8 = (text: string) => new TextEncoder().encode(text);

type Medium = OutputKind['medium'];

const mediumOf = (formats: string[]): Medium => (formats.includes('pdf') ? 'pdf' : formats.includes('html') ? 'html' : 'docx');

/** Every input of one output, by name; `inputs` is their hash. `model`: the hash of its part of the model. */
function inputParts(id: string, medium: Medium, model: string, shared: unknown, date: DocumentDate, context: PlanContext): Pick<OutputJob, 'inputs' | 'parts'> {
  const parts: Record<string, string> = {
    kind: id,
    model,
    templatesAndSettings: hashJson(shared),
    renderer: context.renderer,
    date: describeDocumentDate(date),
    ...(medium === 'pdf' || medium === 'html' ? { fonts: context.fonts() } : {}),
    ...(medium === 'pdf' ? { browser: context.browser() } : {}),
  };
  return { parts, inputs: hashJson(parts) };
}

/** A kind with one output per pack target. */
function perTarget(
  id: string,
  cost: number,
  formats: string[],
  path: (target: PackTarget) => string,
  inputs: (framework: Framework, context: PlanContext) => unknown,
  render: Render,
): OutputKind {
  const medium = mediumOf(formats);
  return {
    id,
    formats,
    medium,
    jobs(framework, targets, planContext) {
      const date = planContext.date(framework);
      const shared = inputs(framework, planContext);
      return targets.map((target): OutputJob => {
        const hash = planContext.viewHash(framework, target.key) ?? viewFingerprint(packView(framework, target));
        return {
          path: path(target),
          kind: id,
          framework: framework.id,
          target: target.key,
          cost,
          ...inputParts(id, medium, hash, shared, date, planContext),
          render: (context) =>
            render({ framework, target, view: packView(framework, target), date, context }).catch((e: unknown) => {
              throw atSourceOfCharacter(e, framework);
            }),
        };
      });
    },
  };
}

/** A kind with one output per framework. */
function perFramework(
  id: string,
  cost: number,
  formats: string[],
  path: (framework: Framework) => string,
  inputs: (framework: Framework, context: PlanContext) => unknown,
  render: (args: { framework: Framework; date: DocumentDate; context: RenderContext }) => Promise<Uint8Array>,
): OutputKind {
  const medium = mediumOf(formats);
  return {
    id,
    formats,
    medium,
    jobs(framework, _targets, planContext) {
      const date = planContext.date(framework);
      return [
        {
          path: path(framework),
          kind: id,
          framework: framework.id,
          target: null,
          cost,
          ...inputParts(
            id,
            medium,
            planContext.viewHash(framework, WHOLE_FRAMEWORK) ?? viewFingerprint(referenceModel(framework)),
            inputs(framework, planContext),
            date,
            planContext,
          ),
          render: (context) =>
            render({ framework, date, context }).catch((e: unknown) => {
              throw atSourceOfCharacter(e, framework);
            }),
        },
      ];
    },
  };
}

const packTemplateHash = (_f: Framework, c: PlanContext) => hashSelected(c.templates, isPackTemplate);
const formTemplateHash = (_f: Framework, c: PlanContext) => ({ templates: hashSelected(c.templates, isFormTemplate), scale: c.config.ratingScale });

/** Every kind of output a build produces, with the --format names that select each. */
export const outputKinds: OutputKind[] = [
  perTarget(
    'pack-html',
    1,
    ['html', 'pack'],
    (t) => packOutputPath(t, 'html'),
    packTemplateHash,
    async ({ view, date, context }) => utf8((await html()).renderPackHtml(view, await templatesOf(context), { date })),
  ),
  perTarget(
    'pack-pdf',
    3,
    ['pdf', 'pack'],
    (t) => packOutputPath(t, 'pdf'),
    packTemplateHash,
    async ({ view, date, context }) => (await (await pdf()).renderPackPdf(await context.browser(), view, await templatesOf(context), { date })).bytes,
  ),
  perFramework(
    'reference-html',
    1,
    ['html', 'reference'],
    (f) => referenceOutputPath(f.id, 'html'),
    packTemplateHash,
    async ({ framework, date, context }) => utf8((await html()).renderReferenceHtml(referenceModel(framework), await templatesOf(context), { date })),
  ),
  perFramework(
    'reference-pdf',
    10,
    ['pdf', 'reference'],
    (f) => referenceOutputPath(f.id, 'pdf'),
    packTemplateHash,
    async ({ framework, date, context }) =>
      (await (await pdf()).renderReferencePdf(await context.browser(), referenceModel(framework), await templatesOf(context), { date })).bytes,
  ),
  perTarget(
    'template-docx',
    1,
    ['docx', 'template'],
    (t) => `templates/${t.key}/${t.framework}.docx`,
    (_f, c) => c.config.wordsPerExample,
    async ({ view, date, context }) => (await docx()).renderEvidenceTemplate(view, context.config, { date: date.instant }),
  ),
  perTarget(
    'form-pdf',
    3,
    ['pdf', 'form'],
    (t) => `forms/${t.key}/${t.framework}.pdf`,
    formTemplateHash,
    async ({ view, date, context }) =>
      (await forms()).renderEvidenceFormPdf(await context.browser(), view, context.config, { date: date.instant, layout: await formLayoutOf(context) }),
  ),
  perTarget(
    'form-docx',
    1,
    ['docx', 'form'],
    (t) => `forms/${t.key}/${t.framework}.docx`,
    (_f, c) => c.config.ratingScale,
    async ({ view, date, context }) => (await docx()).renderEvidenceFormDocx(view, context.config, { date: date.instant }),
  ),
  ...exportKinds,
];
