import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, SOURCES } from './ingest';

/** A temporary project holding the given frameworks' sources (all when omitted) and the templates. */
export function tempProject(frameworkIds?: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'gradepack-project-'));
  mkdirSync(join(root, 'sources'));
  const registry = JSON.parse(readFileSync(join(SOURCES, 'registry.json'), 'utf8'));
  if (frameworkIds) registry.frameworks = registry.frameworks.filter((f: { id: string }) => frameworkIds.includes(f.id));
  writeFileSync(join(root, 'sources', 'registry.json'), JSON.stringify(registry, null, 2));
  for (const f of registry.frameworks) {
    for (const s of f.sources) {
      cpSync(join(SOURCES, s.file), join(root, 'sources', s.file));
      try {
        cpSync(join(SOURCES, `${s.file}.errata.json`), join(root, 'sources', `${s.file}.errata.json`));
      } catch {
        // no errata for this source
      }
    }
  }
  cpSync(join(ROOT, 'templates'), join(root, 'templates'), { recursive: true });
  return root;
}
