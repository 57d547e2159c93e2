import { EVENT_TYPES, type MarsadEvent } from '../../src/model/event.js';

/**
 * What every extracted event must satisfy whatever the text: evidence inside the text and
 * quoting it, a real calendar date range, a point on the globe, sane counts. Returns the
 * problems (empty when none), each naming the event.
 */

function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function checkEvents(text: string, events: readonly MarsadEvent[], docId?: string): string[] {
  const out: string[] = [];
  const ids = new Set<string>();
  for (const e of events) {
    const bad = (m: string): void => void out.push(`event ${e.id}: ${m}`);
    if (ids.has(e.id)) bad('id appears twice');
    ids.add(e.id);
    if (docId !== undefined && e.doc_id !== docId) bad(`doc_id ${e.doc_id}, not ${docId}`);
    const subs = (EVENT_TYPES as Record<string, readonly string[]>)[e.event_type];
    if (!subs || !subs.includes(e.sub_event_type)) bad(`type ${e.event_type} / ${e.sub_event_type}`);
    if (e.evidence.length === 0) bad('no evidence');
    for (const s of e.evidence) {
      if (!(Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start < s.end && s.end <= text.length)) {
        bad(`evidence [${s.start}, ${s.end}) outside the text of ${text.length}`);
      } else if (text.slice(s.start, s.end) !== s.text) bad(`evidence text ${JSON.stringify(s.text)} is not the text at [${s.start}, ${s.end})`);
    }
    if (e.date !== null) {
      if (!isCalendarDate(e.date.start) || !isCalendarDate(e.date.end) || e.date.start > e.date.end) bad(`date ${JSON.stringify(e.date)}`);
      if (![1, 2, 3].includes(e.date.precision)) bad(`date precision ${e.date.precision}`);
    }
    if (e.location !== null) {
      const { lat, lon } = e.location;
      if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) bad(`location ${lat}, ${lon}`);
      if (![1, 2, 3].includes(e.location.geo_precision)) bad(`geo_precision ${e.location.geo_precision}`);
    }
    for (const [k, v] of [['fatalities', e.fatalities], ['injured', e.injured]] as const) {
      if (v !== null && !(Number.isInteger(v) && v >= 0)) bad(`${k} ${v}`);
    }
    if (!(e.confidence >= 0 && e.confidence <= 1)) bad(`confidence ${e.confidence}`);
  }
  return out;
}
