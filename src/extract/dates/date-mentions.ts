import type { EventDate } from '../../model/event.js';
import type { Token } from '../../text/tokens.js';
import { WordSetFilter } from '../../text/word-filter.js';
import { readAnchor } from './anchors.js';
import { isoOfDay, parseIsoDay } from './calendar.js';
import { DateCursor } from './date-cursor.js';
import { agoBefore } from './relative-dates.js';
import { readDayPair, readRange, readSince, sinceCue, type DateReading } from './spans.js';
import {
  AGO_BEFORE,
  DAY_NOUNS,
  DAY_OFFSET_WORDS,
  DIRECTION_BEFORE,
  MONTH_HEADS,
  MONTH_PARTS,
  MONTH_WORDS,
  NAMED_AFTER_DATE,
  NIGHT_BEFORE,
  ORDINAL_DAYS,
  RANGE_OPENERS,
  SINCE_PHRASES,
  SINCE_WORDS,
  TIME_OF_DAY_BEFORE,
  UNIT_WORDS,
  UNTIL_WORDS,
  WEEKDAY_WORDS,
} from './date-words.js';

/**
 * - point: the event happened on that day or within that stretch ("أمس", "في أيار", "last week");
 * - since: from that day up to publication, and still going on ("منذ 26 نيسان الماضي");
 * - range: between two stated dates ("من 1 إلى 5 حزيران", "يومي السبت والأحد");
 * - until: up to that date; `date` is the bound itself ("حتى 5 حزيران").
 */
export type DateMentionKind = 'point' | 'since' | 'range' | 'until';

export interface DateMention {
  tokenStart: number;
  /** Exclusive. */
  tokenEnd: number;
  /** Original offsets. */
  start: number;
  end: number;
  kind: DateMentionKind;
  date: EventDate;
  /** Starts after publication ("الخميس المقبل", "next month"): a plan, not an event date. */
  future: boolean;
}

/** Words a date expression can start with, besides digits: checked first to skip most tokens. */
const STARTERS: ReadonlySet<string> = new Set([
  ...MONTH_WORDS.keys(), ...MONTH_HEADS.keys(), ...WEEKDAY_WORDS.keys(), ...DAY_OFFSET_WORDS.keys(),
  ...DIRECTION_BEFORE.keys(), ...TIME_OF_DAY_BEFORE, ...NIGHT_BEFORE, ...DAY_NOUNS, ...MONTH_PARTS.keys(),
  ...UNIT_WORDS.keys(), ...SINCE_WORDS, ...SINCE_PHRASES.map((p) => p[0]!), ...AGO_BEFORE, ...UNTIL_WORDS,
  ...RANGE_OPENERS, ...ORDINAL_DAYS.keys(), 'اول', 'واول', 'شهر', 'لشهر', 'بشهر', 'وشهر', 'عام', 'لعام',
  'بعام', 'سنه', 'السنه', 'ال', 'a', 'an', 'one', 'couple', 'few', 'several', 'عده', 'بضعه', 'recent',
]);

/**
 * Finds the date expressions in one document's tokens, placed against the publication date
 * (YYYY-MM-DD). Without one, expressions relative to it and dates without a year are not
 * returned. `norm` (NormText.norm), when given, lets "5/6/2019" be told from "5 6 2019".
 */
export function findDateMentions(tokens: Token[], published: string | null, norm?: string): DateMention[] {
  let pub: number | null = null;
  if (published !== null) {
    pub = parseIsoDay(published);
    if (pub === null) {
      throw new Error(`findDateMentions: publication date must be YYYY-MM-DD, got ${JSON.stringify(published)}`);
    }
  }
  const cursor = new DateCursor(tokens, pub, norm ?? null, wordFlags(tokens));
  const out: DateMention[] = [];
  let i = 0;
  while (i < tokens.length) {
    const found = cursor.mayStart(i) ? readMention(cursor, i) : null;
    if (found === null) {
      i++;
      continue;
    }
    if (found.kind !== 'name') out.push(mention(tokens, i, found.kind, found));
    i = found.next;
  }
  return out;
}

const STARTER = 1;
const UNIT = 2;
const WORD_FLAGS: ReadonlyMap<string, number> = (() => {
  const m = new Map<string, number>();
  for (const w of STARTERS) m.set(w, STARTER);
  for (const w of UNIT_WORDS.keys()) m.set(w, (m.get(w) ?? 0) | UNIT);
  return m;
})();

const WORD_FILTER = new WordSetFilter(WORD_FLAGS.keys());

/**
 * One lookup per token, done once: whether a date can start at it, and whether it is a unit
 * of time (so that the number before it, "three days ago", can start one).
 */
function wordFlags(tokens: readonly Token[]): Uint8Array {
  const flags = new Uint8Array(tokens.length + 2);
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i]!.norm;
    const c = w.charCodeAt(0);
    const d = w.charCodeAt(c === 0x627 ? 2 : 1);
    if ((c >= 48 && c <= 57) || ((c === 0x648 || c === 0x627) && d >= 48 && d <= 57)) flags[i] = STARTER; // 5, و5, الـ24
    else flags[i] = WORD_FILTER.mayHave(w) ? (WORD_FLAGS.get(w) ?? 0) : 0;
  }
  return flags;
}

function readMention(r: DateCursor, i: number): DateReading | null {
  const w = r.n(i);
  const since = sinceCue(r, i);
  if (since > 0) return readSince(r, i, since);
  // Connectives start a mention only together with the date after them.
  if (AGO_BEFORE.has(w)) {
    const ago = agoBefore(r, i + 1);
    return ago === null ? null : { kind: 'point', period: ago.period, next: ago.next };
  }
  if (UNTIL_WORDS.has(w)) {
    const a = r.mayStart(i + 1) ? readAnchor(r, i + 1) : null;
    return a === null ? null : { kind: 'until', period: a.period, next: a.next };
  }
  if (RANGE_OPENERS.has(w)) return r.mayStart(i + 1) ? readRange(r, i + 1) : null;
  const days = readDayPair(r, i);
  if (days !== null) return days;
  const a = readAnchor(r, i);
  if (a === null) return null;
  if (a.absolute && namedAfter(r, i)) return { kind: 'name', period: a.period, next: a.next };
  return { kind: a.range === true ? 'range' : 'point', period: a.period, next: a.next };
}

/** "قوى 14 آذار", "حركة 6 أبريل": the written date names a group. */
function namedAfter(r: DateCursor, i: number): boolean {
  const before = r.n(i - 1);
  const c = r.n(i).charCodeAt(0);
  if (c < 48 || c > 57) return false;
  return NAMED_AFTER_DATE.has(before) || (NAMED_AFTER_DATE.has(r.n(i - 2)) && before.length <= 2);
}

function mention(tokens: readonly Token[], i: number, kind: DateMentionKind, f: DateReading): DateMention {
  return {
    tokenStart: i,
    tokenEnd: f.next,
    start: tokens[i]!.start,
    end: tokens[f.next - 1]!.end,
    kind,
    date: { start: isoOfDay(f.period.start), end: isoOfDay(f.period.end), precision: f.period.precision },
    future: f.period.future,
  };
}

