import { EXIT, type Command } from '../command';

export const diffCommand: Command = {
  name: 'diff',
  summary: 'Print, as Markdown, what changed in meaning between two model files (indicators removed, added, reworded), and how many were only restyled.',
  usage: 'diff <a.json> <b.json> [--restyled] [--title <text>] [--exit-code]',
  options: {
    restyled: { type: 'boolean', description: 'also list the indicators only restyled (same words; capitals, punctuation or quotes differ)' },
    title: { type: 'string', description: 'the report heading' },
    'exit-code': { type: 'boolean', description: 'exit 1 when the models differ' },
  },
  positionals: { min: 2, max: 2 },
  async run({ positionals, values, out }) {
    const [{ diffFrameworks, diffIsEmpty, formatDiffMarkdown }, { readModel }] = await Promise.all([import('../../model/diff'), import('../../model/io')]);
    const [a, b] = await Promise.all(positionals.map((file) => readModel(file)));
    const diff = diffFrameworks(a!, b!);
    const title = typeof values.title === 'string' ? values.title : `Changes from ${a!.id} (${a!.edition}) to ${b!.id} (${b!.edition})`;
    out(formatDiffMarkdown([diff], title, values.restyled ? 'list' : 'count'));
    return values['exit-code'] && !diffIsEmpty(diff) ? EXIT.findings : EXIT.ok;
  },
};
