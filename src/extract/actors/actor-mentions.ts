import type { EventActor } from '../../model/event.js';
import type { NormText } from '../../text/normalise.js';
import type { Token } from '../../text/tokens.js';
import type { ActorEntry, MentionVia } from './actor-entry.js';
import { interIn, type ActorCatalogue, type AliasIndex, type CompiledAlias } from './catalogue.js';

export interface ActorMention {
  tokenStart: number;
  /** Exclusive. */
  tokenEnd: number;
  /** Original offsets, after any attached clitic ("وقوات الأسد" → "قوات الأسد"). */
  start: number;
  end: number;
  /** The original text of [start, end). */
  text: string;
  actor: ActorEntry;
  /** The normalised proclitic stripped from the first token: "", "و", "بال", "لل", … */
  clitic: string;
  via: MentionVia;
  /** The backer when the text says "X-backed", "مدعومة من X", "المدعومة روسياً", "بغطاء جوي روسي". */
  backedBy: ActorMention | null;
}

// Proclitics before a word that may itself start with ال; shortest first so that, at equal
// length, the reading that strips least wins.
const CLITICS = ['و', 'ف', 'ب', 'ل', 'ك', 'وب', 'ول', 'وك', 'فب', 'فل', 'فك'];
// ل + ال is written لل: the remainder is the word without its article.
const ARTICLE_CLITICS = ['لل', 'ولل', 'فلل'];
const CLITIC_START = new Set([0x648, 0x641, 0x628, 0x644, 0x643]); // و ف ب ل ك

// Words that put a backer after the actor: "قوات مدعومة من روسيا", "rebels backed by Turkey".
const BACKING_AFTER = new Set([
  'مدعوم', 'مدعومه', 'مدعومين', 'مدعومون', 'المدعوم', 'المدعومه', 'المدعومين', 'المدعومون', 'والمدعومه',
  'الموالي', 'المواليه', 'الموالين', 'الموالون', 'موالي', 'مواليه', 'موالين', 'موالون',
  'بدعم', 'بمسانده', 'باسناد', 'بغطاء', 'بتغطيه',
]);
// In English the backer follows only with "by": "rebels backed by Turkey" (not "US-backed SDF").
const BACKING_AFTER_EN = new Set(['backed', 'supported', 'sponsored', 'funded']);
// The noun that heads a support phrase naming the backer: "بغطاء جوي روسي".
const SUPPORT_HEADS = new Set(['غطاء', 'الغطاء', 'اسناد', 'الاسناد', 'دعم', 'الدعم', 'مسانده', 'المسانده', 'تغطيه']);
// Words allowed between the backing word and the backer.
const BACKING_FILLERS = new Set([
  'من', 'قبل', 'طرف', 'جانب', 'جوي', 'جويه', 'الجوي', 'ناري', 'مباشر', 'عسكري', 'عسكريه',
  'the', 'air', 'heavy', 'military', 'direct',
]);
// Words that put a backer before the actor: "Turkish-backed rebels".
const BACKING_BEFORE = new Set(['backed', 'supported', 'sponsored', 'funded']);
const BACKER_WINDOW = 4;

interface Found {
  alias: CompiledAlias;
  clitic: string;
  article: boolean;
}

/**
 * Actor mentions in a token stream: at each token the longest catalogue alias that starts there
 * (directly, or after stripping an Arabic proclitic from the first word), then a pass linking
 * "X-backed Y" pairs. Pass `nt` (the NormText the tokens came from) for original-text `text`,
 * for refusing matches across punctuation or line breaks, and for acronyms that must be in
 * capitals (US, IS); without it acronym aliases are not matched and `text` is normalised.
 */
