import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashSelected, hashTree, sha256Hex } from './fingerprint';

/**
 * Fingerprints of the gradepack code that is running, never of the project being built (which
 * may be any folder, `--root`): a new version of gradepack re-ingests and re-renders, an old
 * cache is not reused. Run from the bundle (dist/, as `npm run build` and the package's bin do),
 * the fingerprint is the bundle's files; run from the TypeScript sources (tests, tsx), it is the
 * source folders that shape the result.
 */
export type CodeScope = 'ingest' | 'validate' | 'render' | 'campaign';

/** Under src/: what each scope's results depend on. */
const SOURCES: Record<CodeScope, string[]> = {
  ingest: ['ingest', 'model'],
  validate: ['validate', 'model', 'config'],
  render: ['render', 'model', 'pipeline/kinds.ts', 'pipeline/document-date.ts'],
  campaign: ['render', 'model', 'campaign', 'pipeline/campaign.ts', 'pipeline/document-date.ts'],
};

const cache = new Map<string, Promise<string>>();

export function codeFingerprint(scope: CodeScope, modulePath: string = fileURLToPath(import.meta.url)): Promise<string> {
  const key = `${scope}|${modulePath}`;
  let fingerprint = cache.get(key);
  if (!fingerprint) {
    fingerprint = modulePath.endsWith('.ts') ? sourcesFingerprint(join(dirname(modulePath), '..'), SOURCES[scope]) : bundleFingerprint(dirname(modulePath));
    cache.set(key, fingerprint);
  }
  return fingerprint;
}

/** Every JavaScript file of the bundle's folder (the entry and its chunks). */
async function bundleFingerprint(dir: string): Promise<string> {
  const javascript = (path: string) => /\.(m?js)$/.test(path);
  return `bundle:${hashSelected(await hashTree(dir, undefined, javascript), javascript)}`;
}

async function sourcesFingerprint(srcDir: string, parts: string[]): Promise<string> {
  const hashes = await Promise.all(
    parts.map(async (part) =>
      part.endsWith('.ts') ? sha256Hex(await readFile(join(srcDir, part))) : hashSelected(await hashTree(join(srcDir, part)), () => true),
    ),
  );
  return `sources:${sha256Hex(hashes.join('|'))}`;
}
