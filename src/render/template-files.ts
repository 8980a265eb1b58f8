import { join } from 'node:path';
import type Handlebars from 'handlebars';
import { GradepackError } from '../model/errors';
import { readInputText } from '../model/input-file';
import { checkTemplate, type Shape } from './html/template-check';

/**
 * What every template folder shares (templates/layouts…, templates/forms, templates/campaign):
 * files read as inputs (regular files within the template limit), syntax errors with their line,
 * the static check (fields the data has, no raw `{{{ }}}`), strict compiling, and runtime errors
 * that name their file.
 */
export const COMPILE_OPTIONS = { strict: true, knownHelpers: { stylesheet: true }, preventIndent: true } as const;

/** The hint of a template the static check refuses. */
export const TEMPLATE_RULES_HINT = 'templates/README.md says what a template may contain and which helpers it may call.';

/** A template or stylesheet of `dir`; missing is a TemplateSyntax error whose hint says which files the folder needs. */
export async function readTemplate(dir: string, path: string, hint: string): Promise<string> {
  const text = await readInputText(join(dir, path), join(dir, path), 'template');
  if (text === null) throw new GradepackError('TemplateSyntax', `${path} is missing from ${dir}.`, { file: join(dir, path) }, hint);
  return text;
}

export function templateSyntaxError(file: string, e: unknown): GradepackError {
  const error = e as Error & { lineNumber?: number };
  const parseLine = /on line (\d+)/.exec(error.message)?.[1];
  const line = error.lineNumber ?? (parseLine ? Number(parseLine) : undefined);
  // A parse error is four lines (what, the text, a caret under it, what was expected): the first and last make one line.
  const lines = error.message.split('\n');
  const message = lines.length > 1 ? `${lines[0]!.replace(/:$/, '')}: ${lines[lines.length - 1]}` : error.message;
  return new GradepackError(
    'TemplateSyntax',
    message.replace(/ - \d+:\d+$/, '').replace(/ in \[object Object\]$/, ''),
    { file, ...(line ? { line } : {}) },
    'Check that every {{#block}} is closed by a matching {{/block}} and every {{ has its }}.',
  );
}

/**
 * One template, checked against the shape of its data (specimen data with every field filled in)
 * and compiled in strict mode; `fieldsHint` says where the fields it may use are listed.
 */
export function compileChecked(hb: typeof Handlebars, file: string, text: string, root: Shape, fieldsHint: string): (data: unknown) => string {
  let ast: hbs.AST.Program;
  try {
    ast = hb.parse(text, { srcName: file } as Handlebars.ParseOptions);
  } catch (e) {
    throw templateSyntaxError(file, e);
  }
  const [problem] = checkTemplate({ file, ast }, root, new Map(), new Set(['stylesheet']));
  if (problem) {
    const location = { file, ...(problem.line ? { line: problem.line } : {}) };
    throw problem.kind === 'field'
      ? new GradepackError('TemplateField', problem.message, location, fieldsHint)
      : new GradepackError('TemplateSyntax', problem.message, location, TEMPLATE_RULES_HINT);
  }
  let template: Handlebars.TemplateDelegate;
  try {
    // Compiling is lazy in Handlebars; precompiling now surfaces compile-time errors at load.
    hb.precompile(ast, COMPILE_OPTIONS);
    template = hb.compile(ast, COMPILE_OPTIONS);
  } catch (e) {
    throw templateSyntaxError(file, e);
  }
  return (data) => {
    try {
      return template(data);
    } catch (e) {
      if (e instanceof GradepackError) throw e.location.file ? e : new GradepackError(e.code, e.message, { file }, e.hint);
      const message = (e as Error).message;
      throw new GradepackError(
        /not defined in/.test(message) ? 'TemplateField' : 'RenderFailed',
        message.replace(/ in \[object Object\]$/, ''),
        { file },
        fieldsHint,
      );
    }
  };
}