export function findActorMentions(tokens: readonly Token[], cat: ActorCatalogue, nt?: NormText): ActorMention[] {
  const index = cat.aliasIndex;
  const out: ActorMention[] = [];
  let found: Found | null = null;
  let foundLen = 0;

  const consider = (list: readonly CompiledAlias[] | undefined, i: number, clitic: string, article: boolean): void => {
    if (!list) return;
    // Only the aliases whose second word is the next token can be longer than one word here.
    const split = splitBySecond(list);
    const next = tokens[i + 1];
    const longer = next ? split.bySecond.get(next.norm) : undefined;
    for (const part of longer ? [longer, split.single] : [split.single]) {
      for (const alias of part) {
        const n = alias.tokens.length;
        if (n <= foundLen) return; // longest first: nothing further in this list is longer
        if (matchesAt(alias, tokens, i, nt)) {
          found = { alias, clitic, article };
          foundLen = n;
          return;
        }
      }
    }
  };

  const filter = firstWordFilter(index);
  for (let i = 0; i < tokens.length; ) {
    const t = tokens[i]!.norm;
    if (!mayOpenAlias(t, filter)) {
      i++;
      continue;
    }
    found = null;
    foundLen = 0;
    consider(index.byFirst.get(t), i, '', false);
    if (t.length >= 3 && CLITIC_START.has(t.charCodeAt(0))) {
      for (const c of CLITICS) {
        if (t.length - c.length >= 2 && t.startsWith(c)) consider(index.byFirst.get(t.slice(c.length)), i, c, false);
      }
      for (const c of ARTICLE_CLITICS) {
        if (t.length - c.length >= 2 && t.startsWith(c)) consider(index.byFirstAfterArticle.get(t.slice(c.length)), i, c, true);
      }
    }
    const f = found as Found | null;
    if (f && f.alias.via === 'block') {
      i += foundLen; // "وزير الدفاع الوطني" is not the National Defence Forces
    } else if (f) {
      out.push(makeMention(tokens, i, i + foundLen, f.alias.entry, f.clitic, f.article, f.alias.via === 'person' ? 'person' : 'name', nt));
      i += foundLen;
    } else {
      i++;
    }
  }
  return linkBackers(out, tokens, index, nt);
}

/**
 * An alias list (longest first) split for matching: the one-word aliases, and the longer ones
 * by their second word (and its variant), each part in the list's order. Common first words
 * ("قوات") open dozens of aliases, of which the next token leaves a few.
 */
interface SplitList {
  single: readonly CompiledAlias[];
  bySecond: ReadonlyMap<string, readonly CompiledAlias[]>;
}

const splits = new WeakMap<readonly CompiledAlias[], SplitList>();

function splitBySecond(list: readonly CompiledAlias[]): SplitList {
  let split = splits.get(list);
  if (split) return split;
  const single: CompiledAlias[] = [];
  const bySecond = new Map<string, CompiledAlias[]>();
  for (const alias of list) {
    if (alias.tokens.length < 2) {
      single.push(alias);
      continue;
    }
    for (const second of new Set([alias.tokens[1]!, alias.alts[1] ?? alias.tokens[1]!])) {
      const l = bySecond.get(second);
      if (l) l.push(alias);
      else bySecond.set(second, [alias]);
    }
  }
  splits.set(list, (split = { single, bySecond }));
  return split;
}

/**
 * Bits per hashed first word of an alias (as keyed in byFirst and byFirstAfterArticle), read
 * off its length and three of its letters. A token is looked up under each of its readings
 * (as written, after each proclitic) only when one of them has its bit: most tokens have none,
 * and so cost no lookup in the alias maps (large, so each lookup is slow) and no string slicing.
 */
const FILTER_BITS = 1 << 15;

interface FirstWordFilter {
  keys: Uint8Array;
  /**
   * Bits per ending of every first word (last three letters, or both of a two-letter word),
   * tested first: clitics come off the front, so every reading ends as the token does.
   */
  endings3: Uint8Array;
  endings2: Uint8Array;
}

const filters = new WeakMap<AliasIndex, FirstWordFilter>();

function firstWordFilter(index: AliasIndex): FirstWordFilter {
  let f = filters.get(index);
  if (f) return f;
  f = { keys: new Uint8Array(FILTER_BITS >> 3), endings3: new Uint8Array(FILTER_BITS >> 3), endings2: new Uint8Array(FILTER_BITS >> 3) };
  for (const key of [...index.byFirst.keys(), ...index.byFirstAfterArticle.keys()]) {
    setBit(f.keys, keyAt(key, 0));
    if (key.length === 2) setBit(f.endings2, ending2(key));
    else if (key.length > 2) setBit(f.endings3, ending3(key));
  }
  filters.set(index, f);
  return f;
}

function setBit(bits: Uint8Array, h: number): void {
  bits[h >> 3]! |= 1 << (h & 7);
}

