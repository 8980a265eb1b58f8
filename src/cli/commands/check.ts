import { join } from 'node:path';
import { GENERATOR, modelChanges, planBuild, staleOutputs } from '../../pipeline/build';
import { outputKinds } from '../../pipeline/kinds';
import { MANIFEST_FILE, readManifest } from '../../pipeline/manifest';
import { EXIT, type Command } from '../command';

export const checkCommand: Command = {
  name: 'check',
  summary: 'Exit 1 when the committed model or any output is stale against the sources, templates and code (for CI and pre-commit).',
  usage: 'check [--model-only]',
  options: {
    'model-only': { type: 'boolean', description: 'check only the committed model, not the rendered outputs' },
  },
  async run({ paths, values, out }) {
    const plan = await planBuild(paths, outputKinds);
    const model = await modelChanges(paths.root, paths.model, plan.frameworks);
    const problems = model.stale.map((name) => `stale model: output/model/${name} differs from a fresh ingest of the sources`);
    if (!values['model-only']) {
      const manifest = await readManifest(join(paths.output, MANIFEST_FILE), GENERATOR);
      for (const { job, reason } of await staleOutputs(paths.output, plan.jobs, manifest)) {
        problems.push(`stale output: output/${job.path} (${reason})`);
      }
      const planned = new Set(plan.jobs.map((j) => j.path));
      for (const path of Object.keys(manifest.outputs)) {
        if (!planned.has(path)) problems.push(`stale output: output/${path} is no longer produced`);
      }
    }
    for (const p of problems) out(p);
    if (problems.length > 0) {
      out(`${problems.length} stale; run \`npm run build\` and commit output/model`);
      return EXIT.findings;
    }
    out('up to date');
    return EXIT.ok;
  },
};
