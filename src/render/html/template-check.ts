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

/** Built-in helpers that only work as blocks ({{#if x}}...{{/if}}), each taking exactly one value. */
const BLOCK_HELPERS = new Set(['if', 'unless', 'each', 'with']);

/** How many values each built-in helper takes: Handlebars throws at render time otherwise. */
const BUILTIN_ARITY: Record<string, number> = { if: 1, unless: 1, each: 1, with: 1, lookup: 2 };

interface Scope {
  /** Contexts, outermost first; `../` steps back one. */
  contexts: Shape[];
  /** Names bound by `as |name|`. */
  params: Map<string, Shape>;
}

export function checkTemplate(target: CheckTarget, root: Shape, partials: ReadonlyMap<string, CheckTarget>, helpers: ReadonlySet<string>): TemplateProblem[] {
  const checker = new TemplateChecker(partials, helpers);
  checker.program(target.file, target.ast, { contexts: [root], params: new Map() });
  return checker.problems;
}

/** Walks a template's AST with the shape of the data at each point, recording every problem. */
class TemplateChecker {
  readonly problems: TemplateProblem[] = [];
  /** Partials already checked with a given context shape (partials may include each other). */
  private readonly visited = new Set<string>();
  private readonly shapeIds = new Map<Shape, number>();

  constructor(
    private readonly partials: ReadonlyMap<string, CheckTarget>,
    private readonly helpers: ReadonlySet<string>,
  ) {}

  private shapeId(s: Shape): number {
    if (!this.shapeIds.has(s)) this.shapeIds.set(s, this.shapeIds.size + 1);
    return this.shapeIds.get(s)!;
  }

  private isHelper(name: string): boolean {
    return BUILTIN_HELPERS.has(name) || this.helpers.has(name);
  }

  private problem(file: string, node: Node, kind: TemplateProblem['kind'], message: string): void {
    this.problems.push({ kind, file, line: node.loc?.start.line, message });
  }

  private notAHelper(file: string, node: Node, name: string): void {
    this.problem(file, node, 'field', `"${name}" is not a helper; the helpers are: ${[...BUILTIN_HELPERS, ...this.helpers].join(', ')}.`);
  }

  private resolve(file: string, path: PathExpression, scope: Scope): Shape {
    if (path.data) {
      const [head, ...rest] = path.parts;
      if (head === 'root') return this.walk(file, path, scope.contexts[0]!, rest);
      if (['index', 'first', 'last', 'key'].includes(head ?? '') && rest.length === 0) return SCALAR;
      this.problem(file, path, 'field', `"${path.original}" is not a data variable Handlebars provides here (use @index, @first, @last, @key or @root).`);
      return UNKNOWN;
    }
    if (path.depth === 0 && path.parts.length > 0 && scope.params.has(path.parts[0]!)) {
      return this.walk(file, path, scope.params.get(path.parts[0]!)!, path.parts.slice(1));
    }
    const context = scope.contexts[scope.contexts.length - 1 - path.depth];
    if (!context) {
      this.problem(file, path, 'field', `"${path.original}" goes up more levels (../) than there are.`);
      return UNKNOWN;
    }
    return this.walk(file, path, context, path.parts);
  }

  private walk(file: string, path: PathExpression, start: Shape, parts: string[]): Shape {
    let shape = start;
    for (const [i, part] of parts.entries()) {
      if (shape.kind === 'unknown') return UNKNOWN;
      const soFar = parts.slice(0, i).join('.');
      if (shape.kind === 'object') {
        const next = shape.fields.get(part);
        if (!next) {
          const available = [...shape.fields.keys()].join(', ');
          const what = soFar ? `"${path.original}": "${soFar}" has no field "${part}"` : `"${path.original}" is not a field here`;
          this.problem(file, path, 'field', `${what}. Fields here: ${available}.`);
          return UNKNOWN;
        }
        shape = next;
      } else if (shape.kind === 'array') {
        if (part === 'length') shape = SCALAR;
        else if (/^\d+$/.test(part)) shape = shape.element;
        else {
          this.problem(file, path, 'field', `"${path.original}": "${soFar}" is a list; use {{#each ${soFar}}} to go through it.`);
          return UNKNOWN;
        }
      } else {
        this.problem(file, path, 'field', `"${path.original}": "${soFar}" is text, it has no field "${part}".`);
        return UNKNOWN;
      }
    }
    return shape;
  }

  private expression(file: string, e: Expression, scope: Scope): Shape {
    switch (e.type) {
      case 'PathExpression':
        return this.resolve(file, e as PathExpression, scope);
      case 'SubExpression': {
        const sub = e as hbs.AST.SubExpression;
        this.call(file, sub.path as PathExpression, sub.params, sub.hash, scope);
        return UNKNOWN;
      }
      default:
        return SCALAR;
    }
  }

  private call(file: string, path: PathExpression, params: Expression[], hash: hbs.AST.Hash | undefined, scope: Scope): void {
    if (!this.isHelper(path.original)) this.notAHelper(file, path, path.original);
    else if (BLOCK_HELPERS.has(path.original)) {
      this.problem(file, path, 'syntax', `{{${path.original}}} works only as a block: {{#${path.original} value}}...{{/${path.original}}}.`);
    } else this.checkArity(file, path, path.original, params.length);
    for (const p of params) this.expression(file, p, scope);
    for (const pair of hash?.pairs ?? []) this.expression(file, pair.value, scope);
  }

  program(file: string, p: hbs.AST.Program | undefined, scope: Scope): void {
    if (!p) return;
    for (const node of p.body) this.statement(file, node, scope);
  }

