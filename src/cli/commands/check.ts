import { EXIT, type Command } from '../command';

export const checkCommand: Command = {
  name: 'check',
  summary: 'Exit 1 when the committed model or any output is stale against the sources, templates and code (for CI and pre-commit).',
  usage: 'check [--model-only]',
  options: {
    'model-only': { type: 'boolean', description: 'check only the committed model, not the rendered outputs' },
  },
  async run({ paths, values, out }) {
    const [{ planBuild, staleOutputs }, { modelStaleness }, { outputKinds }, { GENERATOR, MANIFEST_FILE, readManifest }, { join }] = await Promise.all([
      import('../../pipeline/plan-build'),
      import('../../pipeline/model-changes'),
      import('../../pipeline/kinds'),
      import('../../pipeline/manifest'),
      import('node:path'),
    ]);
    const { interruptedCommit } = await import('../../pipeline/commit');
    if (await interruptedCommit(paths.output)) {
      out('stale output: output/ holds the unfinished commit of a build that was stopped');
      out('run `npm run build`: it finishes or discards that commit, then builds.');
      return EXIT.findings;
    }
    const plan = await planBuild(paths, outputKinds);
    const staleModels = await modelStaleness(paths.model, plan.ingested);
    for (const name of staleModels) out(`stale model: output/model/${name} differs from a fresh ingest of the sources`);
    const staleFiles: string[] = [];
    if (!values['model-only']) {
      const manifest = await readManifest(join(paths.output, MANIFEST_FILE), GENERATOR);
      for (const { job, reason } of await staleOutputs(paths.output, plan.jobs, manifest)) staleFiles.push(`stale output: output/${job.path} (${reason})`);
      const planned = new Set(plan.jobs.map((j) => j.path));
      for (const path of Object.keys(manifest.outputs)) if (!planned.has(path)) staleFiles.push(`stale output: output/${path} is no longer produced`);
      // Campaigns: one line each, as a campaign can have tens of thousands of outputs.
      const { campaignStaleness, projectCampaignFiles } = await import('../../pipeline/campaign');
      for (const file of await projectCampaignFiles(paths)) {
        const c = await campaignStaleness(paths, file);
        if (c.stale.length + c.gone.length > 0) {
          const first = [...c.stale, ...c.gone].slice(0, 3).join(', ');
          staleFiles.push(
            `stale output: ${c.folder}: ${c.stale.length} of ${c.total} outputs to render, ${c.gone.length} to remove (${first}${c.stale.length + c.gone.length > 3 ? ', ...' : ''})`,
          );
        }
      }
      for (const line of staleFiles) out(line);
    }
    if (staleModels.length > 0) {
      out(
        `${staleModels.length} model file${staleModels.length === 1 ? '' : 's'} stale: run \`npm run build\` (or \`gradepack ingest\`), review output/CHANGES.md, then commit output/model.`,
      );
    }
    if (staleFiles.length > 0)
      out(`${staleFiles.length} output${staleFiles.length === 1 ? '' : 's'} stale: run \`npm run build\` (outputs are build artefacts; nothing to commit).`);
    if (staleModels.length + staleFiles.length > 0) return EXIT.findings;
    out('up to date');
    return EXIT.ok;
  },
};
