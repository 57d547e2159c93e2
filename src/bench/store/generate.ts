import { createHash } from 'node:crypto';
import type { DocumentRecord } from '../../model/document.js';
import type { EventDate, MarsadEvent, SubEventType } from '../../model/event.js';
import { eventTypeOf } from '../../model/event.js';
import type { TextSpan } from '../../model/span.js';
import { eventActor, type ActorPools, type BenchActor } from './actors.js';
import { evidenceText, fillerSentence, titleText } from './arabic-text.js';
import { makeGeography, type Geography, type Hotspot } from './geography.js';
import { Rng, Weighted } from './random.js';
import { SUB_EVENT_CODES } from '../../store/sqlite/kinds.js';
import { LETHAL, ROLES, SUB_EVENT_DRAW, YEAR_DRAW, ploverOf } from './taxonomy.js';

/**
 * A stream of synthetic reports, one document at a time (memory stays flat whatever the size):
 * a report is about one area on one day and carries 1–10 events near it, with its text holding
 * each event's evidence sentence at the offsets the event cites.
 */
export interface GeneratedDoc {
  doc: DocumentRecord;
  text: string;
  events: MarsadEvent[];
}

const DAY_MS = 86_400_000;

export function dayOf(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

export function isoOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Events per report: most carry one to three, long round-ups up to ten (mean about 3). */
const EVENTS_PER_DOC = new Weighted<number>([[1, 30], [2, 20], [3, 14], [4, 10], [5, 8], [6, 6], [7, 4], [8, 3], [9, 3], [10, 2]]);

const SOURCES = new Weighted<string>([
  ['عنب بلدي', 8], ['تلفزيون سوريا', 8], ['شبكة شام', 6], ['نداء سوريا', 5], ['مدى بوست', 4], ['سانا', 6],
  ['الجزيرة نت', 4], ['العربي الجديد', 4], ['المدن', 3], ['نورث برس', 4], ['الوطن', 3], ['سوريا على طول', 2],
]);

/**
 * The searchable columns of every generated event, kept as typed arrays (about 26 bytes an
 * event) for the in-memory scan baseline and for knowing each query's true number of matches.
 */
export class EventColumns {
  n = 0;
  lon: Float64Array;
  lat: Float64Array;
  start: Int32Array;
  end: Int32Array;
  kind: Uint8Array;

  constructor(capacity: number) {
    this.lon = new Float64Array(capacity);
    this.lat = new Float64Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.kind = new Uint8Array(capacity);
  }

  push(e: MarsadEvent): void {
    if (this.n === this.lon.length) this.grow();
    const i = this.n++;
    this.lon[i] = e.location!.lon;
    this.lat[i] = e.location!.lat;
    this.start[i] = dayOf(e.date!.start);
    this.end[i] = dayOf(e.date!.end);
    this.kind[i] = SUB_EVENT_CODES[e.sub_event_type];
  }

  private grow(): void {
    const cap = Math.max(1024, this.lon.length * 2);
    const grow64 = (a: Float64Array): Float64Array => { const b = new Float64Array(cap); b.set(a); return b; };
    const grow32 = (a: Int32Array): Int32Array => { const b = new Int32Array(cap); b.set(a); return b; };
    this.lon = grow64(this.lon);
    this.lat = grow64(this.lat);
    this.start = grow32(this.start);
    this.end = grow32(this.end);
    const k = new Uint8Array(cap);
    k.set(this.kind);
    this.kind = k;
  }
}

function hexId(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 16);
}

export interface GeneratorOptions {
  seed: number;
  actors: ActorPools;
}

export class CorpusGenerator {
  readonly geography: Geography;
  private readonly rng: Rng;
  private docs = 0;
  private readonly civilians: BenchActor;
  private readonly protesters: BenchActor;
  private readonly rioters: BenchActor;
  private readonly unidentified: BenchActor;
  private readonly police: BenchActor;

  constructor(private readonly opts: GeneratorOptions) {
    this.rng = new Rng(opts.seed);
    this.geography = makeGeography(opts.seed ^ 0x5eed);
    const a = opts.actors;
    this.civilians = a.byId('civilians');
    this.protesters = a.byId('protesters');
    this.rioters = a.byId('rioters');
    this.unidentified = a.byId('unidentified-armed-group');
    this.police = a.byId('syria-government-forces');
  }