function hasBit(bits: Uint8Array, h: number): boolean {
  return (bits[h >> 3]! & (1 << (h & 7))) !== 0;
}

function ending2(word: string): number {
  const n = word.length;
  const h = Math.imul(word.charCodeAt(n - 2), 40503) ^ word.charCodeAt(n - 1);
  return (h ^ (h >>> 15)) & (FILTER_BITS - 1);
}

function ending3(word: string): number {
  const n = word.length;
  const h = Math.imul(Math.imul(word.charCodeAt(n - 3), 40503) ^ word.charCodeAt(n - 2), 40503) ^ word.charCodeAt(n - 1);
  return (h ^ (h >>> 15)) & (FILTER_BITS - 1);
}

/** The filter key of word.slice(from), computed without slicing. */
function keyAt(word: string, from: number): number {
  const n = word.length - from;
  // charCodeAt past the end is NaN, which | 0 turns into 0.
  let h = Math.imul(n, 0x9e3779b1) ^ (word.charCodeAt(from) | 0);
  h = Math.imul(h, 40503) ^ (word.charCodeAt(word.length - 1) | 0);
  h = Math.imul(h, 40503) ^ (word.charCodeAt(from + (n >> 1)) | 0);
  return (h ^ (h >>> 15)) & (FILTER_BITS - 1);
}

function hasKeyAt(bits: Uint8Array, word: string, from: number): boolean {
  return hasBit(bits, keyAt(word, from));
}

/** Whether any reading of the token that findActorMentions tries may be a first word (see above). */
function mayOpenAlias(t: string, f: FirstWordFilter): boolean {
  // Readings other than the whole token are two letters or longer.
  if (t.length >= 2 && !(t.length >= 3 && hasBit(f.endings3, ending3(t))) && !hasBit(f.endings2, ending2(t))) return false;
  const bits = f.keys;
  if (hasKeyAt(bits, t, 0)) return true;
  if (t.length >= 3 && CLITIC_START.has(t.charCodeAt(0))) {
    for (const c of CLITICS) if (t.length - c.length >= 2 && t.startsWith(c) && hasKeyAt(bits, t, c.length)) return true;
    for (const c of ARTICLE_CLITICS) if (t.length - c.length >= 2 && t.startsWith(c) && hasKeyAt(bits, t, c.length)) return true;
  }
  return false;
}

function matchesAt(alias: CompiledAlias, tokens: readonly Token[], i: number, nt: NormText | undefined): boolean {
  const want = alias.tokens;
  if (i + want.length > tokens.length) return false;
  for (let k = 1; k < want.length; k++) {
    const tk = tokens[i + k]!;
    if (tk.norm !== want[k] && tk.norm !== alias.alts[k]) return false;
    if (!joined(tokens[i + k - 1]!, tk, nt)) return false;
  }
  if (alias.caseMask !== 0) {
    if (!nt) return false;
    for (let k = 0; k < want.length; k++) {
      if ((alias.caseMask & (1 << k)) !== 0 && !capitalised(nt.original, tokens[i + k]!)) return false;
    }
  }
  return true;
}

/** Two words of one name are separated by spaces, a hyphen, a dot or an apostrophe only. */
function joined(a: Token, b: Token, nt: NormText | undefined): boolean {
  const gap = b.ns - a.ne;
  if (!nt) return gap <= 2;
  if (gap > 4) return false;
  for (let p = a.ne; p < b.ns; p++) {
    const c = nt.norm.charCodeAt(p);
    if (!(c === 32 || c === 9 || c === 0xa0 || c === 45 || c === 46 || c === 39 || (c >= 0x2010 && c <= 0x2013))) return false;
  }
  return true;
}

/** An acronym in the text: all capitals ("US"), or capitalised when 4+ letters ("Isis"). */
function capitalised(original: string, tok: Token): boolean {
  let lower = 0;
  for (let p = tok.start; p < tok.end; p++) {
    const c = original.charCodeAt(p);
    if (c >= 97 && c <= 122) lower++;
  }
  if (lower === 0) return true;
  const first = original.charCodeAt(tok.start);
  return tok.end - tok.start >= 4 && first >= 65 && first <= 90;
}

