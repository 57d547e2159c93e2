import { normalise } from '../text/normalise.js';
import { DATELINE_PLACES_AR, DATELINE_PLACES_EN, PLACE_PREFIXES, PLACE_SUFFIXES } from './dateline-places.js';
import { NEWS_AGENCIES_AR, NEWS_AGENCIES_EN } from './news-agencies.js';
import { findTextDate, formatDate, readDatedLine } from './published-date.js';

/**
 * The furniture above the body of a page flattened to text:
 *
 *   موسكو : المحادثات مستمرة بين العسكريين الروس والأتراك …     ← title
 *   إدلب مدى بوست – فريق التحرير                                ← dateline: place, source – byline
 *   أكدت الخارجية الروسية …                                      ← body starts (headerEnd)
 *
 * Dateline lines come in a few shapes, all read by one parser:
 *   PLACE SOURCE – BYLINE        إدلب مدى بوست – فريق التحرير
 *   PLACE – AGENCY               بيروت - ا ف ب          دمشق/ سانا       دمشق-سانا
 *   PLACE[, …] (SOURCE) –        DAMASCUS (Reuters) -   London, June 5 (AP) —
 * and the last one also opens the first paragraph of wire copy ("BEIRUT (Reuters) - Syrian …").
 * A place is recognised from a list of dateline places (a strong signal) or, when the line's
 * shape is unmistakable, as its first word; an agency from a list of agencies, otherwise the
 * words between place and dash are the source and the words after the dash the byline.
 */

export interface TextHeader {
  title: string | null;
  dateline: string | null;
  source: string | null;
  byline: string | null;
  /**
   * YYYY-MM-DD from a dated header line or the dateline; null when none gives a year. A date
   * further down the top of the text is dateFromText's, read only when nothing better has one.
   */
  published: string | null;
  /** Offset where the body starts: everything before it is header (0 when there is none). */
  headerEnd: number;
}

// --- lexicons, compiled once -----------------------------------------------------------------

/** Matching key: normalised, dots and commas read as spaces ("أ.ف.ب" = "أ ف ب"). */
function key(s: string): string {
  return normalise(s).replace(/[.,،]/g, ' ').replace(/\s+/g, ' ').trim();
}

const PLACES = new Set<string>();
let placeMaxWords = 1;
for (const p of [...DATELINE_PLACES_AR, ...DATELINE_PLACES_EN]) {
  const k = key(p);
  PLACES.add(k);
  placeMaxWords = Math.max(placeMaxWords, k.split(' ').length);
}
const PREFIXES = new Set(PLACE_PREFIXES.map(key));
const SUFFIXES = new Set(PLACE_SUFFIXES.map(key));

const AGENCIES = new Set<string>();
for (const a of [...NEWS_AGENCIES_AR, ...NEWS_AGENCIES_EN]) {
  const k = key(a);
  AGENCIES.add(k);
  // "ا ف ب" is also written run together once its dots are dropped.
  if (k.split(' ').every((w) => w.length === 1)) AGENCIES.add(k.replace(/ /g, ''));
}

function isAgency(s: string): boolean {
  return AGENCIES.has(key(s));
}

/** A byline's lead-in word, removed from the name ("By John Smith", "بقلم: فلان"). */
// Arabic verbs like كتب also open sentences, so they count only with a colon or dash after them.
const BYLINE_MARKER = /^(?:(?:written\s+|reporting\s+)?by\s+|بقلم\s*[:：\-–]?\s*|(?:كتب|كتبت|إعداد|اعداد|تحرير|تقرير)\s*[:：\-–]\s*)/i;
/** Words after a dateline dash that are not a byline ("حلب – خاص": exclusive report). */
const NOT_BYLINE = new Set(['خاص', 'exclusive', 'special'].map(key));

/** Between place/source and byline; a hyphen only with a space beside it or between Arabic letters. */
const SEPARATOR = /\s*[–—]+\s*|\s+-+\s*|\s*-+\s+|(?<=[\u0600-\u06ff])-+(?=[\u0600-\u06ff])|\s*[/|]\s*/g;
const PARENS = /\(([^()]{1,40})\)/;
const COMMA = /[,،]/;

