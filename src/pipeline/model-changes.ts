import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { diffFrameworks, formatDiffMarkdown } from '../model/diff';
import { parseModel, serializeSchema } from '../model/io';
import type { Framework } from '../model/schema';
import { committedTexts } from './committed-model';
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
  const frameworkFiles = frameworks.map((f) => join(modelDir, `${f.id}.json`));
  const { texts: committed, fromGit: againstCommit } = await committedTexts(root, frameworkFiles);
  for (const [name, text] of files) {
    const current = await readFile(join(modelDir, name), 'utf8').catch(() => null);
    if (current !== text) stale.push(name);
    const framework = frameworks.find((f) => `${f.id}.json` === name);
    if (!framework) continue;
    const committedText = committed.get(join(modelDir, name)) ?? null;
    // Unchanged since the commit: nothing to diff (and nothing to parse).
    if (committedText === text) continue;
    let before: Framework | null = null;
    if (committedText !== null) {
      try {
        before = parseModel(committedText, join(modelDir, name));
      } catch {
        before = null;
      }
    }
    diffs.push(diffFrameworks(before ?? { ...framework, competencies: [] }, framework));
  }
  return { stale, report: formatDiffMarkdown(diffs, 'Changes to the canonical model', 'fold'), againstCommit, files };
}
