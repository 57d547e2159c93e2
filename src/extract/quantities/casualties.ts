/**
 * Casualty counts in a report, Arabic and English, written in one of four ways: a trigger then
 * the count ("مقتل 5 مدنيين", "killed 12"), the count then a victim noun ("12 قتيلاً", "عشرات
 * الجرحى") or an English participle ("12 people were killed"), a victim noun alone ("قتيلان",
 * "سقوط قتلى"), or a toll ("ارتفعت حصيلة القتلى إلى 20", "the death toll rose to 40").
 */
import type { Token } from '../../text/tokens.js';
import { WordSetFilter } from '../../text/word-filter.js';
import { numberStartWords, readNumber, type VagueAmount } from './arabic-numbers.js';
import {
  APPROXIMATE_AFTER,
  APPROXIMATE_BEFORE,
  AUXILIARIES,
  COUNT_BOUNDARIES,
  DEATH_OBJECTS,
  INJURY_COMPLEMENTS,
  JOINERS,
  MET_VERBS,
  PARTITIVES,
  PERSON_NOUNS,
  POST_TRIGGERS,
  TOLL_HEADS,
  TOLL_LINKS,
  TOLL_NOUNS,
  TRIGGERS,
  VICTIM_NOUNS,
  type CasualtyKind,
  type TriggerWord,
} from './casualty-words.js';
import { matchPhrase } from './phrases.js';
import {
  isLatinWord,
  OTHERS,
  readItem,
  readPeople,
  readSubcounts,
  startsWithWaw,
  type Item,
  type People,
} from './people.js';

export type { CasualtyKind } from './casualty-words.js';

export interface CasualtyMention {
  tokenStart: number;
  /** Exclusive. */
  tokenEnd: number;
  /** Original offsets. */
  start: number;
  end: number;
  kind: CasualtyKind;
  /**
   * The number of people; null when the report gives none ("سقوط قتلى") or only a vague amount
   * ("عشرات القتلى", "dozens": see `vague`, and `approximate` is then true).
   */
  count: number | null;
  /** "نحو", "أكثر من", "على الأقل", "at least", or a vague amount. */
  approximate: boolean;
  vague: VagueAmount | null;
  civilians: boolean;
  children: number | null;
  women: number | null;
  /**
   * One count shared by several kinds ("مقتل وجرح 10 مدنيين": ten killed or wounded in all).
   * One mention per kind is returned, each with the whole count; do not add them up.
   */
  combined: boolean;
}

/** Tokens a trigger may be separated from its count by: "قتلت قوات النظام 5 مدنيين". */
const MAX_SKIP_TO_COUNT = 3;
/** Auxiliaries between the people and an English post-trigger: "were reportedly killed". */
const MAX_AUXILIARIES = 3;
/** How far a toll's number may be from its noun: "حصيلة القتلى في إدلب إلى 20". */
const MAX_TOLL_GAP = 5;
/** "للمصابين", "بالقتلى": a victim noun after a preposition is talked about, not reported. */
const WITH_PREPOSITION = /^[وف]?(?:ب|ل|لل)/;
/** A definite noun: "المدنيين", "بالمدنيين", "للمدنيين". */
const DEFINITE = /^[وف]?(?:ب|ل|ك)?(?:ال|لل)/;
/**
 * Endings of Arabic nouns for people that the lexicon may lack (nisbas and sound plurals:
 * "فلسطينيين", "سوريين", "أفغانياً"); a count after a strong trigger may take one as its noun.
 */
const PEOPLE_ENDINGS = ['يين', 'يون', 'يا', 'يان', 'ين', 'ون'];
/** How far "لقي" may be from "حتفهم". */
const CONFIRM_WINDOW = 8;

/** Every word a mention can start with; other tokens (most of them) cost one lookup. */
const STARTERS: ReadonlySet<string> = new Set([
  ...TRIGGERS.keys(), ...VICTIM_NOUNS.keys(), ...TOLL_NOUNS, ...numberStartWords(),
  ...APPROXIMATE_BEFORE.keys(),
]);

const STARTER_FILTER = new WordSetFilter(STARTERS);