  next(): GeneratedDoc {
    const rng = this.rng;
    const n = this.docs++;
    const docId = hexId(`marsad-bench|${this.opts.seed}|${n}`);
    const year = YEAR_DRAW.draw(rng);
    const docDay = dayOf(`${year}-01-01`) + rng.int(0, isLeap(year) ? 365 : 364);
    const home = this.geography.hotspotFor(year, rng);
    const source = SOURCES.draw(rng);
    const title = titleText(home.nameAr, rng);

    let text = `${title}\n\n`;
    const events: MarsadEvent[] = [];
    const count = EVENTS_PER_DOC.draw(rng);
    for (let k = 0; k < count; k++) {
      if (rng.chance(0.3)) text += `${fillerSentence(rng)}\n\n`;
      const area = rng.chance(0.8) ? home : this.geography.hotspotFor(year, rng);
      const { event, evidence } = this.event(docId, k, area, docDay);
      const start = text.length;
      text += evidence;
      const span: TextSpan = { start, end: text.length, text: evidence };
      event.evidence.push(span);
      events.push(event);
      text += '\n\n';
    }
    const target = rng.int(900, 2400);
    while (text.length < target) text += `${fillerSentence(rng)} `;
    text = text.trimEnd();

    const doc: DocumentRecord = {
      id: docId,
      input_id: `bench/${n}.json`,
      url: `https://news.example/${year}/${docId}`,
      title,
      dateline: home.nameAr,
      byline: null,
      source,
      published: isoOf(docDay),
      published_from: 'metadata',
      language: 'ar',
      boilerplate: [],
      repairs: [],
      length: text.length,
    };
    return { doc, text, events };
  }

  private event(docId: string, k: number, area: Hotspot, docDay: number): { event: MarsadEvent; evidence: string } {
    const rng = this.rng;
    const sub = SUB_EVENT_DRAW.draw(rng);
    const [a1, a2] = this.actorsFor(sub);
    const site = this.geography.siteNear(area, rng);
    const lethal = LETHAL.has(sub);
    const dead = lethal && rng.chance(0.55) ? Math.min(40, Math.floor(-Math.log(1 - rng.next()) * 3)) : null;
    const hurt = lethal && rng.chance(0.4) ? Math.min(60, Math.floor(-Math.log(1 - rng.next()) * 4)) : null;
    const evidence = evidenceText(sub, a1?.nameAr ?? 'مجهولون', a2?.nameAr ?? 'المدنيين', {
      nameAr: site.nameAr, admin1Ar: site.hotspot.admin1Ar, isTown: site.precision === 1,
    }, dead, hurt, rng);
    const claimed = a1 !== null && a1 !== this.unidentified && rng.chance(0.08);
    const event: MarsadEvent = {
      id: hexId(`${docId}|${k}`),
      doc_id: docId,
      event_type: eventTypeOf(sub),
      sub_event_type: sub,
      plover: ploverOf(sub),
      plover_mode: null,
      actor1: a1 ? eventActor(a1) : null,
      actor2: a2 ? eventActor(a2) : null,
      location: {
        name: site.name,
        name_ar: site.nameAr,
        lat: site.lat,
        lon: site.lon,
        admin1: site.hotspot.admin1,
        admin2: null,
        admin3: null,
        country: 'SY',
        geo_precision: site.precision,
        gazetteer_id: site.gazetteerId,
        text: site.nameAr,
      },
      date: this.date(docDay),
      fatalities: dead,
      injured: hurt,
      civilian_targeting: a2 === this.civilians,
      attribution: claimed ? { status: 'claimed', by: a1.id } : { status: 'reported', by: null },
      evidence: [],
      confidence: Math.round(rng.uniform(0.55, 0.95) * 100) / 100,
    };
    return { event, evidence };
  }

  /** Most events happened the day before the report or that day; some over a week or a month. */
  private date(docDay: number): EventDate {
    const rng = this.rng;
    const x = rng.next();
    if (x < 0.8) {
      const d = docDay - rng.int(0, 2);
      return { start: isoOf(d), end: isoOf(d), precision: 1 };
    }
    if (x < 0.94) {
      const s = docDay - rng.int(2, 7);
      return { start: isoOf(s), end: isoOf(Math.min(docDay, s + rng.int(1, 6))), precision: 2 };
    }
    return { start: isoOf(docDay - rng.int(8, 31)), end: isoOf(docDay), precision: 3 };
  }

  private actorsFor(sub: SubEventType): [BenchActor | null, BenchActor | null] {
    const rng = this.rng;
    const a = this.opts.actors;
    switch (ROLES[sub]) {
      case 'armed-vs-armed': {
        const one = a.armed(rng);
        return [one, a.opponent(one, rng)];
      }
      case 'armed-on-any': {
        const one = a.armed(rng);
        const x = rng.next();
        return [one, x < 0.45 ? this.civilians : x < 0.8 ? a.opponent(one, rng) : null];
      }
      case 'armed-on-civilians':
        return [a.armed(rng), this.civilians];
      case 'unknown-on-any':
        return [rng.chance(0.7) ? this.unidentified : a.armed(rng), rng.chance(0.5) ? this.civilians : null];
      case 'protest':
        return [this.protesters, sub === 'Peaceful protest' ? null : rng.chance(0.7) ? this.police : a.armed(rng)];
      case 'riot':
        return [this.rioters, rng.chance(0.3) ? this.civilians : null];
      case 'armed-alone':
        return [a.armed(rng), null];
    }
  }
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}
