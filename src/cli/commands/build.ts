import { EXIT, listOption, type Command } from '../command';
import { campaignLine, hooksOf } from './campaign';

export const buildCommand: Command = {
  name: 'build',
  summary: 'Ingest, validate and render every output that changed (incremental; output/manifest.json records inputs).',
  usage: 'build [--framework <ids>] [--grade <ids>] [--format <names>]',
  options: {
    framework: { type: 'string', description: 'only these frameworks (comma-separated ids)' },
    grade: { type: 'string', description: 'only these grades or proficiency levels (comma-separated)' },
    format: { type: 'string', description: 'only these formats: html, pdf, docx, pack, reference, template, form, export, case, csv, xlsx (comma-separated)' },
  },
  async run({ paths, values, reporter, out }) {
    const [{ runBuild }, { outputKinds }, { countFindings }] = await Promise.all([
      import('../../pipeline/build'),
      import('../../pipeline/kinds'),
      import('../../model/diagnostic'),
    ]);
    const started = performance.now();
    const summary = await runBuild({
      paths,
      kinds: outputKinds,
      validate: true,
      selection: { frameworks: listOption(values.framework), grades: listOption(values.grade), formats: listOption(values.format) },
      hooks: { step: (m) => reporter.step(m), progress: (d, t, l) => reporter.progress(d, t, l) },
    });
    reporter.done();
    out(
      `built: ${summary.rendered.length} rendered, ${summary.unchanged.length} unchanged, ${summary.removed.length} removed; ` +
        `models written: ${summary.modelsWritten.length ? summary.modelsWritten.join(', ') : 'none'}; ` +
        `validation: ${countFindings(summary.diagnostics)}; ${(performance.now() - started).toFixed(0)} ms`,
    );
    // The project's recruitment campaigns (campaigns/*.yaml), when the whole build was asked for.
    if (!values.framework && !values.grade && !values.format) {
      const { buildCampaign, projectCampaignFiles } = await import('../../pipeline/campaign');
      for (const file of await projectCampaignFiles(paths)) out(campaignLine(await buildCampaign({ paths, file, hooks: hooksOf(reporter) })));
    }
    return EXIT.ok;
  },
};