/** Finds casualty counts in one document's tokens, left to right, without overlaps. */
export function findCasualtyMentions(tokens: Token[]): CasualtyMention[] {
  const out: CasualtyMention[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (!startsWithDigit(t.norm) && !(STARTER_FILTER.mayHave(t.norm) && STARTERS.has(t.norm))) {
      i++;
      continue;
    }
    const next = readMentionAt(tokens, i, out);
    i = next > i ? next : i + 1;
  }
  return out;
}

/** "12", "و12". */
function startsWithDigit(norm: string): boolean {
  const c = norm.charCodeAt(0);
  if (c >= 48 && c <= 57) return true;
  const d = norm.charCodeAt(1);
  return c === 0x648 && d >= 48 && d <= 57;
}

/** Index after the mention that starts at i (pushed onto out), or -1. */
function readMentionAt(tokens: readonly Token[], i: number, out: CasualtyMention[]): number {
  const norm = tokens[i]!.norm;
  const trigger = TRIGGERS.get(norm);
  if (trigger !== undefined) {
    const end = triggerFirst(tokens, i, trigger, out);
    if (end > 0) return end;
  }
  const counted = countFirst(tokens, i, out);
  if (counted > 0) return counted;
  const victim = VICTIM_NOUNS.get(norm);
  if (victim !== undefined && !WITH_PREPOSITION.test(norm)) return victimFirst(tokens, i, out);
  if (TOLL_NOUNS.has(norm)) return englishToll(tokens, i, out);
  return -1;
}

// ---- the four ways a casualty count is written -------------------------------------------

/** "مقتل 5 مدنيين", "مقتل وجرح 10", "killed at least 12 people", "قتلت قوات النظام 5 مدنيين". */
function triggerFirst(tokens: readonly Token[], i: number, trigger: TriggerWord, out: CasualtyMention[]): number {
  const kinds: CasualtyKind[] = [trigger.kind];
  let j = i + 1;
  for (;;) {
    const t = tokens[j];
    if (t === undefined) break;
    const direct = startsWithWaw(t) ? TRIGGERS.get(t.norm) : undefined;
    if (direct !== undefined && !direct.weak && !kinds.includes(direct.kind)) {
      kinds.push(direct.kind);
      j++;
      continue;
    }
    const joined = JOINERS.has(t.norm) ? TRIGGERS.get(tokens[j + 1]?.norm ?? '') : undefined;
    if (joined !== undefined && !joined.weak && !kinds.includes(joined.kind)) {
      kinds.push(joined.kind);
      j += 2;
      continue;
    }
    break;
  }
  if (trigger.confirm !== null && !confirmedWithin(tokens, j, trigger.confirm)) return -1;
  if (tokens[j]?.norm === 'of') j++; // "the killing of 5 civilians", "the arrest of 20 people"

  let item = readItem(tokens, j);
  // "مقتل المدنيين", "قتل النساء", "the killing of civilians": killing in general, no count.
  if (item !== null && !item.numbered && item.person?.number === 'plural') {
    const noun = tokens[item.next - 1]!;
    if (DEFINITE.test(noun.norm) || isLatinWord(noun)) item = null;
  }
  if (item === null || (item.person === null && !countEndsHere(tokens, item, trigger))) {
    item = null;
    // The subject may stand between a verb and its count; then the count must name people.
    // Not for weak triggers: "فقد الجيش 4 جنود" is soldiers lost (killed), not missing.
    for (let s = 1; s <= MAX_SKIP_TO_COUNT && item === null && !trigger.weak; s++) {
      const skipped = tokens[j + s - 1];
      if (skipped === undefined || readNumber(tokens, j + s - 1) !== null || TRIGGERS.has(skipped.norm)) break;
      const candidate = readItem(tokens, j + s);
      if (candidate !== null && candidate.person !== null && candidate.numbered) item = candidate;
    }
  }
  if (item === null) return -1;
  // "جندي قتل وأصيب آخر": "others" belong to the last verb; the first had its subject before it.
  if (kinds.length > 1 && (OTHERS.has(tokens[item.next - 1]!.norm) || OTHERS.has(tokens[item.next - 2]?.norm ?? ''))) {
    kinds.splice(0, kinds.length - 1);
  }
  const people = readPeople(item, tokens);
  let end = people.next;
  if (item.person === null && (VICTIM_NOUNS.has(tokens[end]?.norm ?? '') || looksLikePeople(tokens[end], trigger))) end++; // "إصابة 6000 جريح"
  if (kinds.includes('injured') && INJURY_COMPLEMENTS.has(tokens[end]?.norm ?? '')) end++;
  if (trigger.confirm !== null) end = skipToConfirm(tokens, end, trigger.confirm);
  end = readSubcounts(tokens, end, people);
  emit(out, tokens, i, end, kinds, people);
  return end;
}

