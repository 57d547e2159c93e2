import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { EventStore } from '../../store/store.js';
import type { MonitorReportSources } from '../../report/store-sources.js';
import { CliError } from '../errors.js';
import { parseChoice, parseIsoDate, parseLanguage } from '../options.js';

interface ReportOptions {
  date: string;
  agreement?: string;
  format: 'html' | 'pdf';
  lang: 'ar' | 'en' | 'und';
  out?: string;
  store?: string;
}

/** Monitor answers that may hold connections of their own, closed once the report is built. */
export type ReportMonitor = MonitorReportSources & { close?(): Promise<void> };

export interface ReportCommandDeps {
  /**
   * The agreements, violations, control, escalation and posts answers for the report, given the
   * open store and the --store spec it was opened from (undefined: $MARSAD_STORE or the default).
   * Default: none (incidents and sources only).
   */
  monitor?: (store: EventStore, storeSpec: string | undefined) => ReportMonitor | Promise<ReportMonitor>;
}

/** `marsad report --date D [--agreement A] --format html|pdf [--lang ar|en] [--out FILE]` */
export function registerReportCommand(program: Command, deps: ReportCommandDeps = {}): void {
  program
    .command('report')
    .description('the daily situation report: incidents by zone, violations, control, escalation chart, posts attacked, sources')
    .requiredOption('--date <YYYY-MM-DD>', 'the day reported on', parseIsoDate)
    .option('--agreement <id>', 'report against this agreement (its zones, rules and posts)')
    .option('--format <format>', 'html or pdf', parseChoice(['html', 'pdf'] as const), 'html')
    .option('--lang <lang>', 'ar (right to left) or en', parseLanguage, 'ar')
    .option('--out <file>', 'write here instead of standard output')
    .option('--store <spec>', 'the store: a SQLite file, sqlite:<path> or postgres://… (default: $MARSAD_STORE)')
    .action(async (opts: ReportOptions) => {
      if (opts.lang === 'und') throw new CliError('--lang must be ar or en');
      const lang = opts.lang;
      const { openStore } = await import('../../store/open-store.js');
      const report = await import('../../report/index.js');
      let store: EventStore | null = null;
      let monitor: ReportMonitor | null = null;
      let bytes: Buffer;
      try {
        // Fail before any work when the PDF cannot be made.
        if (opts.format === 'pdf' && report.findChromium() === null) throw new CliError(report.CHROMIUM_MISSING);
        store = await openStore(opts.store);
        monitor = deps.monitor ? await deps.monitor(store, opts.store) : report.NO_MONITOR;
        const data = await report.buildReportData(report.storeReportSources(store, monitor), opts.date, opts.agreement ?? null);
        bytes = await report.renderReport(data, opts.format, lang);
      } catch (err) {
        if (err instanceof report.ReportInputError || err instanceof report.ReportRenderError) throw new CliError(err.message);
        if (err instanceof Error && (err.name === 'StoreInputError' || err.name === 'StoreStateError')) throw new CliError(err.message);
        throw err;
      } finally {
        await monitor?.close?.();
        await store?.close();
      }
      if (opts.out) {
        try {
          writeFileSync(opts.out, bytes);
        } catch (err) {
          throw new CliError(`cannot write ${opts.out}: ${(err as Error).message}`);
        }
        process.stderr.write(`marsad: wrote ${opts.format.toUpperCase()} report for ${opts.date} to ${opts.out} (${bytes.length} bytes)\n`);
      } else {
        process.stdout.write(bytes);
      }
    });
}
