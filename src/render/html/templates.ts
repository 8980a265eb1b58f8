import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { readInputText } from '../../model/input-file';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { GradepackError } from '../../model/errors';
import { checkStylesheet } from '../stylesheet-check';
import { COMPILE_OPTIONS, TEMPLATE_RULES_HINT, templateSyntaxError } from '../template-files';
import { specimenPackData, specimenReferenceData, specimenRunningData } from './specimen';
import { checkTemplate, mergeShapes, shapeOf, type CheckTarget, type Shape, type TemplateProblem } from './template-check';

/**
 * Loading the templates in templates/ (see templates/README.md): every file is read, parsed,
 * checked and compiled once, so that a syntax error, an unknown field or an unsafe construct is
 * reported with its file and line before anything renders. Handlebars runs in strict mode in an
 * environment of its own; output is always escaped (`noEscape` is never set, and triple braces
 * are refused); the only raw text a template can write is a stylesheet from templates/css/.
 */
/** GDS Transport is licensed for GOV.UK services only. */
const GDS_TRANSPORT = {
  pattern: /GDS\s*Transport/i,
  what: 'GDS Transport',
  hint: 'GDS Transport is licensed for GOV.UK services only; use the families gradepack.css names.',
};

export const LAYOUT_FILES = {
  gradePack: 'layouts/grade-pack.hbs',
  proficiencyPack: 'layouts/proficiency-pack.hbs',
  reference: 'layouts/reference.hbs',
  runningHeader: 'print/running-header.hbs',
  runningFooter: 'print/running-footer.hbs',
} as const;

export type LayoutName = keyof typeof LAYOUT_FILES;

type Compiled = (data: unknown) => string;

export interface PackTemplates {
  /** The folder the templates were read from. */
  dir: string;
  /** Every file read, relative to `dir`, sorted, with its SHA-256: the inputs of a build. */
  files: { path: string; sha256: string }[];
  /** SHA-256 over all files' paths and contents: changes whenever any template or stylesheet does. */
  digest: string;
  /** Renders one layout; throws GradepackError (TemplateField / RenderFailed) naming the file and line. */
  render(layout: LayoutName, data: unknown): string;
}

