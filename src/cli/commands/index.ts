import type { Command } from '../command';
import { ingestCommand } from './ingest';

/** Every command, in the order `gradepack --help` lists them. */
export const commands: Command[] = [ingestCommand];
