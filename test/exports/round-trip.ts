import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestFramework } from '../../src/ingest/ingest';
import { findFramework, loadRegistry, type FrameworkEntry } from '../../src/ingest/registry';
import type { IngestResult } from '../../src/model/ingest-result';
import { parseModel } from '../../src/model/io';
import type { Framework } from '../../src/model/schema';
import { ROOT, SOURCES, sourceInput } from '../helpers/ingest';

export const REAL_FRAMEWORKS = ['success-profiles-2024', 'success-profiles-2018', 'cscf-2012-sms1', 'mmo-2014', 'odp-core-skills', 'odp-scs-capabilities'];

export function committedModel(id: string): Framework {
  const file = join(ROOT, 'output', 'model', `${id}.json`);
  return parseModel(readFileSync(file, 'utf8'), file);
}

/** The registry entry of a real framework, reading `file` with `adapter` instead of its own sources. */
export async function entryFor(id: string, adapter: 'spreadsheet' | 'case-json', file: string, format: 'csv' | 'xlsx' | 'json'): Promise<FrameworkEntry> {
  const entry = findFramework(await loadRegistry(SOURCES), id);
  return { ...entry, adapter, sources: [{ file, format, role: 'primary' }] };
}

/** Reads an export back through its adapter, as `gradepack ingest` would (no previous model). */
export async function readBack(id: string, bytes: Uint8Array, file: string, format: 'csv' | 'xlsx' | 'json'): Promise<IngestResult> {
  const adapter = format === 'json' ? 'case-json' : 'spreadsheet';
  const entry = await entryFor(id, adapter, file, format);
  const text =
    format === 'xlsx'
      ? null
      : new TextDecoder()
          .decode(bytes)
          .replace(/^\uFEFF/, '')
          .replace(/\r\n?/g, '\n');
  return ingestFramework(entry, [{ ...sourceInput(file, bytes, format), text }], []);
}

/**
 * What a round trip keeps: everything but where the text came from (the sources, source lines,
 * corrections), and but levels with nothing in them.
 */
export function content(f: Framework) {
  return {
    id: f.id,
    title: f.title,
    levels: f.levels,
    competencies: f.competencies.map((c) => ({
      id: c.id,
      title: c.title,
      cluster: c.cluster,
      description: c.description,
      // A level with nothing in it (mmo-2014 has one, an extraction gap) has no row in a table.
      levels: c.levels
        .filter((l) => l.indicators.length > 0 || l.note || l.intro)
        .map((l) => ({
          level: l.level,
          note: l.note,
          intro: l.intro?.text ?? null,
          indicators: l.indicators.map((i) => ({ id: i.id, text: i.text, polarity: i.polarity, grade: i.grade })),
        })),
    })),
  };
}
