import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import type { ExportFormat } from '../../store/export/index.js';
import { CliError } from '../errors.js';
import { parseChoice } from '../options.js';
import { addFilterOptions, STORE_OPTION_HELP, type FilterOptions } from '../store-options.js';

// Spelled out so that registering the command loads none of the export code.
const EXPORT_FORMATS = ['jsonl', 'acled-csv', 'geojson'] as const satisfies readonly ExportFormat[];

interface ExportOptions extends FilterOptions {
  format: ExportFormat;
  out?: string;
  text?: string;
  bom?: boolean;
  store?: string;
}

export function registerExportCommand(program: Command): void {
  const cmd = program
    .command('export')
    .description('write the stored events matching the filters as JSON lines (the event format), ACLED-column CSV ' +
      'or GeoJSON (located events only)')
    .requiredOption('--format <format>', `one of ${EXPORT_FORMATS.join(', ')}`, parseChoice(EXPORT_FORMATS));
  addFilterOptions(cmd, { grade: false })
    .option('--text <words>', 'only events whose evidence or names match these words (Arabic or English)')
    .option('--exclude-duplicates', 'leave out events of documents linked as near-copies of another')
    .option('--out <file>', 'write to this file (default: standard output)')
    .option('--bom', 'acled-csv: start with a UTF-8 byte-order mark (for spreadsheet programs)')
    .option('--store <path|url>', STORE_OPTION_HELP)
    .action(async (opts: ExportOptions) => runExport(opts));
}

async function runExport(opts: ExportOptions): Promise<void> {
  if (opts.bom && opts.format !== 'acled-csv') throw new CliError('--bom applies to --format acled-csv only');
  const [{ exportEvents }, { openStoreForCli, cliStoreError, eventFilterOf }] = await Promise.all([
    import('../../store/export/index.js'),
    import('../store-options.js'),
  ]);
  const filter = eventFilterOf(opts, opts.text);
  const store = await openStoreForCli(opts.store);
  // A file is written under a temporary name and renamed at the end: a failed export leaves no
  // truncated file behind that looks complete.
  const partial = opts.out !== undefined ? `${opts.out}.partial` : null;
  const out = partial !== null ? createWriteStream(partial) : process.stdout;
  try {
    if (partial !== null) await once(out, 'open');
    const r = await exportEvents(store, opts.format, out, filter, { bom: opts.bom === true });
    if (partial !== null) {
      out.end();
      await once(out, 'finish');
      renameSync(partial, opts.out!);
    }
    const skipped = r.skipped > 0 ? ` (${r.skipped} without a location left out)` : '';
    process.stderr.write(`exported ${r.written} event${r.written === 1 ? '' : 's'}${skipped}${opts.out ? ` to ${opts.out}` : ''}\n`);
  } catch (err) {
    if (partial !== null) {
      out.destroy();
      rmSync(partial, { force: true });
    }
    if (err instanceof Error && 'code' in err && typeof (err as NodeJS.ErrnoException).syscall === 'string') {
      throw new CliError(`cannot write ${opts.out ?? 'standard output'}: ${err.message}`);
    }
    cliStoreError(err);
  } finally {
    await store.close();
  }
}
