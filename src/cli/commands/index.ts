import type { Command } from 'commander';
import { registerDataCommand } from './data.js';
import { registerEvalCommand } from './eval.js';
import { registerExtractCommand } from './extract.js';

/** Every sub-command, in the order `marsad --help` lists them. */
export function registerCommands(program: Command): void {
  registerExtractCommand(program);
  registerEvalCommand(program);
  registerDataCommand(program);
}
