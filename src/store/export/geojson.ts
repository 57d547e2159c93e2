import type { Writable } from 'node:stream';
import type { StoredEvent } from '../types.js';
import { Sink, type ExportResult } from './sink.js';

/**
 * A GeoJSON FeatureCollection written feature by feature. Properties carry the whole event (so
 * nothing is lost) plus its source; events without a location cannot be mapped and are skipped.
 */
export async function writeGeojson(events: AsyncIterable<StoredEvent>, out: Writable): Promise<ExportResult> {
  const sink = new Sink(out);
  let written = 0;
  let skipped = 0;
  await sink.write('{"type":"FeatureCollection","features":[');
  for await (const se of events) {
    const loc = se.event.location;
    if (loc === null) {
      skipped++;
      continue;
    }
    const feature = {
      type: 'Feature',
      id: se.event.id,
      geometry: { type: 'Point', coordinates: [loc.lon, loc.lat] },
      properties: { ...se.event, source: se.source, url: se.url },
    };
    await sink.write((written === 0 ? '\n' : ',\n') + JSON.stringify(feature));
    written++;
  }
  await sink.write('\n]}\n');
  await sink.flush();
  return { written, skipped };
}
