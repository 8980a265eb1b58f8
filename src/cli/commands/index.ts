import type { Command } from '../command';
import { buildCommand } from './build';
import { campaignCommand } from './campaign';
import { checkCommand } from './check';
import { diffCommand } from './diff';
import { ingestCommand } from './ingest';
import { listCommand } from './list';
import { validateCommand } from './validate';

/** Every command, in the order `gradepack --help` lists them. */
export const commands: Command[] = [listCommand, ingestCommand, validateCommand, buildCommand, campaignCommand, checkCommand, diffCommand];
