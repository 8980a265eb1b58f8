import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface TreeFile {
  bytes: string;
  mtime: number;
}

/** Every file under `dir` (the build lock aside), as base64 bytes and modification time. */
export function readTree(dir: string): Record<string, TreeFile> {
  const out: Record<string, TreeFile> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name !== '.gradepack.lock') out[relative(dir, full)] = { bytes: readFileSync(full, 'base64'), mtime: statSync(full).mtimeMs };
    }
  };
  walk(dir);
  return out;
}

/** Every file under `dir` as base64 bytes: equal trees are byte-identical. */
export function treeBytes(dir: string): Record<string, string> {
  return Object.fromEntries(Object.entries(readTree(dir)).map(([path, f]) => [path, f.bytes]));
}
