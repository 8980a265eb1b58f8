import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestFramework } from '../../src/ingest/ingest';
import type { IngestResult } from '../../src/model/ingest-result';
import { loadRegistry, findFramework } from '../../src/ingest/registry';
import type { SourceInput } from '../../src/ingest/types';

export const ROOT = join(import.meta.dirname, '..', '..');
export const SOURCES = join(ROOT, 'sources');

/** A source as an adapter receives it, from a file on disk or from a string. */
export function sourceInput(
  file: string,
  content: string | Uint8Array,
  format: SourceInput['format'] = 'text',
  role: SourceInput['role'] = 'primary',
): SourceInput {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const text = format === 'pdf' ? null : typeof content === 'string' ? content : new TextDecoder().decode(content);
  return { file, format, role, bytes, text };
}

export function realSource(file: string, format: SourceInput['format'] = 'text', role: SourceInput['role'] = 'primary'): SourceInput {
  return sourceInput(file, new Uint8Array(readFileSync(join(SOURCES, file))), format, role);
}

/** Ingests one registered framework from in-memory sources (no errata unless given). */
export async function ingestWith(frameworkId: string, sources: SourceInput[]): Promise<IngestResult> {
  const registry = await loadRegistry(SOURCES);
  return ingestFramework(findFramework(registry, frameworkId), sources, []);
}
