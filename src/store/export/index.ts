import type { Writable } from 'node:stream';
import { StoreInputError } from '../errors.js';
import { resolveEventFilter } from '../filter.js';
import { iterateEvents } from '../iterate.js';
import type { EventStore } from '../store.js';
import type { EventFilter } from '../types.js';
import { writeAcledCsv } from './acled-csv.js';
import { writeGeojson } from './geojson.js';
import { writeJsonl } from './jsonl.js';
import type { ExportResult } from './sink.js';

export const EXPORT_FORMATS = ['jsonl', 'acled-csv', 'geojson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  /** acled-csv: write a UTF-8 BOM. */
  bom?: boolean;
  /** Events fetched per page (memory bound). */
  batch?: number;
}

export function checkExportFormat(format: string): ExportFormat {
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new StoreInputError(`export format ${JSON.stringify(format)}: use one of ${EXPORT_FORMATS.join(', ')}`);
  }
  return format as ExportFormat;
}

/** Stream every event matching `filter` to `out` (which is left open: it may be stdout). */
export async function exportEvents(
  store: EventStore, format: ExportFormat, out: Writable, filter: EventFilter = {}, opts: ExportOptions = {},
): Promise<ExportResult> {
  const checked = checkExportFormat(format);
  // A bad filter fails here, before a header is written.
  resolveEventFilter(filter);
  const events = iterateEvents(store, filter, opts.batch ?? 1000);
  switch (checked) {
    case 'jsonl': return await writeJsonl(events, out);
    case 'acled-csv': return await writeAcledCsv(events, out, { bom: opts.bom ?? false });
    case 'geojson': return await writeGeojson(events, out);
  }
}

export { ACLED_COLUMNS, acledRow, acledNotes, acledDate, interaction } from './acled-csv.js';
export type { ExportResult } from './sink.js';