/** A count with no noun after a trigger stands only if what follows cannot be its noun. */
function countEndsHere(tokens: readonly Token[], item: Item, trigger: TriggerWord): boolean {
  if (item.vague !== null) return true;
  const next = tokens[item.next];
  if (next === undefined) return !trigger.weak;
  if (INJURY_COMPLEMENTS.has(next.norm) || VICTIM_NOUNS.has(next.norm)) return true;
  if (trigger.weak) return false;
  if (looksLikePeople(next, trigger)) return true;
  return COUNT_BOUNDARIES.has(next.norm) || TRIGGERS.has(next.norm) || (startsWithWaw(next) && next.norm.length > 3);
}

/** "12 قتيلاً", "عشرات القتلى", "10 قتلى وجرحى", "at least 12 people were killed", "12 dead". */
function countFirst(tokens: readonly Token[], i: number, out: CasualtyMention[]): number {
  const item = readItem(tokens, i);
  if (item === null || !item.numbered) return -1;
  const people = readPeople(item, tokens);
  let j = people.next;
  const kinds: CasualtyKind[] = [];

  if (PARTITIVES.has(tokens[j]?.norm ?? '') && item.person === null && VICTIM_NOUNS.has(tokens[j + 1]?.norm ?? '')) j++;
  const victim = VICTIM_NOUNS.get(tokens[j]?.norm ?? '');
  if (victim !== undefined) {
    kinds.push(victim.kind);
    j++;
    j = readSecondVictim(tokens, j, kinds);
    const civilian = PERSON_NOUNS.get(tokens[j]?.norm ?? ''); // "12 قتيلاً مدنياً"
    if (civilian !== undefined && civilian.civilian && !startsWithWaw(tokens[j])) {
      people.civilians = true;
      j++;
    }
  } else {
    // "Five people, including a child, were killed"
    const from = item.person !== null ? readSubcounts(tokens, j, people) : j;
    let k = from;
    while (k - from < MAX_AUXILIARIES && AUXILIARIES.has(tokens[k]?.norm ?? '')) k++;
    const post = POST_TRIGGERS.get(tokens[k]?.norm ?? '');
    if (post === undefined) return -1;
    j = k + 1;
    if (MET_VERBS.has(tokens[k]!.norm)) {
      // "لقوا" is "met": only "لقوا حتفهم/مصرعهم" is dying.
      if (!DEATH_OBJECTS.has(tokens[j]?.norm ?? '')) return -1;
      j++;
    }
    kinds.push(post);
    j = readSecondVictim(tokens, j, kinds);
  }
  const after = matchPhrase(tokens, j, APPROXIMATE_AFTER);
  if (after > 0) {
    people.approximate = true;
    j = after;
  }
  if (kinds.includes('injured') && INJURY_COMPLEMENTS.has(tokens[j]?.norm ?? '')) j++;
  j = readSubcounts(tokens, j, people);
  emit(out, tokens, i, j, kinds, people);
  return j;
}

/** "قتلى وجرحى", "killed or wounded": a second kind sharing the count. */
function readSecondVictim(tokens: readonly Token[], j: number, kinds: CasualtyKind[]): number {
  const t = tokens[j];
  if (t === undefined) return j;
  const attached = startsWithWaw(t) ? (VICTIM_NOUNS.get(t.norm)?.kind ?? POST_TRIGGERS.get(t.norm)) : undefined;
  if (attached !== undefined && !kinds.includes(attached)) {
    kinds.push(attached);
    return j + 1;
  }
  if (JOINERS.has(t.norm)) {
    const n = tokens[j + 1]?.norm ?? '';
    const separate = VICTIM_NOUNS.get(n)?.kind ?? POST_TRIGGERS.get(n);
    if (separate !== undefined && !kinds.includes(separate)) {
      kinds.push(separate);
      return j + 2;
    }
  }
  return j;
}

