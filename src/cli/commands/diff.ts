import { EXIT, type Command } from '../command';

export const diffCommand: Command = {
  name: 'diff',
  summary: 'Print, as Markdown, the indicators added, removed and reworded between two model files.',
  usage: 'diff <a.json> <b.json> [--title <text>] [--exit-code]',
  options: {
    title: { type: 'string', description: 'the report heading' },
    'exit-code': { type: 'boolean', description: 'exit 1 when the models differ' },
  },
  positionals: { min: 2, max: 2 },
  async run({ positionals, values, out }) {
    const [{ diffFrameworks, diffIsEmpty, formatDiffMarkdown }, { readModel }] = await Promise.all([import('../../model/diff'), import('../../model/io')]);
    const [a, b] = await Promise.all(positionals.map((file) => readModel(file)));
    const diff = diffFrameworks(a!, b!);
    const title = typeof values.title === 'string' ? values.title : `Changes from ${a!.id} (${a!.edition}) to ${b!.id} (${b!.edition})`;
    out(formatDiffMarkdown([diff], title));
    return values['exit-code'] && !diffIsEmpty(diff) ? EXIT.findings : EXIT.ok;
  },
};
