import { resolve } from 'node:path';
import type { CampaignSummary } from '../../pipeline/campaign';
import { EXIT, type Command } from '../command';
import type { Reporter } from '../reporter';

export const campaignCommand: Command = {
  name: 'campaign',
  summary:
    'Build a recruitment campaign file into output/campaigns/<name>/: per vacancy a candidate pack, statement template, sift and interview forms (blank and per candidate) and a score sheet.',
  usage: 'campaign <file.yaml>',
  options: {},
  positionals: { min: 1, max: 1 },
  async run({ paths, positionals, reporter, out }) {
    const { buildCampaign } = await import('../../pipeline/campaign');
    out(campaignLine(await buildCampaign({ paths, file: resolve(positionals[0]!), hooks: hooksOf(reporter) })));
    return EXIT.ok;
  },
};

export function hooksOf(reporter: Reporter) {
  return { step: (m: string) => reporter.step(m), progress: (d: number, t: number, l: string) => reporter.progress(d, t, l) };
}

/** One line per campaign; counts only (never a candidate's name). */
export function campaignLine(s: CampaignSummary): string {
  return (
    `campaign ${s.name}: ${s.vacancies} vacancies, ${s.candidates} candidates; ${s.rendered} rendered (${s.candidateForms} candidate forms), ` +
    `${s.unchanged} unchanged, ${s.removed} removed; ${s.timings.total} ms`
  );
}
