import { type ParseError, parse as parseJsonc } from 'jsonc-parser';
import { type Document, isMap, isSeq, type LineCounter, LineCounter as Lines, parseDocument } from 'yaml';

type Path = (string | number)[];

/** The line of the node at `path` in a parsed YAML (or JSON) document, or of its nearest ancestor that exists. */
export function nodeLine(doc: Document, lineCounter: LineCounter, path: Path): number {
  for (let length = path.length; length >= 0; length--) {
    const node = length === 0 ? doc.contents : doc.getIn(path.slice(0, length), true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) {
      // A map or list's own range starts at its first entry; a key's value is where the eye looks.
      const offset = length > 0 && (isMap(node) || isSeq(node)) ? (keyOffset(doc, path.slice(0, length)) ?? range[0]) : range[0];
      return lineCounter.linePos(offset).line;
    }
  }
  return 1;
}

/** Where the key of the entry at `path` starts, when the entry is a map's value. */
function keyOffset(doc: Document, path: Path): number | null {
  const key = path[path.length - 1];
  if (typeof key !== 'string') return null;
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return null;
  const pair = parent.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
  return (pair?.key as { range?: [number, number, number] } | undefined)?.range?.[0] ?? null;
}

/**
 * The line of the value at `path` in JSON text (JSON is YAML, so the yaml package, which keeps
 * positions, finds it); only called to report an error, so parsing twice costs nothing that matters.
 */
export function jsonLine(text: string, path: Path): number {
  const lineCounter = new Lines();
  const doc = parseDocument(text, { lineCounter, schema: 'failsafe', uniqueKeys: false, prettyErrors: false, logLevel: 'error' });
  return nodeLine(doc, lineCounter, path);
}

/** The line of a JSON.parse error, from the position its message gives ("... in JSON at position 42"). */
export function jsonSyntaxErrorLine(text: string, message: string): number | undefined {
  const line = /\(line (\d+) column \d+\)/.exec(message);
  if (line) return Number(line[1]);
  const position = /at position (\d+)/.exec(message);
  if (position) return lineAt(text, Number(position[1]));
  // V8 names no position for an unexpected token ("Unexpected token 'D', "Doc"... is not valid
  // JSON"): a parser that keeps offsets finds where the text stops being JSON.
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors[0]) return lineAt(text, errors[0].offset);
  // "Unexpected end of JSON input": the end is where it broke off.
  return /end of JSON input/.test(message) && text.length > 0 ? text.split('\n').length : undefined;
}

const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;
