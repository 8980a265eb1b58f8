import type { Part, Token } from './lines';
import { quote, type Finding } from './findings';

/** One skill or capability: its title, description and the tokens of its level panels. */
export interface CompetencyBlock {
  part: Part;
  title: string;
  /** The title line, or the "Learning Curriculum for" line when the title line is missing. */
  titleLine: number | null;
  description: Token[];
  body: Token[];
}

export interface PageBlocks {
  blocks: CompetencyBlock[];
  /** Content that belongs to no skill (e.g. before the first title), by part. */
  stray: { part: Part; token: Token }[];
  findings: { part: Part; finding: Finding }[];
}

const BETWEEN_BLOCKS = new Set<Token['kind']>(['prose', 'furniture', 'blank']);
const CONTENT = new Set<Token['kind']>(['prose', 'bullet']);

/**
 * Splits a page into skills. Every skill's title and description are followed by
 * "Learning Curriculum for <title>", so that line anchors the split; the title is the line before
 * it (past the description) that repeats the name.
 */
export function splitBlocks(tokens: Token[]): PageBlocks {
  const findings: { part: Part; finding: Finding }[] = [];
  const hasScsSection = tokens.some((t) => t.kind === 'section' && t.part === 'scs');
  const heads: { start: number; anchor: number; title: string; titleLine: number | null; description: Token[] }[] = [];

  tokens.forEach((token, anchor) => {
    if (token.kind !== 'curriculum') return;
    let first = anchor;
    while (first > 0 && BETWEEN_BLOCKS.has(tokens[first - 1]!.kind)) first--;
    const prose = tokens
      .slice(first, anchor)
      .map((t, i) => ({ t, i: first + i }))
      .filter((x) => x.t.kind === 'prose');
    const named = prose.find((x) => x.t.text.toLowerCase() === token.title.toLowerCase()) ?? prose[0];
    if (!named) {
      findings.push({
        part: partAt(tokens, anchor),
        finding: {
          kind: 'missing-part',
          severity: 'error',
          message: `no title line before ${quote(token.text)}; the title is taken from it`,
          line: token.line,
        },
      });
      heads.push({ start: anchor, anchor, title: token.title, titleLine: token.line, description: [] });
      return;
    }
    if (named.t.text.toLowerCase() !== token.title.toLowerCase()) {
      findings.push({
        part: partAt(tokens, anchor),
        finding: {
          kind: 'inconsistent-summary',
          severity: 'warning',
          message: `title ${quote(named.t.text)} does not match ${quote(token.text)}`,
          line: named.t.line,
        },
      });
    }
    const description = prose.filter((x) => x.i > named.i).map((x) => x.t);
    heads.push({ start: named.i, anchor, title: named.t.text, titleLine: named.t.line, description });
  });

  const owner = new Array<number | null>(tokens.length).fill(null);
  const blocks: CompetencyBlock[] = heads.map((head, b) => {
    const next = heads[b + 1]?.start ?? tokens.length;
    let end = head.anchor + 1;
    while (end < next && tokens[end]!.kind !== 'section') end++;
    for (let i = head.start; i < end; i++) owner[i] = b;
    const body = tokens.slice(head.anchor + 1, end);
    return { part: partAt(tokens, head.start), title: head.title, titleLine: head.titleLine, description: head.description, body };
  });

  if (!hasScsSection) {
    for (const block of blocks) {
      if (block.part === 'core' && block.body.some((t) => t.kind === 'grade')) {
        block.part = 'scs';
        findings.push({
          part: 'scs',
          finding: {
            kind: 'missing-part',
            severity: 'warning',
            message: `no "Seven core capabilities for SCS roles" heading; "${block.title}" is read as an SCS capability because it has SCS grade headings`,
            line: block.titleLine,
          },
        });
      }
    }
  }

  const stray = tokens
    .map((token, i) => ({ token, i }))
    .filter(({ token, i }) => owner[i] === null && CONTENT.has(token.kind))
    .map(({ token, i }) => ({ part: partAt(tokens, i), token }));
  return { blocks, stray, findings };
}

/** The part of the page a token is in: the last section heading before it, core if none. */
function partAt(tokens: Token[], index: number): Part {
  for (let i = index; i >= 0; i--) {
    const t = tokens[i]!;
    if (t.kind === 'section') return t.part;
  }
  return 'core';
}
