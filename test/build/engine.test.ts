import { cpSync, mkdirSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runBuild } from '../../src/pipeline/build';
import { modelChanges } from '../../src/pipeline/model-changes';
import { planBuild, staleJobs } from '../../src/pipeline/plan-build';
import { hashJson } from '../../src/pipeline/fingerprint';
import { acquireBuildLock } from '../../src/pipeline/lock';
import { GENERATOR, readManifest } from '../../src/pipeline/manifest';
import { projectPaths, type ProjectPaths } from '../../src/pipeline/paths';
import type { OutputKind } from '../../src/pipeline/plan';
import { packView } from '../../src/model/pack-view';
import { SOURCES } from '../helpers/ingest';
import { readTree, treeBytes } from '../helpers/tree';

const SOURCE = 'success-profiles-behaviours-2024.txt';

/** A kind that writes each pack view as JSON, so the engine can be tested without a browser. */
function fakeKind(options: { failOn?: string } = {}): OutputKind & { renders: string[] } {
  const renders: string[] = [];
  return {
    id: 'fake',
    formats: ['json'],
    medium: 'data',
    renders,
    jobs(framework, targets, context) {
      return targets.map((target) => {
        const view = packView(framework, target);
        return {
          path: `fake/${target.key}/${framework.id}.json`,
          kind: 'fake',
          framework: framework.id,
          target: target.key,
          cost: 1,
          ...withParts({ view: hashJson(view), templates: hashJson([...context.templates]), renderer: context.renderer }),
          async render() {
            if (options.failOn === target.key) throw new Error(`render failed for ${target.key}`);
            renders.push(target.key);
            return new TextEncoder().encode(`${JSON.stringify(view)}\n`);
          },
        };
      });
    },
  };
}

const withParts = (parts: Record<string, string>) => ({ parts, inputs: hashJson(parts) });

function project(): ProjectPaths {
  const root = mkdtempSync(join(tmpdir(), 'gradepack-engine-'));
  mkdirSync(join(root, 'sources'));
  const registry = JSON.parse(readFileSync(join(SOURCES, 'registry.json'), 'utf8'));
  registry.frameworks = registry.frameworks.filter((f: { id: string }) => f.id === 'success-profiles-2024');
  writeFileSync(join(root, 'sources', 'registry.json'), JSON.stringify(registry));
  cpSync(join(SOURCES, SOURCE), join(root, 'sources', SOURCE));
  mkdirSync(join(root, 'templates'));
  writeFileSync(join(root, 'templates', 'pack.hbs'), '{{title}}');
  return projectPaths(root);
}

function reword(paths: ProjectPaths, from: string, to: string): void {
  const file = join(paths.sources, SOURCE);
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
}

