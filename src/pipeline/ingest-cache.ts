import { join } from 'node:path';
import { ingestFramework } from '../ingest/ingest';
import type { IngestResult } from '../model/ingest-result';
import { loadErrata } from '../ingest/errata';
import { errataFileName } from '../model/errata';
import { containedPath, readInputText } from '../model/input-file';
import { parseModel, serializeModel } from '../model/io';
import { readSource } from '../ingest/read-source';
import type { FrameworkEntry, Registry } from '../ingest/registry';
import type { Grade } from '../model/schema';
import { codeFingerprint } from './code-fingerprint';
import { hashJson, sha256Hex } from './fingerprint';
import { memo } from './memo-cache';
import type { ProjectPaths } from './paths';

/**
 * Ingest results cached under .cache/gradepack/ingest, keyed by everything ingest reads: the
 * registry entry and grade ladder, the source bytes, the errata files, the model on disk (whose
 * ids the new model keeps) and the ingest code that runs (code-fingerprint.ts). A rebuild with
 * unchanged sources then never loads pdf.js.
 */
export interface CachedIngest {
  result: IngestResult;
  /** The hash of the result: a key for what is derived from it. */
  key: string;
  /** The model as output/model/<id>.json holds it. */
  modelText: string;
}

export async function ingestCached(paths: ProjectPaths, registry: Registry, ids?: string[]): Promise<CachedIngest[]> {
  const entries = ids ? registry.frameworks.filter((f) => ids.includes(f.id)) : registry.frameworks;
  const code = await codeFingerprint('ingest');
  return Promise.all(entries.map((entry) => ingestOne(paths, entry, registry.grades, code)));
}

async function ingestOne(paths: ProjectPaths, entry: FrameworkEntry, ladder: Grade[], code: string): Promise<CachedIngest> {
  const sources = await Promise.all(entry.sources.map((s) => readSource(paths.sources, s)));
  // Read for the cache key only, but as loadErrata reads them: inside sources/ (no link out of it).
  const errataTexts = await Promise.all(
    entry.sources.map(async (s) =>
      readInputText(
        await containedPath(paths.sources, 'sources', errataFileName(s.file), 'sources/registry.json'),
        `sources/${errataFileName(s.file)}`,
        'settings',
      ),
    ),
  );
  const modelFile = join(paths.model, `${entry.id}.json`);
  const previousText = await readInputText(modelFile, `output/model/${entry.id}.json`, 'model');
  const keyFor = (previous: string | null) => hashJson({ entry, ladder, sources: sources.map((s) => sha256Hex(s.bytes)), errata: errataTexts, previous, code });
  const ingest = async (text: string | null): Promise<StoredIngest> => {
    const errata = await Promise.all(entry.sources.map((s) => loadErrata(paths.sources, s.file)));
    // A damaged model is an error, not a first ingest: its ids would be lost.
    const previous = text === null ? null : parseModel(text, modelFile);
    const result = await ingestFramework(entry, sources, errata, ladder, previous);
    const modelText = serializeModel(result.framework);
    return { result, modelText, digest: hashJson({ modelText, diagnostics: result.diagnostics, captures: result.captures, errata: result.errata }) };
  };
  // A build writes the model it ingested, which changes the next run's key (the previous model is
  // an input): ingest once more against it now, so a rebuild with nothing changed reads the cache.
  const { result, modelText, digest } = await memo(
    paths,
    'ingest',
    entry.id,
    keyFor(previousText),
    () => ingest(previousText),
    async (stored) =>
      stored.modelText === previousText
        ? null
        : ingest(stored.modelText).then(
            (value) => ({ key: keyFor(stored.modelText), value }),
            () => null,
          ),
  );
  return { result, key: digest, modelText };
}

interface StoredIngest {
  result: IngestResult;
  modelText: string;
  /** The hash of the result itself: what is derived from it changes only when this does. */
  digest: string;
}
