import type { Command } from 'commander';
import type { Language } from '../../model/document.js';
import { CliError } from '../errors.js';
import { parseChoice, parseIsoDate, parseLanguage } from '../options.js';

interface ExtractOptions {
  published?: string;
  lang?: Language;
  gazetteer?: string;
  actors?: string[];
  format: 'jsonl' | 'pretty';
  progress?: boolean;
}

/** Output is written in chunks of about this many characters (see the action). */
const OUTPUT_BATCH_CHARS = 1 << 16;

export function registerExtractCommand(program: Command): void {
  program
    .command('extract')
    .description('read documents (file, folder or - for stdin) and write one JSON line per document: {doc, events}')
    .argument('<input>', '.txt/.html/.json/.jsonl file (or .gz of one), a folder, or - for stdin')
    .option('--published <YYYY-MM-DD>', 'publication date for documents that carry none', parseIsoDate)
    .option('--lang <ar|en>', 'language of the documents (default: detected)', parseLanguage)
    .option('--gazetteer <dir>', 'gazetteer index folder (default: $MARSAD_HOME/gazetteer)')
    .option('--actors <file...>', 'extra actor catalogue files (YAML) extending the built-in one')
    .option('--format <jsonl|pretty>', 'output format', parseChoice(['jsonl', 'pretty'] as const), 'jsonl')
    .option('--no-progress', 'no progress bar on stderr')
    .action(async (input: string, opts: ExtractOptions) => {
      // Loaded here, not at start-up: `marsad --help` and other commands need none of it.
      const [{ readInputs }, { processDocument }, { loadResourcesForCli }] = await Promise.all([
        import('../../ingest/read-inputs.js'),
        import('../../pipeline.js'),
        import('../load-resources.js'),
      ]);
      const res = loadResourcesForCli({
        ...(opts.gazetteer ? { gazetteerDir: opts.gazetteer } : {}),
        ...(opts.actors ? { actorFiles: opts.actors } : {}),
      });
      const cliProgress = opts.progress !== false && process.stderr.isTTY && input !== '-' ? (await import('cli-progress')).default : null;
      const bar =
        cliProgress
          ? new cliProgress.SingleBar(
              { format: 'extract {value} docs | {events} events | {errors} errors | {duration}s', stream: process.stderr },
              cliProgress.Presets.shades_classic,
            )
          : null;
      bar?.start(0, 0, { events: 0, errors: 0 });
      let errors = 0;
      let docs = 0;
      let eventCount = 0;
      // Lines are written in batches, one write call per ~64 KB rather than per document (each
      // is a system call on a pipe or file). From stdin, documents may trickle in, so each one's
      // line goes out at once.
      const batchChars = input === '-' ? 0 : OUTPUT_BATCH_CHARS;
      let pending = '';
      const flush = async (): Promise<void> => {
        const chunk = pending;
        pending = '';
        if (chunk.length > 0 && !process.stdout.write(chunk)) await new Promise((r) => process.stdout.once('drain', r));
      };
      try {
        for await (const item of readInputs(input)) {
          if (item.kind === 'error') {
            errors++;
            bar?.update(docs, { events: eventCount, errors });
            process.stderr.write(`${bar ? '\n' : ''}marsad: ${item.input}: ${item.message}\n`);
            continue;
          }
          const out = processDocument(item.doc, res, { published: opts.published ?? null, lang: opts.lang ?? null });
          docs++;
          eventCount += out.events.length;
          const record = { doc: out.doc, events: out.events };
          const line = opts.format === 'pretty' ? JSON.stringify(record, null, 2) : JSON.stringify(record);
          pending += line + '\n';
          if (pending.length >= batchChars) await flush();
          bar?.setTotal(docs);
          bar?.update(docs, { events: eventCount, errors });
        }
      } finally {
        // What was processed before a failure is still written.
        await flush();
      }
      bar?.stop();
      if (docs === 0 && errors > 0) throw new CliError(`no document could be read from ${input}`, 1);
      if (errors > 0) process.exitCode = 1;
    });
}
