import { parseArgs } from 'node:util';
import { gradepackVersion, projectPaths } from '../pipeline/paths';
import { closest } from '../model/closest';
import { type ErrorName, isGradepackError } from '../model/errors';
import { printable } from '../model/text';
import { EXIT, type Command, type CommandOption } from './command';
import { commands } from './commands';
import { createReporter } from './reporter';

/** Options every command takes, before or after the command's name. */
const GLOBAL_OPTIONS: Record<string, Omit<CommandOption, 'description'>> = {
  help: { type: 'boolean', short: 'h' },
  root: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  version: { type: 'boolean' },
};

/**
 * Errors about a name the command line gave (`--framework nope`, `--grade g9`): usage errors,
 * exit 2. The same errors about a name in a file (a campaign's grade) are bad input, exit 3.
 */
const COMMAND_LINE_ERRORS: ErrorName[] = ['UsageError', 'UnknownFramework', 'UnknownGrade', 'UnknownFormat'];

function mainHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length), 'help'.length);
  return [
    'gradepack: Civil Service competency frameworks, from published sources to grade packs.',
    '',
    'Usage: gradepack <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    `  ${'help'.padEnd(width)}  Show this help, or a command's: gradepack help <command>.`,
    '',
    'Options everywhere (before or after the command):',
    '  -h, --help     show help for a command',
    '  --root <dir>   the project folder (default: the current folder)',
    '  -q, --quiet    no progress output',
    '  --version      print the version of gradepack',
    '',
    'Grades, levels and framework ids are read in any case: --grade EO, --grade "Grade 7".',
    'Exit codes: 0 ok, 1 findings (validation errors, stale outputs), 2 usage error, 3 bad input or failure.',
  ].join('\n');
}

function commandHelp(command: Command): string {
  const lines = Object.entries(command.options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ' <value>' : ''}`;
    return `  ${flag.padEnd(28)}${o.description}`;
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
    '  -q, --quiet'.padEnd(30) + 'no progress output',
  ].join('\n');
}

class UsageProblem extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

const didYouMean = (written: string, known: string[]) => {
  const near = closest(written, known);
  return near ? `; did you mean ${near}?` : '.';
};

/**
 * The command's name and its arguments, with the global options written before the name moved
 * after it: `gradepack --root x build` is `gradepack build --root x`.
 */
function splitCommandLine(argv: string[]): { name: string | undefined; args: string[] } {
  const before: string[] = [];
  let i = 0;
  for (; i < argv.length && argv[i]!.startsWith('-') && argv[i] !== '--'; i++) {
    const arg = argv[i]!;
    const option = Object.entries(GLOBAL_OPTIONS).find(
      ([name, o]) => arg === `--${name}` || (o.short && arg === `-${o.short}`) || arg.startsWith(`--${name}=`),
    );
    if (!option) {
      const names = [...Object.entries(GLOBAL_OPTIONS), ...commands.flatMap((c) => Object.entries(c.options))].flatMap(([name, o]) => [
        `--${name}`,
        ...(o.short ? [`-${o.short}`] : []),
      ]);
      throw new UsageProblem(
        `unknown option ${arg} before the command${didYouMean(arg.split('=')[0]!, names)}`,
        "a command's own options go after its name: gradepack <command> [options]; gradepack --help lists the commands.",
      );
    }
    before.push(arg);
    if (option[1].type === 'string' && !arg.includes('=')) {
      if (i + 1 >= argv.length) throw new UsageProblem(`option ${arg} needs a value.`, 'e.g. gradepack --root <folder> check');
      before.push(argv[++i]!);
    }
  }
  return { name: argv[i], args: [...before, ...argv.slice(i + 1)] };
}

function findCommand(name: string): Command {
  const command = commands.find((c) => c.name === name.toLowerCase());
  if (!command) {
    throw new UsageProblem(
      `unknown command "${name}"${didYouMean(
        name,
        commands.map((c) => c.name),
      )}`,
      'run gradepack --help for the list.',
    );
  }
  return command;
}

/** Options parsed, with a "did you mean" for a misspelt one (`--grades` is `--grade`). */
function parseCommandLine(command: Command, args: string[]): ReturnType<typeof parseArgs> {
  // parseArgs takes no description, and no key set to undefined.
  const options = Object.fromEntries(
    Object.entries({ ...GLOBAL_OPTIONS, ...command.options }).map(([name, { type, short, multiple }]) => [
      name,
      { type, ...(short ? { short } : {}), ...(multiple ? { multiple } : {}) },
    ]),
  );
  const loose = parseArgs({ args, options: options as never, allowPositionals: true, strict: false, tokens: true });
  for (const token of loose.tokens ?? []) {
    if (token.kind === 'option' && !Object.hasOwn(options, token.name)) {
      const names = Object.entries(options).flatMap(([name, o]) => [`--${name}`, ...(o.short ? [`-${o.short}`] : [])]);
      throw new UsageProblem(`unknown option ${token.rawName} for ${command.name}${didYouMean(token.rawName, names)}`, `gradepack help ${command.name}`);
    }
  }
  try {
    return parseArgs({ args, options: options as never, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageProblem((e as Error).message, `gradepack help ${command.name}`);
  }
}

export async function main(argv: string[]): Promise<number> {
  let command: Command;
  let parsed: ReturnType<typeof parseArgs>;
  try {
    const { name, args } = splitCommandLine(argv);
    if (name === undefined || name === 'help') {
      const global = parseArgs({ args, options: GLOBAL_OPTIONS as never, allowPositionals: true, strict: false });
      const asked = global.values as Record<string, unknown>;
      if (name === undefined && asked.version) {
        process.stdout.write(`gradepack ${gradepackVersion()}\n`);
        return EXIT.ok;
      }
      const topic = global.positionals[0];
      process.stdout.write(`${topic ? commandHelp(findCommand(topic)) : mainHelp()}\n`);
      // `gradepack` alone is a usage error that shows the help; `gradepack help` asked for it.
      return name === undefined && !asked.help ? EXIT.usage : EXIT.ok;
    }
    command = findCommand(name);
    parsed = parseCommandLine(command, args);
  } catch (e) {
    if (!(e instanceof UsageProblem)) throw e;
    process.stderr.write(`error UsageError: ${printable(e.message)}\n  hint: ${printable(e.hint)}\n`);
    return EXIT.usage;
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.version) {
    process.stdout.write(`gradepack ${gradepackVersion()}\n`);
    return EXIT.ok;
  }
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
      return COMMAND_LINE_ERRORS.includes(e.code) && !e.location.file ? EXIT.usage : EXIT.failure;
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
