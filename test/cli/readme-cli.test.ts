import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands';
import { ROOT } from '../helpers/ingest';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const SECTION = README.slice(README.indexOf('## The command line'), README.indexOf('## Layout'));
const ROWS = SECTION.split('\n').filter((l) => l.startsWith('| `'));

describe("README's command line section", () => {
  it('has a row for every command, and for help', () => {
    const named = ROWS.map((row) => /^\| `([a-z]+)/.exec(row)?.[1]);
    for (const name of [...commands.map((c) => c.name), 'help']) expect(named, name).toContain(name);
  });

  it("names every command's options in its row", () => {
    for (const command of commands) {
      const rows = ROWS.filter((row) => row.startsWith(`| \`${command.name}`)).join('\n');
      for (const option of Object.keys(command.options)) expect(rows, `${command.name} --${option}`).toContain(`--${option}`);
    }
  });

  it('names the options every command takes', () => {
    for (const option of ['--help', '--version', '--root', '--quiet']) expect(SECTION).toContain(option);
  });
});
