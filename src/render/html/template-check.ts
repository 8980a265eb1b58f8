import type {} from 'handlebars';

type AST = hbs.AST.Program;
type Node = hbs.AST.Node;
type Expression = hbs.AST.Expression;
type PathExpression = hbs.AST.PathExpression;

/**
 * A static check that a template names only fields its data has, run when templates are loaded,
 * so that a typing error in a template is reported with its file and line before anything is
 * rendered, even inside an `{{#if}}` branch the current data never takes. The data's shape comes
 * from specimen data (every field filled in); contexts are followed through `each`, `with`,
 * `../` and partials, as Handlebars resolves them.
 */
export type Shape = { kind: 'object'; fields: Map<string, Shape> } | { kind: 'array'; element: Shape } | { kind: 'scalar' } | { kind: 'unknown' };

const UNKNOWN: Shape = { kind: 'unknown' };
const SCALAR: Shape = { kind: 'scalar' };

export function shapeOf(value: unknown): Shape {
  if (value === null || value === undefined) return UNKNOWN;
  if (Array.isArray(value)) return { kind: 'array', element: value.map(shapeOf).reduce(mergeShapes, UNKNOWN) };
  if (typeof value === 'object') {
    return { kind: 'object', fields: new Map(Object.entries(value).map(([k, v]) => [k, shapeOf(v)])) };
  }
  return SCALAR;
}

export function mergeShapes(a: Shape, b: Shape): Shape {
  if (a.kind === 'unknown') return b;
  if (b.kind === 'unknown') return a;
  if (a.kind === 'object' && b.kind === 'object') {
    const fields = new Map(a.fields);
    for (const [k, v] of b.fields) fields.set(k, fields.has(k) ? mergeShapes(fields.get(k)!, v) : v);
    return { kind: 'object', fields };
  }
  if (a.kind === 'array' && b.kind === 'array') return { kind: 'array', element: mergeShapes(a.element, b.element) };
  if (a.kind === b.kind) return a;
  return UNKNOWN;
}

export interface TemplateProblem {
  kind: 'field' | 'syntax';
  file: string;
  line: number | undefined;
  message: string;
}

export interface CheckTarget {
  file: string;
  ast: AST;
}

/** Helpers a template may call, and what each returns. */
export const BUILTIN_HELPERS = new Set(['if', 'unless', 'each', 'with', 'lookup', 'log']);

interface Scope {
  /** Contexts, outermost first; `../` steps back one. */
  contexts: Shape[];
  /** Names bound by `as |name|`. */
  params: Map<string, Shape>;
}