  private statement(file: string, node: Node, scope: Scope): void {
    switch (node.type) {
      case 'MustacheStatement':
        this.mustache(file, node as hbs.AST.MustacheStatement, scope);
        return;
      case 'BlockStatement':
        this.block(file, node as hbs.AST.BlockStatement, scope);
        return;
      case 'PartialStatement':
      case 'PartialBlockStatement':
        this.partial(file, node as hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement, scope);
        return;
      case 'DecoratorBlock':
      case 'Decorator':
        this.problem(file, node, 'syntax', 'Decorators ({{* }}) are not supported in gradepack templates.');
        return;
      default:
        return;
    }
  }

  private mustache(file: string, m: hbs.AST.MustacheStatement, scope: Scope): void {
    if (!m.escaped) this.problem(file, m, 'syntax', 'Triple braces {{{ }}} and {{& }} output text unescaped, which templates must never do: use {{ }}.');
    const path = m.path as PathExpression;
    if (path.type !== 'PathExpression') return;
    const isCall =
      m.params.length > 0 || (m.hash?.pairs.length ?? 0) > 0 || (this.isHelper(path.original) && !path.data && path.depth === 0 && path.parts.length === 1);
    if (isCall) this.call(file, path, m.params, m.hash, scope);
    else this.resolve(file, path, scope);
  }

  /** A built-in helper given too many or too few values. */
  private checkArity(file: string, node: Node, name: string, count: number, block = false): void {
    const arity = Object.hasOwn(BUILTIN_ARITY, name) ? BUILTIN_ARITY[name] : undefined;
    if (arity !== undefined && count !== arity) {
      this.problem(file, node, 'syntax', `{{${block ? '#' : ''}${name}}} takes ${arity === 1 ? 'one value' : `${arity} values`}, not ${count}.`);
    }
  }

  private block(file: string, b: hbs.AST.BlockStatement, scope: Scope): void {
    const name = b.path.original;
    this.checkArity(file, b, name, b.params.length, true);
    const args = b.params.map((p) => this.expression(file, p, scope));
    for (const pair of b.hash?.pairs ?? []) this.expression(file, pair.value, scope);
    const enter = (context: Shape, params: Shape[]) => withParams({ ...scope, contexts: [...scope.contexts, context] }, b.program.blockParams, params);
    let inner = scope;
    if (name === 'each') {
      const list = args[0] ?? UNKNOWN;
      if (list.kind === 'scalar') this.problem(file, b, 'field', `{{#each}} needs a list, and "${exprText(b.params[0])}" is text.`);
      const element = list.kind === 'array' ? list.element : UNKNOWN;
      inner = enter(element, [element, SCALAR]);
    } else if (name === 'with') {
      inner = enter(args[0] ?? UNKNOWN, [args[0] ?? UNKNOWN]);
    } else if (name !== 'if' && name !== 'unless' && !this.isHelper(name)) {
      if (b.params.length > 0) {
        this.notAHelper(file, b, name);
        return;
      }
      // A block on a field: Handlebars loops over a list, enters an object, or tests a value.
      const value = this.resolve(file, b.path, scope);
      const context = value.kind === 'array' ? value.element : value.kind === 'object' ? value : null;
      if (context) inner = { ...scope, contexts: [...scope.contexts, context] };
    }
    this.program(file, b.program, inner);
    this.program(file, b.inverse, scope);
  }

  private partial(file: string, p: hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement, scope: Scope): void {
    const nameType: string = p.name.type;
    if (nameType !== 'PathExpression' && nameType !== 'StringLiteral') {
      this.problem(file, p, 'syntax', 'Partials must be named directly ({{> name}}), not computed.');
      return;
    }
    const partialName = nameType === 'PathExpression' ? (p.name as PathExpression).original : (p.name as unknown as hbs.AST.StringLiteral).value;
    if (partialName === '@partial-block') return;
    const partial = this.partials.get(partialName);
    if (!partial) {
      const known = [...this.partials.keys()].join(', ');
      this.problem(
        file,
        p,
        'syntax',
        `{{> ${partialName}}} names a partial that does not exist (there is no partials/${partialName}.hbs). Partials: ${known}.`,
      );
      return;
    }
    let context = p.params[0] ? this.expression(file, p.params[0], scope) : scope.contexts[scope.contexts.length - 1]!;
    if ((p.hash?.pairs.length ?? 0) > 0) {
      const fields = new Map(context.kind === 'object' ? context.fields : []);
      for (const pair of p.hash.pairs) fields.set(pair.key, this.expression(file, pair.value, scope));
      context = { kind: 'object', fields };
    }
    if (p.type === 'PartialBlockStatement') this.program(file, (p as hbs.AST.PartialBlockStatement).program, scope);
    const key = `${partialName}|${this.shapeId(context)}`;
    if (this.visited.has(key)) return;
    this.visited.add(key);
    const inner: Scope = { contexts: p.params[0] ? [...scope.contexts, context] : [...scope.contexts.slice(0, -1), context], params: new Map() };
    this.program(partial.file, partial.ast, inner);
  }
}

function withParams(scope: Scope, names: string[] | undefined, values: Shape[]): Scope {
  if (!names?.length) return scope;
  const params = new Map(scope.params);
  for (const [i, n] of names.entries()) params.set(n, values[i] ?? UNKNOWN);
  return { ...scope, params };
}

function exprText(e: Expression | undefined): string {
  if (!e) return '';
  return e.type === 'PathExpression' ? (e as PathExpression).original : e.type;
}