// Size limits that keep body sentences out: a header line is short and has few words.
const MAX_HEADER_LINE = 100;
const MAX_TITLE_LINE = 200;
const MAX_HEADER_LINES = 4;
const MAX_PART_WORDS = 5;

// --- lines and words -------------------------------------------------------------------------

interface Piece {
  text: string;
  /** Offsets into the whole document. */
  start: number;
  end: number;
}

function trimPiece(text: string, start: number): Piece | null {
  const lead = text.length - text.trimStart().length;
  const t = text.trim();
  return t.length === 0 ? null : { text: t, start: start + lead, end: start + lead + t.length };
}

/** The first non-empty lines of the text, with offsets. */
function topLines(text: string, max: number): Piece[] {
  const lines: Piece[] = [];
  let pos = 0;
  while (pos <= text.length && lines.length < max) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const p = trimPiece(text.slice(pos, nl), pos);
    if (p) lines.push(p);
    pos = nl + 1;
  }
  return lines;
}

interface Word {
  key: string;
  start: number;
  end: number;
}

const WORD = /\S+/g;
const EDGE_PUNCT = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

function words(p: Piece): Word[] {
  const out: Word[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(p.text); m !== null; m = WORD.exec(p.text)) {
    const k = key(m[0]).replace(EDGE_PUNCT, '');
    if (k.length > 0) out.push({ key: k, start: p.start + m.index, end: p.start + m.index + m[0].length });
  }
  return out;
}

function rawWordCount(s: string): number {
  let n = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(s) !== null) n++;
  return n;
}

function slice(text: string, from: Word, to: Word): string {
  return text.slice(from.start, to.end).replace(/[\s,،:]+$/u, '');
}

/** Split a piece at every dateline separator. Empty parts are kept ("DAMASCUS (Reuters) -"). */
function splitParts(p: Piece): Piece[] {
  const parts: Piece[] = [];
  let from = 0;
  SEPARATOR.lastIndex = 0;
  for (let m = SEPARATOR.exec(p.text); m !== null; m = SEPARATOR.exec(p.text)) {
    if (m[0].length === 0) {
      SEPARATOR.lastIndex++;
      continue;
    }
    parts.push({ text: p.text.slice(from, m.index), start: p.start + from, end: p.start + m.index });
    from = m.index + m[0].length;
  }
  parts.push({ text: p.text.slice(from), start: p.start + from, end: p.end });
  return parts.map((x) => trimPiece(x.text, x.start) ?? { text: '', start: x.start, end: x.start });
}

/** Words of a known place at ws[from]: optional prefix (ريف, northern), the place, optional suffix. */
function placeLength(ws: readonly Word[], from: number): number {
  let i = from;
  while (i < ws.length && i - from < 2 && PREFIXES.has(ws[i]!.key)) i++;
  let j = -1;
  for (let len = Math.min(placeMaxWords, ws.length - i); len >= 1; len--) {
    if (PLACES.has(ws.slice(i, i + len).map((w) => w.key).join(' '))) {
      j = i + len;
      break;
    }
  }
  if (j < 0) return 0;
  while (j < ws.length && SUFFIXES.has(ws[j]!.key)) j++;
  return j - from;
}

function isKnownPlace(p: Piece): boolean {
  const ws = words(p);
  return ws.length > 0 && placeLength(ws, 0) === ws.length;
}

/** Words of an unlisted place at the start of a clearly-shaped dateline: first word (+ prefix). */
function fallbackPlaceLength(ws: readonly Word[]): number {
  let n = PREFIXES.has(ws[0]!.key) && ws.length > 1 ? 2 : 1;
  while (n < ws.length && SUFFIXES.has(ws[n]!.key)) n++;
  return n;
}

// --- dateline --------------------------------------------------------------------------------

interface Dateline {
  place: string | null;
  source: string | null;
  byline: string | null;
  published: string | null;
  /** Document offset where this header part ends. */
  end: number;
}

