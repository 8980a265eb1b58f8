import { parseArgs } from 'node:util';
import { projectPaths } from '../pipeline/paths';
import { isGradepackError } from '../model/errors';
import { printable } from '../model/text';
import { EXIT, type Command } from './command';
import { commands } from './commands';
import { createReporter } from './reporter';

const GLOBAL_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  root: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
} as const;

function mainHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'gradepack: Civil Service competency frameworks, from published sources to grade packs.',
    '',
    'Usage: gradepack <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options everywhere:',
    '  -h, --help     show help for a command',
    '  --root <dir>   the project folder (default: the current folder)',
    '  -q, --quiet    no progress output',
    '',
    'Exit codes: 0 ok, 1 findings (validation errors, stale outputs), 2 usage error, 3 bad input or failure.',
  ].join('\n');
}

function commandHelp(command: Command): string {
  const lines = Object.entries(command.options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ' <value>' : ''}`;
    return `  ${flag.padEnd(28)}${(o as { description?: string }).description ?? ''}`;
  });
  return [
    `Usage: gradepack ${command.usage}`,
    '',
    command.summary,
    '',
    'Options:',
    ...lines,
    '  -h, --help'.padEnd(30) + 'show this help',
    '  --root <dir>'.padEnd(30) + 'the project folder',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${mainHelp()}\n`);
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`error UsageError: unknown command "${printable(name)}".\n  hint: run gradepack --help for the list.\n`);
    return EXIT.usage;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    const options = Object.fromEntries(
      Object.entries({ ...GLOBAL_OPTIONS, ...command.options }).map(([k, v]) => {
        const { description: _d, ...rest } = v as { description?: string };
        return [k, rest];
      }),
    );
    parsed = parseArgs({ args: rest, options: options as never, allowPositionals: true, strict: true });
  } catch (e) {
    process.stderr.write(`error UsageError: ${printable((e as Error).message)}\n  hint: gradepack ${command.name} --help\n`);
    return EXIT.usage;
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) {
    process.stdout.write(`${commandHelp(command)}\n`);
    return EXIT.ok;
  }
  const { min, max } = command.positionals ?? { min: 0, max: 0 };
  if (parsed.positionals.length < min || parsed.positionals.length > max) {
    process.stderr.write(`error UsageError: expected ${min === max ? min : `${min} to ${max}`} arguments.\n  usage: gradepack ${command.usage}\n`);
    return EXIT.usage;
  }
  const reporter = createReporter(process.stderr, Boolean(values.quiet));
  try {
    return await command.run({
      paths: projectPaths(typeof values.root === 'string' ? values.root : process.cwd()),
      values,
      positionals: parsed.positionals,
      reporter,
      out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    });
  } catch (e) {
    reporter.done();
    if (isGradepackError(e)) {
      process.stderr.write(`${e.format()}\n`);
      return e.code === 'UsageError' ? EXIT.usage : EXIT.failure;
    }
    // Not a failure a user can cause: a bug. One named line; the stack only when asked for.
    const error = e as Error;
    const detail = process.env.GRADEPACK_DEBUG ? `\n${error.stack ?? String(e)}` : '';
    process.stderr.write(
      `error InternalError: gradepack failed unexpectedly: ${printable(error.message ?? String(e))}\n  hint: this is a bug in gradepack; run again with GRADEPACK_DEBUG=1 for the details, and report them.${detail}\n`,
    );
    return EXIT.failure;
  }
}

const isEntry = process.argv[1] && /main\.ts$|gradepack(\.mjs)?$/.test(process.argv[1]);
if (isEntry) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
