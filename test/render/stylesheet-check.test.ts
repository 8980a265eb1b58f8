import { describe, expect, it } from 'vitest';
import { isGradepackError } from '../../src/model/errors';
import { checkStylesheet, cssName } from '../../src/render/stylesheet-check';

function refusal(css: string): { message: string; line?: number } {
  try {
    checkStylesheet('templates/css/test.css', css);
  } catch (e) {
    if (isGradepackError(e) && e.code === 'TemplateSyntax') return { message: e.message, line: e.location.line };
    throw e;
  }
  throw new Error(`accepted: ${css}`);
}

describe('the stylesheet check', () => {
  it('keeps rules that load nothing, without their comments', () => {
    expect(checkStylesheet('t.css', '/* url(x) in a comment is fine */\n:root { --a: 1px; }\n@media print { a { color: red; } }\n@page { size: A4; }')).toBe(
      ':root { --a: 1px; }\n@media print { a { color: red; } }\n@page { size: A4; }',
    );
  });

  it.each([
    ['a { background: url(x.png) }', 'url()'],
    ['a { background: URL( "x.png" ) }', 'url()'],
    ['a {\n  background: image-set("http://example.invalid/x.png" 1x) }', 'image-set()'],
    ['a { background: -webkit-image-set("x.png" 1x) }', 'image-set()'],
    // An escaped url( is a url token to the browser; css-tree cannot read it as CSS at all.
    ['a { background: \\55 RL(x.png) }', 'does not parse'],
    ['a { background: u\\72 l(x.png) }', 'does not parse'],
    ['@import "x.css";', '@import'],
    ['@\\69mport "x.css";', '@\\69mport'],
    ['@font-face { font-family: x; src: local(Arial) }', '@font-face'],
    ['a { content: "</style><script>" }', '</style'],
    ['a { color: red; } }', 'does not parse'],
  ])('refuses %j', (css, what) => {
    expect(refusal(css).message).toContain(what);
  });

  it('names the line of what it refuses', () => {
    expect(refusal('a { color: red; }\n\nb { background: image-set("x" 1x) }').line).toBe(3);
  });

  it('reads names as the browser does', () => {
    expect(cssName('\\75 rl')).toBe('url');
    expect(cssName('-WEBKIT-Image-Set')).toBe('image-set');
    expect(cssName('u\\rl')).toBe('url');
  });
});