function cleanByline(s: string): string | null {
  const t = s.replace(BYLINE_MARKER, '').replace(/[\s:،,]+$/u, '').trim();
  return t.length === 0 || NOT_BYLINE.has(key(t)) ? null : t;
}

function yearDate(s: string): string | null {
  const d = findTextDate(normalise(s));
  return d && d.year !== null ? formatDate(d.year, d.month, d.day) : null;
}

/**
 * The place/source part before the first separator. `strict` (inline datelines) accepts only
 * the unmistakable "PLACE (AGENCY)" and "PLACE AGENCY" shapes.
 */
function readLeft(text: string, line: Piece, left: Piece, clearShape: boolean, strict: boolean): Omit<Dateline, 'byline' | 'end'> | null {
  const paren = PARENS.exec(left.text);
  if (paren) {
    // PLACE[, Syria][, June 5] (SOURCE)
    const inside = paren[1]!.trim();
    const before = left.text.slice(0, paren.index);
    const placeText = before.split(COMMA)[0]!.trim();
    const placeWords = placeText.split(/\s+/).filter(Boolean).length;
    if (placeWords === 0 || placeWords > 4 || inside.split(/\s+/).length > 4) return null;
    if (!isAgency(inside) && (strict || !clearShape)) return null;
    if (left.text.slice(paren.index + paren[0].length).trim().length > 0) return null;
    return { place: placeText, source: inside, published: yearDate(before) };
  }
  if (rawWordCount(left.text) > 7) return null;
  const ws = words(left);
  if (ws.length === 0) return null;
  let n = placeLength(ws, 0);
  if (n === 0) {
    if (isAgency(left.text)) return { place: null, source: left.text, published: null };
    // An unlisted first word is a place only in a clean shape; digits mean a date line instead.
    if (strict || !clearShape || ws.length > 4 || /\d/.test(normalise(line.text))) return null;
    n = fallbackPlaceLength(ws);
  }
  const place = slice(text, ws[0]!, ws[n - 1]!);
  if (n === ws.length) return strict ? null : { place, source: null, published: null };
  const rest = slice(text, ws[n]!, ws[ws.length - 1]!);
  if (strict && !isAgency(rest)) return null;
  if (ws.length - n > 4) return null;
  return { place, source: rest, published: null };
}

/**
 * Where a dateline is looked for:
 *  - 'line': a line after the title;
 *  - 'first': the first line, where "سوريا – اشتباكات في إدلب" is far more often a headline, so
 *    only a line naming a known agency counts;
 *  - 'inline': the start of a body paragraph ("BEIRUT (Reuters) - …").
 */
type DatelineAt = 'first' | 'line' | 'inline';

/** A dateline, or null when the line is something else. */
function readDateline(text: string, line: Piece, at: DatelineAt): Dateline | null {
  const inline = at === 'inline';
  if (!inline && (line.text.length > MAX_HEADER_LINE || endsSentence(line.text))) return null;
  const parts = splitParts(line);
  const hasSeparator = parts.length > 1;
  if (inline) {
    if (!hasSeparator) return null;
    const left = readLeft(text, line, parts[0]!, true, true);
    return left ? { ...left, byline: null, end: parts[1]!.start } : null;
  }
  const rights = parts.slice(1);
  if (rights.some((r) => r.text.split(/\s+/).length > MAX_PART_WORDS)) return null;
  const agencyOnRight = rights.some((r) => r.text.length > 0 && isAgency(r.text));
  // A clear shape: a separator with short parts on both sides (or an empty wire-style tail).
  const clearShape = hasSeparator && parts[0]!.text.split(/\s+/).length <= 4;
  const left = readLeft(text, line, parts[0]!, clearShape || agencyOnRight, false);
  if (!left) return null;
  // Without a separator only "PLACE AGENCY" / "PLACE (AGENCY)" make a dateline, not "حلب تحت القصف".
  if (!hasSeparator && !(left.source && isAgency(left.source))) return null;

  const out: Dateline = { ...left, byline: null, end: line.end };
  for (let i = 0; i < rights.length; i++) {
    const r = rights[i]!.text;
    if (r.length === 0) continue;
    const date = yearDate(r);
    if (isAgency(r)) out.source ??= r;
    else if (out.place === null && isKnownPlace(rights[i]!)) out.place = r;
    else if (date) out.published ??= date;
    // "PLACE – OUTLET – BYLINE": a middle part is the source.
    else if (out.source === null && i < rights.length - 1) out.source = r;
    else out.byline ??= cleanByline(r);
  }
  if (out.place === null && out.source === null) return null;
  if (at === 'first' && !(out.source && isAgency(out.source))) return null;
  return out;
}

