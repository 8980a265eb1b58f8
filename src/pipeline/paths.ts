import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface ProjectPaths {
  root: string;
  sources: string;
  /** `<root>/templates`, or gradepack's own templates when the project has none. */
  templates: string;
  output: string;
  model: string;
  config: string;
  /** Caches that only save time (ingest results); safe to delete. */
  cache: string;
  /** gradepack's own folder (its code and bundled templates), whichever project it builds. */
  gradepack: string;
}

export function projectPaths(root: string): ProjectPaths {
  const r = resolve(root);
  const gradepack = gradepackRoot();
  const own = join(r, 'templates');
  return {
    root: r,
    sources: join(r, 'sources'),
    // A project made of a spreadsheet and a registry (examples/) prints with the bundled templates.
    templates: existsSync(own) ? own : join(gradepack, 'templates'),
    output: join(r, 'output'),
    model: join(r, 'output', 'model'),
    config: join(r, 'gradepack.config.json'),
    cache: join(r, '.cache', 'gradepack'),
    gradepack,
  };
}

let cachedRoot: string | undefined;

/** The nearest folder above this module with gradepack's package.json: from src/pipeline and from the dist/ bundle alike. */
export function gradepackRoot(): string {
  if (cachedRoot) return cachedRoot;
  for (let dir = import.meta.dirname; ; dir = dirname(dir)) {
    try {
      if (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name === 'gradepack') {
        cachedRoot = dir;
        return dir;
      }
    } catch {
      // no package.json here
    }
    if (dirname(dir) === dir) throw new Error(`gradepack's package.json was not found above ${import.meta.dirname}`);
  }
}

/** gradepack's version, from its package.json. */
export function gradepackVersion(): string {
  return JSON.parse(readFileSync(join(gradepackRoot(), 'package.json'), 'utf8')).version;
}
