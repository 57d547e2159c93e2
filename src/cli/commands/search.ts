import type { Command } from 'commander';
import type { DocumentSummary, Incident, Page, StoredEvent } from '../../store/types.js';
import { CliError } from '../errors.js';
import { parseChoice, parsePositiveInt } from '../options.js';
import { addFilterOptions, STORE_OPTION_HELP, type FilterOptions } from '../store-options.js';

interface SearchOptions extends FilterOptions {
  incidents?: boolean;
  documents?: boolean;
  scope?: 'event' | 'document';
  limit: number;
  cursor?: string;
  format: 'jsonl' | 'table';
  store?: string;
}

const MAX_LIMIT = 5000;

export function registerSearchCommand(program: Command): void {
  const cmd = program
    .command('search')
    .description('find stored events (or incidents, or documents) by text, time, place, type, actor, source; ' +
      'one page at a time, newest first — the next page\'s cursor is printed on stderr')
    .argument('[text]', 'words that must all match, Arabic or English (hamza, taa marbuta, harakat and attached ' +
      'prefixes such as و ب ل ال do not matter)');
  addFilterOptions(cmd, { grade: true })
    .option('--incidents', 'list incidents instead of events')
    .option('--documents', 'list documents whose title or text matches [text] (no other filter applies)')
    .option('--scope <event|document>', 'where [text] is looked for in event search: the event\'s evidence and names, ' +
      'or its whole document', parseChoice(['event', 'document'] as const))
    .option('--exclude-duplicates', 'leave out events of documents linked as near-copies of another')
    .option('--limit <n>', `items per page (1-${MAX_LIMIT})`, parsePositiveInt, 20)
    .option('--cursor <cursor>', 'continue after the page that printed this cursor')
    .option('--format <jsonl|table>', 'output: JSON lines, or a table for reading', parseChoice(['jsonl', 'table'] as const), 'table')
    .option('--store <path|url>', STORE_OPTION_HELP)
    .action(async (text: string | undefined, opts: SearchOptions) => runSearch(text, opts));
}

function checkCombination(text: string | undefined, o: SearchOptions): void {
  if (o.limit > MAX_LIMIT) throw new CliError(`--limit ${o.limit}: at most ${MAX_LIMIT} items per page (use --cursor for more)`);
  if (o.incidents && o.documents) throw new CliError('--incidents and --documents cannot be combined');
  if (o.grade !== undefined && !o.incidents) throw new CliError('--grade applies to incidents: add --incidents');
  if (o.scope !== undefined && (o.incidents || o.documents)) throw new CliError('--scope applies to event search only');
  if (o.scope !== undefined && (text === undefined || text.trim() === '')) throw new CliError('--scope needs search [text]');
  if (o.excludeDuplicates && (o.incidents || o.documents)) throw new CliError('--exclude-duplicates applies to event search only');
  if (o.documents) {
    if (text === undefined || text.trim() === '') throw new CliError('--documents needs search [text]');
    const filters = ['from', 'to', 'bbox', 'type', 'subType', 'actor', 'admin1', 'admin2', 'source'] as const;
    const used = filters.filter((k) => o[k] !== undefined);
    if (used.length > 0) throw new CliError(`--documents searches text only; remove --${used.map(dashed).join(', --')}`);
  }
}

function dashed(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

async function runSearch(text: string | undefined, opts: SearchOptions): Promise<void> {
  checkCombination(text, opts);
  const { openStoreForCli, cliStoreError, eventFilterOf, incidentFilterOf } = await import('../store-options.js');
  const page = { limit: opts.limit, cursor: opts.cursor ?? null };
  const store = await openStoreForCli(opts.store);
  try {
    if (opts.incidents) {
      print(await store.listIncidents(incidentFilterOf(opts, text), page), opts.format, incidentRow, INCIDENT_HEADER);
    } else if (opts.documents) {
      print(await store.searchDocuments(text!, page), opts.format, documentRow, DOCUMENT_HEADER);
    } else {
      const filter = eventFilterOf(opts, text);
      if (opts.scope !== undefined) filter.text_scope = opts.scope;
      print(await store.listEvents(filter, page), opts.format, eventRow, EVENT_HEADER);
    }
  } catch (err) {
    cliStoreError(err);
  } finally {
    await store.close();
  }
}

type Row = (string | number | null)[];

function print<T>(page: Page<T>, format: 'jsonl' | 'table', row: (item: T) => Row, header: Row): void {
  if (format === 'jsonl') {
    for (const item of page.items) process.stdout.write(JSON.stringify(item) + '\n');
  } else {
    process.stdout.write(table([header, ...page.items.map(row)]));
  }
  // stderr, so that stdout stays the items alone (JSON lines can be piped as they are).
  process.stderr.write(page.next === null
    ? `${page.items.length} item${page.items.length === 1 ? '' : 's'}; last page\n`
    : `${page.items.length} items; next page: --cursor ${page.next}\n`);
}

const EVENT_HEADER: Row = ['date', 'sub-event type', 'location', 'admin1', 'actor1', 'actor2', 'killed', 'source', 'id'];
const INCIDENT_HEADER: Row = ['date', 'sub-event type', 'grade', 'location', 'admin1', 'killed', 'events', 'sources', 'id'];
const DOCUMENT_HEADER: Row = ['published', 'source', 'language', 'title', 'duplicate of', 'id'];

function dateText(d: { start: string; end: string } | null): string {
  if (d === null) return '';
  return d.start === d.end ? d.start : `${d.start}..${d.end}`;
}

function eventRow(s: StoredEvent): Row {
  const e = s.event;
  return [dateText(e.date), e.sub_event_type, e.location?.name ?? '', e.location?.admin1 ?? '', e.actor1?.id ?? '',
    e.actor2?.id ?? '', e.fatalities, s.source ?? '', e.id];
}

function incidentRow(i: Incident): Row {
  const sources = new Set(i.members.map((m) => m.source ?? '?'));
  return [dateText(i.date), i.sub_event_type, i.grade, i.location?.name ?? '', i.location?.admin1 ?? '', i.fatalities,
    i.members.length, [...sources].join('; '), i.id];
}

function documentRow(d: DocumentSummary): Row {
  return [d.doc.published ?? '', d.doc.source ?? '', d.doc.language, d.doc.title ?? '', d.duplicate_of ?? '', d.doc.id];
}

const MAX_CELL = 40;

function cell(v: string | number | null): string {
  const s = v === null ? '' : String(v).replace(/\s+/g, ' ');
  return s.length > MAX_CELL ? `${s.slice(0, MAX_CELL - 1)}…` : s;
}

/** Plain columns padded to their widest cell (Arabic cells read right to left inside their column). */
function table(rows: Row[]): string {
  const cells = rows.map((r) => r.map(cell));
  const widths = cells[0]!.map((_, c) => Math.max(...cells.map((r) => r[c]!.length)));
  return cells.map((r) => r.map((v, c) => (c === r.length - 1 ? v : v.padEnd(widths[c]!))).join('  ').trimEnd()).join('\n') + '\n';
}
