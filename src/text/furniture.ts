import type { Span } from '../model/span.js';
import { foldChar, normalise } from './normalise.js';
import {
  BOX_HEADING,
  BUTTON_GLUE,
  BUTTON_WORDS,
  COMMENT_LINE,
  COMMENT_NOTICE,
  COOKIE_ADDRESS,
  COOKIE_WORD,
  FOLLOW,
  LINK_LABEL,
  NEWSLETTER,
  RIGHTS,
  NOTICE_RAW,
  TAGS,
} from './furniture-patterns.js';

/**
 * Page furniture left in text that was flattened from a web page: links to other articles,
 * comment forms, related-article boxes, share and close buttons, cookie notices, newsletter
 * prompts, footers and tag lists. Judged line by line on normalised text, from phrases and line
 * length, plus one rule about position: after a box-like line (a comment form, a related box
 * heading, a button...) a tail of short lines to the end of the page is the rest of the box.
 */
export type FurnitureKind =
  | 'link'
  | 'box-heading'
  | 'comments'
  | 'buttons'
  | 'cookies'
  | 'newsletter'
  | 'rights'
  | 'tags'
  | 'follow';

/** Kinds after which a tail of short lines is more of the same page furniture. */
const OPENS_TAIL: ReadonlySet<FurnitureKind> = new Set([
  'box-heading',
  'comments',
  'buttons',
  'cookies',
  'newsletter',
  'rights',
  'tags',
  'follow',
]);

/** Headlines, buttons and form labels fit in this; reporting paragraphs mostly do not. */
const SHORT_LINE = 120;
/** Newsletter prompts and footers are no longer than this; cookie notices may be. */
const WHOLE_LINE_MAX = 200;
/** A leading label is within this many characters of the line start. */
const HEAD = 80;
/** Cookie notices run to a few sentences at most. */
const COOKIE_MAX = 600;
/** A row of buttons (Facebook Twitter WhatsApp Email ...) has few words. */
const MAX_BUTTONS = 8;

const NON_WORD = /[^\p{L}\p{N}]+/gu;

/** Spans of whole furniture lines, each with its line break; in text order. */
export function findFurniture(text: string): Span[] {
  const lines = splitLines(text);
  const kinds = lines.map((l) => classifyFurnitureLine(text.slice(l.start, l.contentEnd)));

  // The first box-like line after which every non-blank line is short opens the tail.
  let tailFrom = lines.length;
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i]!;
    if (l.blank) continue;
    const kind = kinds[i];
    if (kind !== null && kind !== undefined && OPENS_TAIL.has(kind)) tailFrom = i;
    else if (l.contentEnd - l.start > SHORT_LINE) break;
  }

  const spans: Span[] = [];
  lines.forEach((l, i) => {
    if (!l.blank && (kinds[i] !== null || i >= tailFrom)) spans.push({ start: l.start, end: l.end });
  });
  return spans;
}

/** The kind of furniture one line (without its line break) is, or null for content. */
export function classifyFurnitureLine(line: string): FurnitureKind | null {
  const head = normaliseLine(line.length > HEAD ? line.slice(0, HEAD) : line);
  if (LINK_LABEL.test(head)) return 'link';
  if (COMMENT_NOTICE.test(head)) return 'comments';
  if (TAGS.test(head)) return 'tags';

  if (line.length <= HEAD) {
    // Headings, form labels and buttons are short; punctuation, bullets, asterisks and counts
    // in brackets do not change what such a line is.
    const core = head.replace(NON_WORD, ' ').trim();
    if (core.length === 0) return null;
    if (BOX_HEADING.test(core)) return 'box-heading';
    if (COMMENT_LINE.test(core)) return 'comments';
    if (isButtonRow(core)) return 'buttons';
    if (FOLLOW.test(core)) return 'follow';
    return classifyNotice(head, core);
  }
  // Longer lines are prose unless a notice word shows up; only then is all of it normalised.
  if (line.length > COOKIE_MAX || !NOTICE_RAW.test(line)) return null;
  const norm = normaliseLine(line);
  const kind = classifyNotice(norm, norm.replace(NON_WORD, ' ').trim());
  return kind === 'cookies' || line.length <= WHOLE_LINE_MAX ? kind : null;
}

const SPACES = /\s+/g;

/** foldChar of the code units below U+0700 (Latin and Arabic), as a code unit or -1 for dropped. */
const LOW_FOLD: Int32Array = (() => {
  const table = new Int32Array(0x700);
  for (let c = 0; c < table.length; c++) {
    const f = foldChar(String.fromCharCode(c));
    table[c] = f.length === 1 ? f.charCodeAt(0) : f.length === 0 ? -1 : -2;
  }
  return table;
})();

const lineCodes: number[] = [];

/**
 * normalise() of a line, which every line of every page goes through: the same string, with
 * one table look-up per code unit instead of a string concatenation per character.
 */
export function normaliseLine(line: string): string {
  const codes = lineCodes;
  codes.length = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    const f = c < 0x700 ? LOW_FOLD[c]! : -2;
    if (f >= 0) codes.push(f);
    else if (f === -2) {
      const folded = foldChar(line.charAt(i));
      for (let k = 0; k < folded.length; k++) codes.push(folded.charCodeAt(k));
    }
  }
  return String.fromCharCode.apply(null, codes).replace(SPACES, ' ').trim();
}

/** Cookie notices, newsletter prompts and copyright footers. */
function classifyNotice(norm: string, core: string): FurnitureKind | null {
  if (isCookieNotice(norm)) return 'cookies';
  if (NEWSLETTER.test(core)) return 'newsletter';
  if (RIGHTS.test(norm)) return 'rights';
  return null;
}

function isCookieNotice(norm: string): boolean {
  return COOKIE_WORD.test(norm) && COOKIE_ADDRESS.test(norm);
}

/** Only button words and counts, with at least one word that is a button by itself. */
function isButtonRow(core: string): boolean {
  const words = core.split(' ');
  if (words.length > MAX_BUTTONS) return false;
  let buttons = 0;
  for (const w of words) {
    if (/^\d+$/.test(w)) continue;
    if (!BUTTON_WORDS.has(w)) return false;
    if (!BUTTON_GLUE.has(w)) buttons++;
  }
  return buttons > 0;
}

interface Line {
  start: number;
  /** End of the text, before \r?\n. */
  contentEnd: number;
  /** After the line break. */
  end: number;
  blank: boolean;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    let nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl + 1;
    if (nl === -1) nl = text.length;
    const contentEnd = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    lines.push({ start, contentEnd, end, blank: text.slice(start, contentEnd).trim().length === 0 });
    if (end === text.length) break;
    start = end;
  }
  return lines;
}
