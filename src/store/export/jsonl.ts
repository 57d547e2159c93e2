import type { Writable } from 'node:stream';
import type { StoredEvent } from '../types.js';
import { Sink, type ExportResult } from './sink.js';

/** One event a line, in the SPEC event format exactly as extracted. */
export async function writeJsonl(events: AsyncIterable<StoredEvent>, out: Writable): Promise<ExportResult> {
  const sink = new Sink(out);
  let written = 0;
  for await (const se of events) {
    await sink.write(JSON.stringify(se.event) + '\n');
    written++;
  }
  await sink.flush();
  return { written, skipped: 0 };
}
