import type { Command } from 'commander';
import { registerBackupCommands } from './backup.js';
import { registerDataCommand } from './data.js';
import { registerEvalCommand } from './eval.js';
import { registerExportCommand } from './export.js';
import { registerExtractCommand } from './extract.js';
import { registerIngestCommand } from './ingest.js';
import { registerSearchCommand } from './search.js';

/** Every sub-command, in the order `marsad --help` lists them. */
export function registerCommands(program: Command): void {
  registerExtractCommand(program);
  registerIngestCommand(program);
  registerSearchCommand(program);
  registerExportCommand(program);
  registerBackupCommands(program);
  registerEvalCommand(program);
  registerDataCommand(program);
}