export async function loadPackTemplates(templatesDir: string): Promise<PackTemplates> {
  const files = await readTemplateFiles(templatesDir);
  const hb = Handlebars.create();

  const stylesheets = new Map<string, string>();
  for (const [path, text] of files) {
    if (path.startsWith('css/') && path.endsWith('.css'))
      stylesheets.set(path.slice('css/'.length), checkStylesheet(join(templatesDir, path), text, [GDS_TRANSPORT]));
  }
  hb.registerHelper('stylesheet', (name: unknown) => {
    const css = typeof name === 'string' ? stylesheets.get(name) : undefined;
    if (css === undefined) {
      throw new GradepackError(
        'TemplateField',
        `{{stylesheet "${String(name)}"}} names a stylesheet that does not exist.`,
        {},
        `Stylesheets: ${[...stylesheets.keys()].join(', ')}.`,
      );
    }
    return new hb.SafeString(css);
  });

  const parsed = new Map<string, CheckTarget>();
  for (const [path, text] of files) {
    if (!path.endsWith('.hbs')) continue;
    parsed.set(path, { file: path, ast: parseTemplate(hb, templatesDir, path, text) });
    for (const m of text.matchAll(/\{\{\s*stylesheet\s+["']([^"']*)["']/g)) {
      if (!stylesheets.has(m[1]!)) {
        const line = text.slice(0, m.index).split('\n').length;
        throw new GradepackError(
          'TemplateField',
          `{{stylesheet "${m[1]}"}} names a stylesheet that is not in css/.`,
          { file: join(templatesDir, path), line },
          `Stylesheets: ${[...stylesheets.keys()].join(', ')}.`,
        );
      }
    }
  }
  for (const file of Object.values(LAYOUT_FILES)) {
    if (!parsed.has(file)) {
      throw new GradepackError(
        'TemplateSyntax',
        `${file} is missing from ${templatesDir}.`,
        { file: join(templatesDir, file) },
        'Every layout listed in templates/README.md must exist.',
      );
    }
  }
  const partials = new Map([...parsed].filter(([path]) => path.startsWith('partials/')).map(([path, t]) => [partialName(path), t]));

  const roots = rootShapes();
  for (const [layout, file] of Object.entries(LAYOUT_FILES) as [LayoutName, string][]) {
    const problems = checkTemplate(parsed.get(file)!, roots[layout], partials, new Set(['stylesheet']));
    if (problems.length > 0) throw problemError(templatesDir, problems[0]!);
  }
  // Partials no layout reaches are still checked for syntax and escaping.
  for (const [name, partial] of partials) {
    const problems = checkTemplate(partial, { kind: 'unknown' }, partials, new Set(['stylesheet'])).filter((p) => p.kind === 'syntax');
    if (problems.length > 0) throw problemError(templatesDir, problems[0]!);
    hb.registerPartial(name, attributed(templatesDir, partial.file, compile(hb, templatesDir, partial)));
  }

  const layouts = new Map(
    (Object.entries(LAYOUT_FILES) as [LayoutName, string][]).map(([layout, file]) => [
      layout,
      attributed(templatesDir, file, compile(hb, templatesDir, parsed.get(file)!)),
    ]),
  );
  const fileList = [...files].map(([path, text]) => ({ path, sha256: sha256(text) }));
  return {
    dir: templatesDir,
    files: fileList,
    digest: sha256(fileList.map((f) => `${f.path}\0${f.sha256}\n`).join('')),
    render(layout, data) {
      return layouts.get(layout)!(data);
    },
  };
}

/** The folders of templates/ that packs and references use; other renderers keep theirs apart (templates/forms/). */
export const TEMPLATE_FOLDERS = ['layouts', 'partials', 'print', 'css'] as const;

async function readTemplateFiles(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const folder of TEMPLATE_FOLDERS) {
    let entries: string[];
    try {
      entries = (await readdir(join(dir, folder), { recursive: true })).map(String);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new GradepackError(
        'TemplateSyntax',
        `The templates folder ${join(dir, folder)} cannot be read (${code ?? (e as Error).message}).`,
        { file: join(dir, folder) },
        `A project's templates/ needs the folders ${TEMPLATE_FOLDERS.join(', ')}: copy them from gradepack's templates/, or remove templates/ to use gradepack's own.`,
      );
    }
    for (const entry of entries.sort()) {
      const path = `${folder}/${entry.split('\\').join('/')}`;
      if (!/\.(hbs|css)$/.test(path)) continue;
      const text = await readInputText(join(dir, folder, entry), join(dir, path), 'template');
      if (text !== null) out.set(path, text);
    }
  }
  return out;
}

function parseTemplate(hb: typeof Handlebars, dir: string, path: string, text: string): hbs.AST.Program {
  try {
    return hb.parse(text, { srcName: path } as Handlebars.ParseOptions);
  } catch (e) {
    throw templateSyntaxError(join(dir, path), e);
  }
}

function compile(hb: typeof Handlebars, dir: string, target: CheckTarget): Compiled {
  try {
    // Compiling is lazy in Handlebars; precompiling now surfaces compile-time errors at load.
    hb.precompile(target.ast, COMPILE_OPTIONS);
    return hb.compile(target.ast, COMPILE_OPTIONS);
  } catch (e) {
    throw templateSyntaxError(join(dir, target.file), e);
  }
}

function problemError(dir: string, p: TemplateProblem): GradepackError {
  const location = { file: join(dir, p.file), ...(p.line ? { line: p.line } : {}) };
  return p.kind === 'field'
    ? new GradepackError('TemplateField', p.message, location, 'templates/README.md lists the fields each template can use.')
    : new GradepackError('TemplateSyntax', p.message, location, TEMPLATE_RULES_HINT);
}

/** Runtime errors (strict mode's missing fields, helpers' errors) carry the file they happened in. */
function attributed(dir: string, file: string, template: Compiled): Handlebars.TemplateDelegate {
  return ((context: unknown, options?: Handlebars.RuntimeOptions) => {
    try {
      return (template as Handlebars.TemplateDelegate)(context, options);
    } catch (e) {
      if (e instanceof GradepackError) {
        if (e.location.file) throw e;
        throw new GradepackError(e.code, e.message, { file: join(dir, file) }, e.hint);
      }
      const error = e as Error & { lineNumber?: number };
      const location = { file: join(dir, file), ...(error.lineNumber ? { line: error.lineNumber } : {}) };
      const detail = error.message.replace(/ - \d+:\d+$/, '');
      if (/not defined in/.test(error.message)) {
        throw new GradepackError(
          'TemplateField',
          `${detail.replace(/ in \[object Object\]$/, '')}.`,
          location,
          'templates/README.md lists the fields each template can use.',
        );
      }
      throw new GradepackError('RenderFailed', detail, location, TEMPLATE_RULES_HINT);
    }
  }) as Handlebars.TemplateDelegate;
}

function partialName(path: string): string {
  return path.slice('partials/'.length).replace(/\.hbs$/, '');
}

function rootShapes(): Record<LayoutName, Shape> {
  const merged = (values: unknown[]) => values.map(shapeOf).reduce(mergeShapes);
  const pack = merged(specimenPackData());
  return {
    gradePack: pack,
    proficiencyPack: pack,
    reference: merged(specimenReferenceData()),
    runningHeader: merged(specimenRunningData()),
    runningFooter: merged(specimenRunningData()),
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
