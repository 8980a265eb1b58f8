import type { ProjectPaths } from '../pipeline/paths';
import type { Reporter } from './reporter';

export const EXIT = {
  ok: 0,
  /** The command ran and found problems: validation errors, stale outputs, differences. */
  findings: 1,
  usage: 2,
  /** Bad input or a failure: missing or corrupt source, template error, no browser. */
  failure: 3,
} as const;

export interface CommandContext {
  paths: ProjectPaths;
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
  reporter: Reporter;
  out: (text: string) => void;
}

export interface CommandOption {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  description: string;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: Record<string, CommandOption>;
  positionals?: { min: number; max: number };
  run(context: CommandContext): Promise<number>;
}

/** A comma-separated option as a list: "--grade eo,heo" -> ["eo", "heo"]. */
export const listOption = (value: unknown): string[] | undefined =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;
