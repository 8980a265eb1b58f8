import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/**
 * output/manifest.json: every output with the hash of its inputs (the part of the model it uses,
 * its templates, the renderer's code, the configuration, the document date) and of its bytes.
 */
export const ManifestEntry = z
  .object({
    kind: z.string(),
    framework: z.string(),
    target: z.string().nullable(),
    inputs: z.string(),
    /** Each input by name (see OutputJob.parts), so that `check` can say what changed. */
    parts: z.record(z.string(), z.string()).default({}),
    sha256: z.string(),
  })
  .strict();
export type ManifestEntry = z.infer<typeof ManifestEntry>;

export const Manifest = z.object({ generator: z.string(), outputs: z.record(z.string(), ManifestEntry) }).strict();
export type Manifest = z.infer<typeof Manifest>;

export const MANIFEST_FILE = 'manifest.json';

/** Written into the manifest: a manifest of another generator counts as empty. */
export const GENERATOR = 'gradepack 1';

export function emptyManifest(generator: string): Manifest {
  return { generator, outputs: {} };
}

/** A missing or unreadable manifest means nothing is known to be up to date. */
export async function readManifest(file: string, generator: string): Promise<Manifest> {
  try {
    const parsed = Manifest.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : emptyManifest(generator);
  } catch {
    return emptyManifest(generator);
  }
}

export function serializeManifest(manifest: Manifest): string {
  const outputs = Object.fromEntries(
    Object.keys(manifest.outputs)
      .sort()
      .map((k) => [k, manifest.outputs[k]]),
  );
  return `${JSON.stringify({ generator: manifest.generator, outputs }, null, 2)}\n`;
}
