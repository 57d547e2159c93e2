#!/usr/bin/env node
import '../config/heap-tuning.js';
import { Command } from 'commander';
import { registerCommands } from './commands/index.js';
import { CliError } from './errors.js';

const program = new Command();
program
  .name('marsad')
  .description('Escalation and ceasefire monitor: news reports to geolocated, evidenced events')
  .version('0.1.0')
  .showHelpAfterError();

registerCommands(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof CliError) {
    process.stderr.write(`marsad: ${err.message}\n`);
    process.exit(err.exitCode);
  }
  process.stderr.write(`marsad: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
