/**
 * Who the casualties are: a count and the people it counts ("5 مدنيين", "طفلين", "at least 12
 * people"), several joined by و/and ("امرأة وطفلين"), and the children and women among them
 * ("بينهم 3 أطفال وامرأتان", "including two children").
 */
import type { Token } from '../../text/tokens.js';
import { readNumber, type VagueAmount } from './arabic-numbers.js';
import {
  APPROXIMATE_AFTER,
  APPROXIMATE_BEFORE,
  COUNT_BOUNDARIES,
  JOINERS,
  PARTITIVES,
  PERSON_NOUNS,
  SUBCOUNT_CUES,
  type PersonWord,
} from './casualty-words.js';
import { normalisedSet } from './attached-forms.js';
import { matchPhrase } from './phrases.js';

/** "آخرين", "others": more people after some already counted. */
export const OTHERS: ReadonlySet<string> = normalisedSet(['آخر', 'آخرين', 'آخرون', 'أخرى', 'وآخرين', 'others', 'other', 'more']);

export interface Item {
  /** Stated or implied by a dual/singular noun; null when plural with no number, or vague. */
  count: number | null;
  vague: VagueAmount | null;
  approximate: boolean;
  /** Whether a number (or vague amount) was written. */
  numbered: boolean;
  person: PersonWord | null;
  next: number;
}

/** [approximately] number [من/of] [one English adjective] person-noun [واحد/اثنين] [على الأقل]. */
export function readItem(tokens: readonly Token[], i: number): Item | null {
  let j = i;
  let approximate = false;
  const approx = matchPhrase(tokens, j, APPROXIMATE_BEFORE);
  if (approx > 0) {
    approximate = true;
    j = approx;
  }
  let count: number | null = null;
  let vague: VagueAmount | null = null;
  let numbered = false;
  const n = readNumber(tokens, j);
  if (n !== null) {
    if (n.value !== null && (!Number.isInteger(n.value) || n.value <= 0)) return null;
    count = n.value;
    vague = n.vague;
    numbered = true;
    j = n.next;
  } else if ((tokens[j]?.norm === 'a' || tokens[j]?.norm === 'an') && PERSON_NOUNS.get(tokens[j + 1]?.norm ?? '')?.number === 'singular') {
    count = 1;
    numbered = true;
    j += 1;
  } else if (approximate) {
    return null;
  }

  let person: PersonWord | undefined;
  let k = j;
  if (numbered && PARTITIVES.has(tokens[k]?.norm ?? '')) k++;
  person = PERSON_NOUNS.get(tokens[k]?.norm ?? '');
  if (person === undefined && numbered && isLatinWord(tokens[k]) && !COUNT_BOUNDARIES.has(tokens[k]!.norm)) {
    // "12 Syrian civilians": one adjective between an English count and its noun.
    const after = PERSON_NOUNS.get(tokens[k + 1]?.norm ?? '');
    if (after !== undefined) {
      person = after;
      k++;
    }
  }
  if (person !== undefined) {
    j = k + 1;
    if (!numbered) {
      count = person.number === 'dual' ? 2 : person.number === 'singular' ? 1 : null;
      const stated = readNumber(tokens, j); // "مدنيين اثنين", "شخص واحد"
      if (stated !== null && stated.value !== null && stated.value <= 2 && stated.vague === null && !isDigitToken(tokens[j])) {
        count = stated.value;
        j = stated.next;
      }
    }
    if (OTHERS.has(tokens[j]?.norm ?? '')) j++; // "17 شخصاً آخرين"
  } else if (!numbered) {
    return null;
  }
  const after = matchPhrase(tokens, j, APPROXIMATE_AFTER);
  if (after > 0) {
    approximate = true;
    j = after;
  }
  return { count, vague, approximate: approximate || vague !== null, numbered, person: person ?? null, next: j };
}

export interface People {
  count: number | null;
  vague: VagueAmount | null;
  approximate: boolean;
  civilians: boolean;
  children: number | null;
  women: number | null;
  /** Whether any person noun was read. */
  named: boolean;
  next: number;
}

/** One item, then more joined by و/and: "امرأة وطفلين", "5 مدنيين و3 عناصر". */
export function readPeople(first: Item, tokens: readonly Token[]): People {
  const items = [first];
  let j = first.next;
  if (first.person !== null) {
    for (;;) {
      const joinedSeparately = JOINERS.has(tokens[j]?.norm ?? '');
      const start = joinedSeparately ? j + 1 : j;
      if (!joinedSeparately && !startsWithWaw(tokens[j])) break;
      const item = readItem(tokens, start);
      if (item === null || item.person === null) break;
      items.push(item);
      j = item.next;
    }
  }
  let count: number | null = 0;
  let children: number | null = null;
  let women: number | null = null;
  let civilians = false;
  let named = false;
  for (const it of items) {
    count = count === null || it.count === null ? null : count + it.count;
    if (it.person === null) continue;
    named = true;
    civilians ||= it.person.civilian;
    if (it.person.child) children = it.count === null ? children : (children ?? 0) + it.count;
    if (it.person.woman) women = it.count === null ? women : (women ?? 0) + it.count;
  }
  return {
    count,
    vague: first.vague,
    approximate: items.some((it) => it.approximate),
    civilians,
    children,
    women,
    named,
    next: j,
  };
}

/** "بينهم 3 أطفال وامرأتان", "including two children": the children and women among them. */
export function readSubcounts(tokens: readonly Token[], i: number, people: People): number {
  const cue = matchPhrase(tokens, i, SUBCOUNT_CUES);
  if (cue < 0) return i;
  const first = readItem(tokens, cue);
  if (first === null || first.person === null) return i;
  const sub = readPeople(first, tokens);
  people.civilians ||= sub.civilians;
  if (sub.children !== null) people.children = sub.children;
  if (sub.women !== null) people.women = sub.women;
  return sub.next;
}

/** A token that begins with the conjunction و: "وإصابة", "و3". */
export function startsWithWaw(t: Token | undefined): boolean {
  return t !== undefined && t.norm.length > 1 && t.norm.charCodeAt(0) === 0x648;
}

/** A token written in digits. */
export function isDigitToken(t: Token | undefined): boolean {
  if (t === undefined) return false;
  const c = t.norm.charCodeAt(0);
  return c >= 48 && c <= 57;
}

/** An English (Latin-script) word. */
export function isLatinWord(t: Token | undefined): boolean {
  if (t === undefined) return false;
  const c = t.norm.charCodeAt(0);
  return c >= 97 && c <= 122;
}
