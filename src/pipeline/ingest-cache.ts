import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ingestFramework } from '../ingest/ingest';
import type { IngestResult } from '../model/ingest-result';
import { loadErrata } from '../ingest/errata';
import { errataFileName } from '../model/errata';
import { readSource } from '../ingest/read-source';
import type { FrameworkEntry, Registry } from '../ingest/registry';
import type { Grade } from '../model/schema';
import { writeFileAtomic } from './atomic-write';
import { hashJson, hashSelected, hashTree, sha256Hex } from './fingerprint';
import type { ProjectPaths } from './paths';
import { parseModel } from '../model/io';

/**
 * Ingest results cached under .cache/gradepack/ingest, keyed by everything ingest reads: the
 * registry entry, the source bytes, the errata files, the model on disk (whose ids the new model
 * keeps) and the ingest code. A rebuild with
 * unchanged sources then never loads pdf.js. Any doubt (a missing or unreadable entry) means
 * ingesting again.
 */
export async function ingestWithCache(paths: ProjectPaths, registry: Registry, ids?: string[]): Promise<IngestResult[]> {
  const entries = ids ? registry.frameworks.filter((f) => ids.includes(f.id)) : registry.frameworks;
  const code =
    hashSelected(await hashTree(join(paths.gradepack, 'src', 'ingest')), () => true) +
    hashSelected(await hashTree(join(paths.gradepack, 'src', 'model')), () => true);
  return Promise.all(entries.map((entry) => ingestOne(paths, entry, registry.grades, code)));
}

async function ingestOne(paths: ProjectPaths, entry: FrameworkEntry, ladder: Grade[], code: string): Promise<IngestResult> {
  const sources = await Promise.all(entry.sources.map((s) => readSource(paths.sources, s)));
  const errataTexts = await Promise.all(entry.sources.map((s) => readFile(join(paths.sources, errataFileName(s.file)), 'utf8').catch(() => '')));
  const modelFile = join(paths.model, `${entry.id}.json`);
  const previousText = await readFile(modelFile, 'utf8').catch(() => null);
  const key = hashJson({ entry, ladder, sources: sources.map((s) => sha256Hex(s.bytes)), errata: errataTexts, previous: previousText, code });
  const file = join(paths.cache, 'ingest', `${entry.id}.json`);
  try {
    const cached = JSON.parse(await readFile(file, 'utf8')) as { key: string; result: IngestResult };
    if (cached.key === key) return cached.result;
  } catch {
    // not cached yet
  }
  const errata = await Promise.all(entry.sources.map((s) => loadErrata(paths.sources, s.file)));
  // A damaged model is an error, not a first ingest: its ids would be lost.
  const previous = previousText === null ? null : parseModel(previousText, modelFile);
  const result = await ingestFramework(entry, sources, errata, ladder, previous);
  await writeFileAtomic(file, JSON.stringify({ key, result }));
  return result;
}
