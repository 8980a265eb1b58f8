import * as csstree from 'css-tree';
import { GradepackError } from '../model/errors';

/**
 * A template's stylesheet goes raw into a <style> element of every document, whose pages may make
 * no request: so it is parsed as CSS (css-tree) and refused, with its line, if it could load
 * anything (url(), @import, image-set() and the like, however spelled: escapes such as `\75 rl(`
 * are decoded first), if it does not parse cleanly, or if it could end the <style> element early.
 * Returns the stylesheet without its comments.
 */
const LOADING_FUNCTIONS = new Set(['url', 'src', 'image', 'image-set', 'cross-fade', 'element']);
const LOADING_AT_RULES = new Set(['import', 'namespace', 'font-face']);

/** A CSS identifier as the browser reads it: escapes decoded, lower case, without a vendor prefix. */
export function cssName(raw: string): string {
  const decoded = raw.replace(/\\(?:([0-9a-fA-F]{1,6})\s?|(.))/g, (_, hex: string | undefined, char: string | undefined) =>
    hex ? String.fromCodePoint(Math.min(Number.parseInt(hex, 16), 0x10ffff) || 0xfffd) : (char ?? ''),
  );
  return decoded.toLowerCase().replace(/^-[a-z]+-/, '');
}

export function checkStylesheet(file: string, css: string, extraRules: { pattern: RegExp; what: string; hint: string }[] = []): string {
  const refuse = (what: string, hint: string, line?: number) => {
    throw new GradepackError('TemplateSyntax', `The stylesheet contains ${what}.`, { file, ...(line ? { line } : {}) }, hint);
  };
  const closing = /<\/style/i.exec(css);
  if (closing) refuse('"</style"', 'A stylesheet cannot contain the text that ends a <style> element, not even in a comment.', lineOf(css, closing.index));
  const errors: { message: string; line: number }[] = [];
  const ast = csstree.parse(css, { positions: true, onParseError: (e) => errors.push({ message: e.message, line: (e as { line?: number }).line ?? 0 }) });
  if (errors.length > 0)
    refuse(`CSS that does not parse (${errors[0]!.message})`, 'Check the rule on that line: every { needs its }, every ( its ).', errors[0]!.line || undefined);
  const noRequests = 'Documents are self-contained and every request is refused while rendering: no images, imports or web fonts.';
  csstree.walk(ast, (node) => {
    const line = node.loc?.start.line;
    if (node.type === 'Url') refuse('url()', noRequests, line);
    if (node.type === 'Function' && LOADING_FUNCTIONS.has(cssName(node.name))) refuse(`${node.name}()`, noRequests, line);
    if (node.type === 'Atrule' && LOADING_AT_RULES.has(cssName(node.name))) refuse(`@${node.name}`, noRequests, line);
  });
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '));
  for (const { pattern, what, hint } of extraRules) {
    const at = withoutComments.search(pattern);
    if (at >= 0) refuse(`"${what}"`, hint, lineOf(withoutComments, at));
  }
  // Comments are for whoever edits the file; documents get the rules only.
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}