describe('build engine', () => {
  let paths: ProjectPaths;
  beforeEach(() => {
    paths = project();
  });

  it('renders everything cold, then nothing when nothing changed, rewriting no file', async () => {
    const kind = fakeKind();
    const cold = await runBuild({ paths, kinds: [kind] });
    expect(cold.rendered).toHaveLength(10);
    expect(cold.modelsWritten).toContain('success-profiles-2024.json');
    const before = readTree(paths.output);
    const again = await runBuild({ paths, kinds: [kind] });
    expect(again.rendered).toEqual([]);
    expect(again.unchanged).toHaveLength(10);
    expect(readTree(paths.output)).toEqual(before);
  });

  it('two clean builds give byte-identical trees', async () => {
    await runBuild({ paths, kinds: [fakeKind()] });
    const other = project();
    await runBuild({ paths: other, kinds: [fakeKind()] });
    expect(treeBytes(other.output)).toEqual(treeBytes(paths.output));
  });

  it('after one indicator is reworded: check sees it stale, the rebuild renders only what depends on it, CHANGES.md has both wordings', async () => {
    await runBuild({ paths, kinds: [fakeKind()] });
    reword(paths, '- take time to achieve development objectives', '- make time to achieve development objectives');
    const plan = await planBuild(paths, [fakeKind()]);
    const manifest = await readManifest(join(paths.output, 'manifest.json'), GENERATOR);
    expect((await staleJobs(paths.output, plan.jobs, manifest)).map((j) => j.target).sort()).toEqual(['aa', 'ao']);
    expect((await modelChanges(paths.root, paths.model, plan.ingested)).stale).toEqual(['success-profiles-2024.json']);
    const kind = fakeKind();
    const summary = await runBuild({ paths, kinds: [kind] });
    expect(kind.renders.sort()).toEqual(['aa', 'ao']);
    const changes = readFileSync(join(paths.output, 'CHANGES.md'), 'utf8');
    expect(changes).toContain('### Reworded (1)\n\n- Developing self and others, level 1, effective: “take time to achieve development objectives”');
    expect(changes).toContain('→ “make time to achieve development objectives”');
    expect(summary.changes).toContain('Developing self and others');
  });

  it('a failed render leaves every earlier file byte-identical, and the next build completes', async () => {
    await runBuild({ paths, kinds: [fakeKind()] });
    const before = readTree(paths.output);
    reword(paths, 'keep up to date with the issues that affect your work area', 'keep abreast of the issues that affect your work area');
    await expect(runBuild({ paths, kinds: [fakeKind({ failOn: 'eo' })] })).rejects.toThrow(/render failed for eo/);
    expect(readTree(paths.output)).toEqual(before);
    const summary = await runBuild({ paths, kinds: [fakeKind()] });
    expect(summary.rendered).toEqual(['fake/eo/success-profiles-2024.json']);
  });

  it('a truncated source fails naming the file and leaves the outputs intact', async () => {
    await runBuild({ paths, kinds: [fakeKind()] });
    const before = readTree(paths.output);
    const file = join(paths.sources, SOURCE);
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 4000));
    await expect(runBuild({ paths, kinds: [fakeKind()] })).rejects.toMatchObject({
      code: 'SourceIncomplete',
      location: { file: `sources/${SOURCE}` },
    });
    expect(readTree(paths.output)).toEqual(before);
  });

  it('an output that was altered or deleted by hand is rendered again', async () => {
    await runBuild({ paths, kinds: [fakeKind()] });
    writeFileSync(join(paths.output, 'fake/eo/success-profiles-2024.json'), 'tampered');
    const kind = fakeKind();
    await runBuild({ paths, kinds: [kind] });
    expect(kind.renders).toEqual(['eo']);
  });

  it('an output altered by hand to the same size, its modification time put back, is rendered again', async () => {
    await runBuild({ paths, kinds: [fakeKind()] });
    const file = join(paths.output, 'fake/eo/success-profiles-2024.json');
    const before = statSync(file);
    const bytes = readFileSync(file);
    bytes[10] = bytes[10] === 0x41 ? 0x42 : 0x41;
    writeFileSync(file, bytes);
    utimesSync(file, before.atime, before.mtime);
    const kind = fakeKind();
    await runBuild({ paths, kinds: [kind] });
    expect(kind.renders).toEqual(['eo']);
  });

  it('the rebuild after a cold build ingests nothing: the cold build stored the entry the rebuild looks up', async () => {
    await runBuild({ paths, kinds: [fakeKind()] });
    const cache = join(paths.cache, 'ingest', 'success-profiles-2024.json');
    const stored = JSON.parse(readFileSync(cache, 'utf8')) as { entries: { value: { modelText: string } }[] };
    // One entry for the first ingest (no model on disk), one against the model that build wrote.
    expect(stored.entries).toHaveLength(2);
    expect(stored.entries[1]!.value.modelText).toBe(readFileSync(join(paths.model, 'success-profiles-2024.json'), 'utf8'));
    const written = statSync(cache).mtimeMs;
    const again = await runBuild({ paths, kinds: [fakeKind()] });
    expect(again.rendered).toEqual([]);
    // A miss would ingest again and rewrite the entry.
    expect(statSync(cache).mtimeMs).toBe(written);
  });

  it('removes outputs that are no longer produced', async () => {
    await runBuild({ paths, kinds: [fakeKind()] });
    const registryFile = join(paths.sources, 'registry.json');
    const registry = JSON.parse(readFileSync(registryFile, 'utf8'));
    registry.frameworks[0].levels[0].grades = ['ao'];
    writeFileSync(registryFile, JSON.stringify(registry));
    const summary = await runBuild({ paths, kinds: [fakeKind()] });
    expect(summary.removed).toEqual(['fake/aa/success-profiles-2024.json']);
    expect(() => statSync(join(paths.output, 'fake/aa'))).toThrow();
  });

  it('a second build while one holds the lock fails with BuildLocked', async () => {
    const release = await acquireBuildLock(paths.output);
    try {
      await expect(runBuild({ paths, kinds: [fakeKind()] })).rejects.toMatchObject({ code: 'BuildLocked' });
    } finally {
      await release();
    }
    await runBuild({ paths, kinds: [fakeKind()] });
  });

  it('narrowing to one grade renders only that grade and keeps the rest of the manifest', async () => {
    await runBuild({ paths, kinds: [fakeKind()] });
    reword(paths, 'keep up to date with the issues that affect your work area', 'keep abreast of the issues that affect your work area');
    const kind = fakeKind();
    await runBuild({ paths, kinds: [kind], selection: { grades: ['g7'] } });
    expect(kind.renders).toEqual([]);
    const manifest = await readManifest(join(paths.output, 'manifest.json'), GENERATOR);
    expect(Object.keys(manifest.outputs)).toHaveLength(10);
    await expect(runBuild({ paths, kinds: [kind], selection: { grades: ['g9'] } })).rejects.toMatchObject({ code: 'UnknownGrade' });
    await expect(runBuild({ paths, kinds: [kind], selection: { formats: ['xls'] } })).rejects.toMatchObject({ code: 'UnknownFormat' });
    await expect(runBuild({ paths, kinds: [kind], selection: { frameworks: ['nope'] } })).rejects.toMatchObject({ code: 'UnknownFramework' });
  });
});