export function checkTemplate(target: CheckTarget, root: Shape, partials: ReadonlyMap<string, CheckTarget>, helpers: ReadonlySet<string>): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const visited = new Set<string>();
  const shapeIds = new Map<Shape, number>();
  const shapeId = (s: Shape) => {
    if (!shapeIds.has(s)) shapeIds.set(s, shapeIds.size + 1);
    return shapeIds.get(s)!;
  };
  const isHelper = (name: string) => BUILTIN_HELPERS.has(name) || helpers.has(name);

  const problem = (file: string, node: Node, kind: TemplateProblem['kind'], message: string) => {
    problems.push({ kind, file, line: node.loc?.start.line, message });
  };

  function resolve(file: string, path: PathExpression, scope: Scope): Shape {
    if (path.data) {
      const [head, ...rest] = path.parts;
      if (head === 'root') return walk(file, path, scope.contexts[0]!, rest);
      if (['index', 'first', 'last', 'key'].includes(head ?? '') && rest.length === 0) return SCALAR;
      problem(file, path, 'field', `"${path.original}" is not a data variable Handlebars provides here (use @index, @first, @last, @key or @root).`);
      return UNKNOWN;
    }
    if (path.depth === 0 && path.parts.length > 0 && scope.params.has(path.parts[0]!)) {
      return walk(file, path, scope.params.get(path.parts[0]!)!, path.parts.slice(1));
    }
    const context = scope.contexts[scope.contexts.length - 1 - path.depth];
    if (!context) {
      problem(file, path, 'field', `"${path.original}" goes up more levels (../) than there are.`);
      return UNKNOWN;
    }
    return walk(file, path, context, path.parts);
  }

  function walk(file: string, path: PathExpression, start: Shape, parts: string[]): Shape {
    let shape = start;
    for (const [i, part] of parts.entries()) {
      if (shape.kind === 'unknown') return UNKNOWN;
      const soFar = parts.slice(0, i).join('.');
      if (shape.kind === 'object') {
        const next = shape.fields.get(part);
        if (!next) {
          const available = [...shape.fields.keys()].join(', ');
          const what = soFar ? `"${path.original}": "${soFar}" has no field "${part}"` : `"${path.original}" is not a field here`;
          problem(file, path, 'field', `${what}. Fields here: ${available}.`);
          return UNKNOWN;
        }
        shape = next;
      } else if (shape.kind === 'array') {
        if (part === 'length') shape = SCALAR;
        else if (/^\d+$/.test(part)) shape = shape.element;
        else {
          problem(file, path, 'field', `"${path.original}": "${soFar}" is a list; use {{#each ${soFar}}} to go through it.`);
          return UNKNOWN;
        }
      } else {
        problem(file, path, 'field', `"${path.original}": "${soFar}" is text, it has no field "${part}".`);
        return UNKNOWN;
      }
    }
    return shape;
  }

  function expression(file: string, e: Expression, scope: Scope): Shape {
    switch (e.type) {
      case 'PathExpression':
        return resolve(file, e as PathExpression, scope);
      case 'SubExpression': {
        const sub = e as hbs.AST.SubExpression;
        call(file, sub.path as PathExpression, sub.params, sub.hash, scope);
        return UNKNOWN;
      }
      default:
        return SCALAR;
    }
  }

  function call(file: string, path: PathExpression, params: Expression[], hash: hbs.AST.Hash | undefined, scope: Scope): void {
    if (!isHelper(path.original))
      problem(file, path, 'field', `"${path.original}" is not a helper; the helpers are: ${[...BUILTIN_HELPERS, ...helpers].join(', ')}.`);
    for (const p of params) expression(file, p, scope);
    for (const pair of hash?.pairs ?? []) expression(file, pair.value, scope);
  }

  function program(file: string, p: hbs.AST.Program | undefined, scope: Scope): void {
    if (!p) return;
    for (const node of p.body) statement(file, node, scope);
  }

  function withParams(scope: Scope, names: string[] | undefined, values: Shape[]): Scope {
    if (!names?.length) return scope;
    const params = new Map(scope.params);
    for (const [i, n] of names.entries()) params.set(n, values[i] ?? UNKNOWN);
    return { ...scope, params };
  }

  function statement(file: string, node: Node, scope: Scope): void {
    switch (node.type) {
      case 'MustacheStatement': {
        const m = node as hbs.AST.MustacheStatement;
        if (!m.escaped) {
          problem(file, m, 'syntax', 'Triple braces {{{ }}} and {{& }} output text unescaped, which templates must never do: use {{ }}.');
        }
        const path = m.path as PathExpression;
        if (path.type !== 'PathExpression') return;
        if (m.params.length > 0 || (m.hash?.pairs.length ?? 0) > 0 || (isHelper(path.original) && !path.data && path.depth === 0 && path.parts.length === 1)) {
          call(file, path, m.params, m.hash, scope);
        } else {
          resolve(file, path, scope);
        }
        return;
      }
      case 'BlockStatement': {
        const b = node as hbs.AST.BlockStatement;
        const name = b.path.original;
        const args = b.params.map((p) => expression(file, p, scope));
        for (const pair of b.hash?.pairs ?? []) expression(file, pair.value, scope);
        if (name === 'if' || name === 'unless') {
          program(file, b.program, scope);
          program(file, b.inverse, scope);
        } else if (name === 'each') {
          const list = args[0] ?? UNKNOWN;
          if (list.kind === 'scalar') problem(file, b, 'field', `{{#each}} needs a list, and "${exprText(b.params[0])}" is text.`);
          const element = list.kind === 'array' ? list.element : UNKNOWN;
          const inner = withParams({ ...scope, contexts: [...scope.contexts, element] }, b.program.blockParams, [element, SCALAR]);
          program(file, b.program, inner);
          program(file, b.inverse, scope);
        } else if (name === 'with') {
          const value = args[0] ?? UNKNOWN;
          const inner = withParams({ ...scope, contexts: [...scope.contexts, value] }, b.program.blockParams, [value]);
          program(file, b.program, inner);
          program(file, b.inverse, scope);
        } else if (isHelper(name)) {
          program(file, b.program, scope);
          program(file, b.inverse, scope);
        } else if (b.params.length > 0) {
          problem(file, b, 'field', `"${name}" is not a helper; the helpers are: ${[...BUILTIN_HELPERS, ...helpers].join(', ')}.`);
        } else {
          // A block on a field: Handlebars loops over a list, enters an object, or tests a value.
          const value = resolve(file, b.path, scope);
          const inner = value.kind === 'array' ? value.element : value.kind === 'object' ? value : null;
          program(file, b.program, inner ? { ...scope, contexts: [...scope.contexts, inner] } : scope);
          program(file, b.inverse, scope);
        }
        return;
      }
      case 'PartialStatement':
      case 'PartialBlockStatement': {
        const p = node as hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement;
        const nameType: string = p.name.type;
        if (nameType !== 'PathExpression' && nameType !== 'StringLiteral') {
          problem(file, p, 'syntax', 'Partials must be named directly ({{> name}}), not computed.');
          return;
        }
        const partialName = nameType === 'PathExpression' ? (p.name as PathExpression).original : (p.name as unknown as hbs.AST.StringLiteral).value;
        if (partialName === '@partial-block') return;
        const partial = partials.get(partialName);
        if (!partial) {
          problem(
            file,
            p,
            'syntax',
            `{{> ${partialName}}} names a partial that does not exist (there is no partials/${partialName}.hbs). Partials: ${[...partials.keys()].join(', ')}.`,
          );
          return;
        }
        let context = p.params[0] ? expression(file, p.params[0], scope) : scope.contexts[scope.contexts.length - 1]!;
        if ((p.hash?.pairs.length ?? 0) > 0) {
          const fields = new Map(context.kind === 'object' ? context.fields : []);
          for (const pair of p.hash.pairs) fields.set(pair.key, expression(file, pair.value, scope));
          context = { kind: 'object', fields };
        }
        if (p.type === 'PartialBlockStatement') program(file, (p as hbs.AST.PartialBlockStatement).program, scope);
        const key = `${partialName}|${shapeId(context)}`;
        if (visited.has(key)) return;
        visited.add(key);
        const inner: Scope = { contexts: p.params[0] ? [...scope.contexts, context] : [...scope.contexts.slice(0, -1), context], params: new Map() };
        program(partial.file, partial.ast, inner);
        return;
      }
      case 'DecoratorBlock':
      case 'Decorator':
        problem(file, node, 'syntax', 'Decorators ({{* }}) are not supported in gradepack templates.');
        return;
      default:
        return;
    }
  }

  program(target.file, target.ast, { contexts: [root], params: new Map() });
  return problems;
}

function exprText(e: Expression | undefined): string {
  if (!e) return '';
  return e.type === 'PathExpression' ? (e as PathExpression).original : e.type;
}
