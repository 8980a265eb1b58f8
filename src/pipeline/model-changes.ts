import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { diffFrameworks, formatDiffMarkdown } from '../model/diff';
import { parseModel, serializeSchema } from '../model/io';
import type { Framework } from '../model/schema';
import { committedText } from './committed-model';
import type { CachedIngest } from './ingest-cache';

/** The committed model files that differ from a fresh ingest, and the report of what changed. */
export interface ModelChanges {
  /** Model files whose text differs from a fresh ingest. */
  stale: string[];
  report: string;
  /** True when the report compares against git's HEAD, not against the files on disk. */
  againstCommit: boolean;
  files: Map<string, string>;
}

/** The model files (and schema.json) whose text on disk differs from a fresh ingest. No diffing: cheap enough for `check`. */
export async function modelStaleness(modelDir: string, ingested: CachedIngest[]): Promise<string[]> {
  const stale: string[] = [];
  for (const [name, text] of modelFiles(ingested)) if ((await readFile(join(modelDir, name), 'utf8').catch(() => null)) !== text) stale.push(name);
  return stale;
}

function modelFiles(ingested: CachedIngest[]): Map<string, string> {
  const files = new Map<string, string>([['schema.json', serializeSchema()]]);
  for (const i of ingested) files.set(`${i.result.framework.id}.json`, i.modelText);
  return files;
}

export async function modelChanges(root: string, modelDir: string, ingested: CachedIngest[]): Promise<ModelChanges> {
  const frameworks = ingested.map((i) => i.result.framework);
  const files = modelFiles(ingested);
  const stale: string[] = [];
  const diffs = [];
  let againstCommit = true;
  for (const [name, text] of files) {
    const current = await readFile(join(modelDir, name), 'utf8').catch(() => null);
    if (current !== text) stale.push(name);
    const framework = frameworks.find((f) => `${f.id}.json` === name);
    if (!framework) continue;
    const committed = await committedText(root, join(modelDir, name));
    againstCommit &&= committed.fromGit;
    // Unchanged since the commit: nothing to diff (and nothing to parse).
    if (committed.text === text) continue;
    let before: Framework | null = null;
    if (committed.text !== null) {
      try {
        before = parseModel(committed.text, join(modelDir, name));
      } catch {
        before = null;
      }
    }
    diffs.push(diffFrameworks(before ?? { ...framework, competencies: [] }, framework));
  }
  return { stale, report: formatDiffMarkdown(diffs, 'Changes to the canonical model', 'fold'), againstCommit, files };
}
