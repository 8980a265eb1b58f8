import { EXIT, type Command } from '../command';

/** Up to this many stale outputs are listed one a line; more are grouped by why they are stale. */
const LISTED = 12;

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
      out('outputs: next, run `gradepack build`: it finishes or discards that commit, then builds.');
      return EXIT.findings;
    }
    const plan = await planBuild(paths, outputKinds);
    const staleModels = await modelStaleness(paths.model, plan.ingested);
    for (const name of staleModels) out(`stale model: output/model/${name} differs from a fresh ingest of the sources`);
    const staleFiles: string[] = [];
    let staleCount = 0;
    if (!values['model-only']) {
      const manifest = await readManifest(join(paths.output, MANIFEST_FILE), GENERATOR);
      const { readOutputStats } = await import('../../pipeline/output-stats');
      const stale = await staleOutputs(paths.output, plan.jobs, manifest, await readOutputStats(paths.cache));
      staleCount += stale.length;
      if (Object.keys(manifest.outputs).length === 0 && stale.length > 0) {
        // Nothing was ever built here: one line, not one per output.
        staleFiles.push(`stale output: nothing is built yet (output/manifest.json lists no outputs): ${stale.length} outputs to make`);
      } else if (stale.length <= LISTED) {
        for (const { job, reason } of stale) staleFiles.push(`stale output: output/${job.path} (${reason})`);
      } else {
        // Many outputs stale for one reason (a new browser, a template edited): one line a reason.
        const byReason = new Map<string, string[]>();
        for (const { job, reason } of stale) byReason.set(reason, [...(byReason.get(reason) ?? []), job.path]);
        for (const [reason, outputs] of byReason) {
          const some = outputs.slice(0, 3).map((p) => `output/${p}`);
          staleFiles.push(
            `stale output: ${outputs.length === 1 ? some[0] : `${outputs.length} outputs (${some.join(', ')}${outputs.length > 3 ? ', ...' : ''})`}: ${reason}`,
          );
        }
      }
      const planned = new Set(plan.jobs.map((j) => j.path));
      for (const path of Object.keys(manifest.outputs)) {
        if (planned.has(path)) continue;
        staleFiles.push(`stale output: output/${path} is no longer produced`);
        staleCount++;
      }
      // Campaigns: one line each, as a campaign can have tens of thousands of outputs.
      const { campaignStaleness, projectCampaignFiles } = await import('../../pipeline/campaign');
      for (const file of await projectCampaignFiles(paths)) {
        const c = await campaignStaleness(paths, file);
        if (c.stale.length + c.gone.length > 0) {
          staleCount += c.stale.length + c.gone.length;
          const first = [...c.stale, ...c.gone].slice(0, 3).join(', ');
          staleFiles.push(
            `stale output: ${c.folder}: ${c.stale.length} of ${c.total} outputs to render, ${c.gone.length} to remove (${first}${c.stale.length + c.gone.length > 3 ? ', ...' : ''})`,
          );
        }
      }
      for (const line of staleFiles) out(line);
    }
    // The verdict: the model, then the outputs, each with what to do next.
    const files = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
    out(
      staleModels.length > 0
        ? `model: ${files(staleModels.length, 'file')} stale (${staleModels.join(', ')}). Next: run \`gradepack ingest\` to rewrite the model from the sources ` +
            '(or `gradepack build`, which also lists what changed in output/CHANGES.md), review the change, then commit output/model/.'
        : 'model: up to date (output/model/ matches the sources).',
    );
    if (values['model-only']) out('outputs: not checked (--model-only).');
    else if (staleFiles.length > 0)
      out(
        `outputs: ${staleCount} stale. Next: run \`gradepack build\` (outputs are build artefacts: nothing to commit)` +
          `${staleModels.length > 0 ? '; the same build rewrites the model' : ''}.`,
      );
    else out('outputs: up to date.');
    return staleModels.length + staleFiles.length > 0 ? EXIT.findings : EXIT.ok;
  },
};
