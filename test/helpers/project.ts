import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { main } from '../../src/cli/main';
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

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process, capturing what it prints. */
export async function runCli(args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
