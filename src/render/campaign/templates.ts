import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { GradepackError } from '../../model/errors';
import { checkTemplate, mergeShapes, shapeOf, type Shape } from '../html/template-check';
import { CAMPAIGN_LAYOUTS, STYLESHEETS, type CampaignLayout, type CampaignTemplates } from './layouts';
import { specimenCampaignData } from './specimen';

/**
 * The templates of campaign documents, in templates/campaign/ (see its README), with the shared
 * stylesheet templates/css/gradepack.css. As for packs: every file is read, checked against
 * specimen data (a field the data lacks is an error with its file and line, even in a branch
 * rarely taken) and compiled once; Handlebars runs in strict mode; output is always escaped; the
 * only raw text is a stylesheet, which may load nothing.
 */
const COMPILE_OPTIONS = { strict: true, knownHelpers: { stylesheet: true }, preventIndent: true } as const;

export async function loadCampaignTemplates(templatesDir: string): Promise<CampaignTemplates> {
  const read = async (path: string) => {
    try {
      return await readFile(join(templatesDir, path), 'utf8');
    } catch (e) {
      throw new GradepackError(
        'TemplateSyntax',
        `${path} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`,
        { file: join(templatesDir, path) },
        'Campaign documents need the files listed in templates/campaign/README.md.',
      );
    }
  };
  const hb = Handlebars.create();
  const css = new Map<string, string>();
  for (const [name, path] of Object.entries(STYLESHEETS)) css.set(name, checkStylesheet(join(templatesDir, path), await read(path)));
  hb.registerHelper('stylesheet', (name: unknown) => {
    const text = typeof name === 'string' ? css.get(name) : undefined;
    if (text === undefined) throw new GradepackError('TemplateField', `{{stylesheet "${String(name)}"}} names a stylesheet campaign documents do not have.`);
    return new hb.SafeString(text);
  });
  const roots = rootShapes();
  const compiled = new Map<CampaignLayout, Handlebars.TemplateDelegate>();
  for (const [layout, path] of Object.entries(CAMPAIGN_LAYOUTS) as [CampaignLayout, string][]) {
    const file = join(templatesDir, path);
    const text = await read(path);
    let ast: hbs.AST.Program;
    try {
      ast = hb.parse(text, { srcName: path } as Handlebars.ParseOptions);
    } catch (e) {
      throw syntaxError(file, e);
    }
    const problems = checkTemplate({ file, ast }, roots[layout], new Map(), new Set(['stylesheet']));
    if (problems[0]) {
      const p = problems[0];
      throw new GradepackError(
        p.kind === 'field' ? 'TemplateField' : 'TemplateSyntax',
        p.message,
        { file, ...(p.line ? { line: p.line } : {}) },
        'templates/campaign/README.md lists the fields each campaign template can use.',
      );
    }
    try {
      hb.precompile(ast, COMPILE_OPTIONS);
      compiled.set(layout, hb.compile(ast, COMPILE_OPTIONS));
    } catch (e) {
      throw syntaxError(file, e);
    }
  }
  return {
    render(layout, data) {
      try {
        return compiled.get(layout)!(data);
      } catch (e) {
        if (e instanceof GradepackError) throw e;
        throw new GradepackError('RenderFailed', (e as Error).message, { file: join(templatesDir, CAMPAIGN_LAYOUTS[layout]) });
      }
    },
  };
}

function syntaxError(file: string, e: unknown): GradepackError {
  const error = e as Error & { lineNumber?: number };
  const line = error.lineNumber ?? Number(/on line (\d+)/.exec(error.message)?.[1] ?? 0);
  return new GradepackError(
    'TemplateSyntax',
    error.message.replace(/ - \d+:\d+$/, ''),
    { file, ...(line ? { line } : {}) },
    'Check that every {{#block}} is closed by a matching {{/block}} and every {{ has its }}.',
  );
}

/** Stylesheets are written raw into <style>: they must not end it early or load anything. */
function checkStylesheet(file: string, css: string): string {
  // Comments are blanked (keeping line breaks) so that a comment may mention what rules may not use.
  const rules = css.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '));
  for (const [pattern, what, text] of [
    [/<\/style/i, '</style', css],
    [/@import/i, '@import', rules],
    [/url\s*\(/i, 'url(', rules],
  ] as const) {
    const match = pattern.exec(text);
    if (match) {
      const line = text.slice(0, match.index).split('\n').length;
      throw new GradepackError(
        'TemplateSyntax',
        `The stylesheet contains "${what}".`,
        { file, line },
        'Documents are self-contained and every request is refused while rendering: no imports, images or web fonts.',
      );
    }
  }
  return css.replace(/\/\*[\s\S]*?\*\//g, '').trim();
}

function rootShapes(): Record<CampaignLayout, Shape> {
  const merged = (values: unknown[]) => values.map(shapeOf).reduce(mergeShapes);
  const specimen = specimenCampaignData();
  return {
    vacancyPack: merged(specimen.packs),
    runningHeader: merged(specimen.running),
    runningFooter: merged(specimen.running),
    assessmentForm: merged(specimen.forms),
    assessmentFooter: merged(specimen.forms),
  };
}