function makeMention(
  tokens: readonly Token[],
  from: number,
  to: number,
  actor: ActorEntry,
  clitic: string,
  article: boolean,
  via: MentionVia,
  nt: NormText | undefined,
): ActorMention {
  const first = tokens[from]!;
  const last = tokens[to - 1]!;
  // With لل the second ل is the article's: keep "للمعارضة" whole but drop a leading و/ف.
  const skip = article ? clitic.length - 2 : clitic.length;
  const start = nt ? nt.toOrig[first.ns + skip]! : first.start + skip;
  const end = last.end;
  let text: string;
  if (nt) {
    text = nt.original.slice(start, end);
  } else {
    text = first.norm.slice(skip);
    for (let k = from + 1; k < to; k++) text += ' ' + tokens[k]!.norm;
  }
  return { tokenStart: from, tokenEnd: to, start, end, text, actor, clitic, via, backedBy: null };
}

/**
 * "X-backed Y" and "Y مدعومة من X": Y stays the mention of the acting party and records X as
 * its backer; X is a mention of its own (created here from a demonym when the text only has the
 * adjective: "Turkish-backed", "بدعم روسي").
 */
function linkBackers(
  mentions: ActorMention[],
  tokens: readonly Token[],
  index: AliasIndex,
  nt: NormText | undefined,
): ActorMention[] {
  if (mentions.length === 0) return mentions;
  const added: ActorMention[] = [];
  for (let m = 0; m < mentions.length; m++) {
    const main = mentions[m]!;
    if (main.via !== 'name') continue;
    main.backedBy = backerAfter(main, mentions[m + 1], tokens, index, nt, added) ?? backerBefore(main, mentions[m - 1], tokens, index, nt, added);
  }
  if (added.length === 0) return mentions;
  return [...mentions, ...added].sort((a, b) => a.tokenStart - b.tokenStart);
}

function backerAfter(
  main: ActorMention,
  next: ActorMention | undefined,
  tokens: readonly Token[],
  index: AliasIndex,
  nt: NormText | undefined,
  added: ActorMention[],
): ActorMention | null {
  let backing = false;
  const stop = Math.min(tokens.length, main.tokenEnd + BACKER_WINDOW);
  for (let j = main.tokenEnd; j < stop; j++) {
    const t = tokens[j]!.norm;
    if (next && next.tokenStart === j) {
      const head = next.clitic ? t.slice(next.clitic.length) : t;
      return backing || SUPPORT_HEADS.has(head) ? distinct(main, next) : null;
    }
    if (BACKING_AFTER.has(t)) backing = true;
    else if (BACKING_AFTER_EN.has(t) && tokens[j + 1]?.norm === 'by') {
      backing = true;
      j++;
    } else if (BACKING_FILLERS.has(t)) continue;
    else if (backing) {
      const state = index.demonyms.get(t);
      return state ? demonymBacker(main, state, tokens, j, nt, added) : null;
    } else return null;
  }
  return null;
}

function backerBefore(
  main: ActorMention,
  prev: ActorMention | undefined,
  tokens: readonly Token[],
  index: AliasIndex,
  nt: NormText | undefined,
  added: ActorMention[],
): ActorMention | null {
  const s = main.tokenStart;
  if (s < 2 || !BACKING_BEFORE.has(tokens[s - 1]!.norm)) return null;
  if (prev && prev.tokenEnd === s - 1) return distinct(main, prev);
  const state = index.demonyms.get(tokens[s - 2]!.norm);
  if (!state || (prev && prev.tokenEnd > s - 2)) return null;
  return demonymBacker(main, state, tokens, s - 2, nt, added);
}

function demonymBacker(
  main: ActorMention,
  state: ActorEntry,
  tokens: readonly Token[],
  at: number,
  nt: NormText | undefined,
  added: ActorMention[],
): ActorMention | null {
  if (state.id === main.actor.id) return null;
  const d = makeMention(tokens, at, at + 1, state, '', false, 'demonym', nt);
  added.push(d);
  return d;
}

function distinct(main: ActorMention, backer: ActorMention): ActorMention | null {
  return backer.actor.id === main.actor.id ? null : backer;
}

/** The event-format actor of a mention; give the event's country to code state actors abroad as 8. */
export function toEventActor(m: ActorMention, eventCountry?: string | null): EventActor {
  return { id: m.actor.id, name: m.actor.name, text: m.text, inter: interIn(m.actor, eventCountry) };
}
