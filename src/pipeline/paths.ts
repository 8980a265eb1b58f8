import { join, resolve } from 'node:path';

export interface ProjectPaths {
  root: string;
  sources: string;
  templates: string;
  output: string;
  model: string;
  config: string;
  /** Caches that only save time (ingest results); safe to delete. */
  cache: string;
}

export function projectPaths(root: string): ProjectPaths {
  const r = resolve(root);
  return {
    root: r,
    sources: join(r, 'sources'),
    templates: join(r, 'templates'),
    output: join(r, 'output'),
    model: join(r, 'output', 'model'),
    config: join(r, 'gradepack.config.json'),
    cache: join(r, '.cache', 'gradepack'),
  };
}
