import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write';
import { sha256Hex } from './fingerprint';

/**
 * What each output file looked like (size, times, inode) when its hash was last known, kept in
 * .cache/gradepack/output-stats.json (a campaign's in campaign-<name>-stats.json) as git keeps its
 * index: a no-op build then stats 200 files instead of reading and hashing 26 MB, and a campaign
 * 20,000 candidates' forms instead of reading 3.9 GB. A file whose stat differs in anything is
 * hashed again.
 */
interface KnownStat {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  sha256: string;
}

export type OutputStats = Map<string, KnownStat>;

/** The build's outputs are `output-stats`; a campaign's, `campaign-<name>-stats`. */
export async function readOutputStats(cacheDir: string, name = 'output-stats'): Promise<OutputStats> {
  try {
    return new Map(Object.entries(JSON.parse(await readFile(join(cacheDir, `${name}.json`), 'utf8')) as Record<string, KnownStat>));
  } catch {
    return new Map();
  }
}

/** The SHA-256 of an output file, from what is known of it when its stat is unchanged; null when it is missing. */
export async function outputHash(outputDir: string, path: string, known: OutputStats): Promise<string | null> {
  const file = join(outputDir, path);
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return null;
  const k = known.get(path);
  if (k && k.size === info.size && k.mtimeMs === info.mtimeMs && k.ctimeMs === info.ctimeMs && k.ino === info.ino) return k.sha256;
  try {
    return sha256Hex(await readFile(file));
  } catch {
    return null;
  }
}

/** After a build's commit every output is what the manifest says: remember how each looks on disk. */
export async function recordOutputStats(
  cacheDir: string,
  outputDir: string,
  manifest: { outputs: Record<string, { sha256: string }> },
  name = 'output-stats',
): Promise<void> {
  const entries = await Promise.all(
    Object.entries(manifest.outputs).map(async ([path, entry]) => {
      const info = await stat(join(outputDir, path)).catch(() => null);
      return info?.isFile() ? ([path, { size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, ino: info.ino, sha256: entry.sha256 }] as const) : null;
    }),
  );
  const known = Object.fromEntries(entries.filter((e) => e !== null));
  await writeFileAtomic(join(cacheDir, `${name}.json`), JSON.stringify(known));
}
