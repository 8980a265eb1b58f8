import type { Framework, SourceRef } from '../model/schema';

/** Where a finding points: a source file as diagnostics name it (`sources/<file>`), and its line or page. */
export interface Position {
  file: string | null;
  line: number | null;
  page: number | null;
}

export const NOWHERE: Position = { file: null, line: null, page: null };

export const sourcePath = (file: string): string => `sources/${file}`;

export function positionOf(ref: SourceRef | null | undefined): Position | null {
  if (!ref) return null;
  return { file: sourcePath(ref.file), line: ref.line, page: ref.page };
}

/** The first position available, else the framework's primary source without a line. */
export function firstPosition(framework: Framework, ...refs: (SourceRef | null | undefined)[]): Position {
  for (const ref of refs) {
    const position = positionOf(ref);
    if (position) return position;
  }
  const primary = framework.sources[0];
  return primary ? { file: sourcePath(primary.file), line: null, page: null } : NOWHERE;
}

/** How a message names another place: "line 12" in the same file, "p. 4", or "file:12" elsewhere. */
export function describeRef(ref: SourceRef, from: Position | null): string {
  const same = from !== null && from.file === sourcePath(ref.file);
  const at = ref.line != null ? (same ? `line ${ref.line}` : `${ref.line}`) : ref.page != null ? (same ? `p. ${ref.page}` : `p.${ref.page}`) : '';
  if (same) return at || 'the same file';
  return at ? `${sourcePath(ref.file)}:${at}` : sourcePath(ref.file);
}

/** Shortens source text for a message, keeping its words. */
export function quote(text: string, max = 70): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return `"${t.length > max ? `${t.slice(0, max - 1).trimEnd()}…` : t}"`;
}