// --- other header lines ----------------------------------------------------------------------

function readBylineLine(line: Piece): { byline: string; source: string | null } | null {
  if (line.text.length > MAX_HEADER_LINE || !BYLINE_MARKER.test(line.text)) return null;
  const body = line.text.replace(BYLINE_MARKER, '');
  if (body.split(/\s+/).length > 8) return null;
  // "By JOHN SMITH, Associated Press"
  const [name, ...rest] = body.split(COMMA);
  const after = rest.join(',').trim();
  if (after && isAgency(after)) return { byline: name!.trim(), source: after };
  const byline = cleanByline(body);
  return byline ? { byline, source: null } : null;
}

/** A body sentence ends with a full stop; a headline does not (".." is a headline ellipsis). */
function endsSentence(t: string): boolean {
  return /[.!?؟。]$/.test(t) && !/\.\.$/.test(t);
}

function isTitle(line: Piece): boolean {
  const t = line.text;
  if (t.length > MAX_TITLE_LINE || t.split(/\s+/).length < 2) return false;
  // Headlines may ask or exclaim; they do not end in a full stop or lead into something.
  if (/[.。]$/.test(t) && !/\.\.$/.test(t)) return false;
  return !/[:،,;]$/.test(t);
}

// --- the header ------------------------------------------------------------------------------

export function readTextHeader(text: string): TextHeader {
  const head: TextHeader = { title: null, dateline: null, source: null, byline: null, published: null, headerEnd: 0 };
  const lines = topLines(text, MAX_HEADER_LINES + 2);
  if (lines.length === 0) return head;

  let i = 0;
  let dated = false;
  const takeDateline = (d: Dateline): void => {
    head.dateline ??= d.place;
    head.source ??= d.source;
    head.byline ??= d.byline;
    head.published ??= d.published;
    dated = true;
  };

  const first = lines[0]!;
  const firstDateline = readDateline(text, first, 'first');
  if (firstDateline) {
    takeDateline(firstDateline);
    i = 1;
  } else if (lines.length > 1 && isTitle(first) && readBylineLine(first) === null && readDatedLine(first.text) === null) {
    head.title = first.text;
    i = 1;
  }

  for (; i < lines.length && i <= MAX_HEADER_LINES; i++) {
    const line = lines[i]!;
    const d = dated ? null : readDateline(text, line, 'line');
    if (d) {
      takeDateline(d);
      continue;
    }
    const by = readBylineLine(line);
    if (by) {
      head.byline ??= by.byline;
      head.source ??= by.source;
      continue;
    }
    const when = line.text.length <= MAX_HEADER_LINE ? readDatedLine(line.text) : null;
    if (when) {
      head.published ??= when.date;
      continue;
    }
    break;
  }

  if (i < lines.length) {
    const body = lines[i]!;
    head.headerEnd = i > 0 ? body.start : 0;
    const inline = dated ? null : readDateline(text, body, 'inline');
    if (inline) {
      takeDateline(inline);
      head.headerEnd = inline.end;
    }
  } else {
    // Only header lines: the body (if any) starts after the last line read.
    head.headerEnd = i > 0 ? nextNonSpace(text, lines[i - 1]!.end) : 0;
  }
  return head;
}

function nextNonSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text.charAt(i))) i++;
  return i;
}