/** "قتيلان", "سقوط قتلى", "ارتفعت حصيلة القتلى إلى 20". */
function victimFirst(tokens: readonly Token[], i: number, out: CasualtyMention[]): number {
  const victim = VICTIM_NOUNS.get(tokens[i]!.norm)!;
  const people: People = {
    count: victim.number === 'dual' ? 2 : victim.number === 'singular' ? 1 : null,
    vague: null,
    approximate: false,
    civilians: false,
    children: null,
    women: null,
    named: false,
    next: i + 1,
  };
  let j = i + 1;
  if (victim.number === 'plural' && (victim.definite || TOLL_HEADS.has(tokens[i - 1]?.norm ?? ''))) {
    const toll = readToll(tokens, j);
    if (toll !== null) {
      Object.assign(people, { count: toll.count, vague: toll.vague, approximate: toll.approximate });
      j = toll.next;
    } else if (!victim.bare) {
      return -1;
    }
  } else if (!victim.bare) {
    return -1;
  }
  const civilian = PERSON_NOUNS.get(tokens[j]?.norm ?? '');
  if (civilian !== undefined && civilian.civilian && !startsWithWaw(tokens[j])) {
    people.civilians = true;
    j++;
  }
  j = readSubcounts(tokens, j, people);
  emit(out, tokens, i, j, [victim.kind], people);
  return j;
}

/** "death toll rose to 20". */
function englishToll(tokens: readonly Token[], i: number, out: CasualtyMention[]): number {
  const toll = readToll(tokens, i + 1);
  if (toll === null) return -1;
  const start = tokens[i - 1]?.norm === 'death' ? i - 1 : i;
  const people: People = { ...toll, civilians: false, children: null, women: null, named: false };
  emit(out, tokens, start, toll.next, ['killed'], people);
  return toll.next;
}

function readToll(tokens: readonly Token[], j: number): { count: number | null; vague: VagueAmount | null; approximate: boolean; next: number } | null {
  for (let k = j; k < j + MAX_TOLL_GAP && k < tokens.length; k++) {
    if (!TOLL_LINKS.has(tokens[k]!.norm)) continue;
    const item = readItem(tokens, k + 1);
    if (item === null || !item.numbered) return null;
    return { count: item.count, vague: item.vague, approximate: item.approximate, next: item.next };
  }
  return null;
}

// ---- helpers ------------------------------------------------------------------------------

function emit(
  out: CasualtyMention[],
  tokens: readonly Token[],
  tokenStart: number,
  tokenEnd: number,
  kinds: readonly CasualtyKind[],
  people: People,
): void {
  const start = tokens[tokenStart]!.start;
  const end = tokens[tokenEnd - 1]!.end;
  for (const kind of kinds) {
    out.push({
      tokenStart,
      tokenEnd,
      start,
      end,
      kind,
      count: people.count,
      approximate: people.approximate || people.vague !== null,
      vague: people.vague,
      civilians: people.civilians,
      children: people.children,
      women: people.women,
      combined: kinds.length > 1,
    });
  }
}

function confirmedWithin(tokens: readonly Token[], j: number, words: ReadonlySet<string>): boolean {
  for (let k = j; k < j + CONFIRM_WINDOW && k < tokens.length; k++) if (words.has(tokens[k]!.norm)) return true;
  return false;
}

/** Includes "حتفهم"/"مصرعهم" in the mention when it follows directly. */
function skipToConfirm(tokens: readonly Token[], j: number, words: ReadonlySet<string>): number {
  return words.has(tokens[j]?.norm ?? '') ? j + 1 : j;
}

/** "فلسطينيين", "Palestinians": a noun for people the lexicon lacks, after a strong trigger's count. */
function looksLikePeople(t: Token | undefined, trigger: TriggerWord): boolean {
  if (t === undefined || trigger.weak || t.norm.length < 4) return false;
  if (isLatinWord(t)) return t.norm.endsWith('ians') || t.norm.endsWith('ese') || t.norm.endsWith('is');
  if (DEFINITE.test(t.norm) || startsWithWaw(t)) return false;
  for (const e of PEOPLE_ENDINGS) if (t.norm.endsWith(e)) return true;
  return false;
}
