import { type InputKind, readInputFile } from '../model/input-file';
import type { PackView } from '../model/pack-view';
import type { Framework } from '../model/schema';
import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Hash of a JSON value with sorted keys, so that key order never changes a fingerprint. */
export function hashJson(value: unknown): string {
  return sha256Hex(stableStringify(value));
}

export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Every file under `dir` (recursively) as relative POSIX path to content hash; missing dir = none.
 * With `kind`, the files are a user's (templates): read within that kind's limit, and a file
 * linked in from elsewhere is read like the others rather than skipped. With `keep`, only the
 * files whose relative path it keeps are read. Files are read concurrently (a no-op build hashes
 * the templates and the bundle's code each time).
 */
export async function hashTree(dir: string, kind?: InputKind, keep: (path: string) => boolean = () => true): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  async function walk(current: string): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    await Promise.all(
      entries.map(async (entry) => {
        const full = join(current, entry.name);
        const path = relative(dir, full).split(sep).join('/');
        if (entry.isDirectory()) await walk(full);
        else if ((entry.isFile() || (kind && entry.isSymbolicLink())) && keep(path)) {
          const bytes = kind ? await readInputFile(full, full, kind) : await readFile(full);
          if (bytes !== null) out.set(path, sha256Hex(bytes));
        }
      }),
    );
  }
  await walk(dir);
  return new Map([...out.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** One hash over the files of a tree that pass `keep`. */
export function hashSelected(tree: Map<string, string>, keep: (path: string) => boolean): string {
  return hashJson([...tree.entries()].filter(([path]) => keep(path)));
}

/**
 * The fingerprint of what a document shows (a pack view, a reference's model): both are built in
 * a fixed key order (by code, or by zod from the schema), so their JSON text is stable.
 */
export function viewFingerprint(view: PackView | Framework): string {
  return sha256Hex(JSON.stringify(view));
}
