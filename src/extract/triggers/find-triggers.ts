import type { Token } from '../../text/tokens.js';
import { strippedForms } from '../../text/clitics.js';
import type { PhraseMatch } from '../phrases/phrase-index.js';
import type { SentenceUnit } from '../events/sentence-units.js';
import { GAP_MAX, type TriggerDef, type TriggerLexicon, type TriggerPhrase } from './trigger-lexicon.js';

export interface TriggerHit {
  tokenStart: number;
  tokenEnd: number;
  def: TriggerDef;
  /** A weapon named next to the trigger that decides its sub-type (chemical, drone, barrel bomb). */
  instrument: TriggerDef | null;
}

const INSTRUMENT_REACH_AFTER = 6;
const INSTRUMENT_REACH_BEFORE = 3;

interface Match {
  tokenStart: number;
  /** Exclusive; for a gapped phrase, the end of its first part (the verb). */
  tokenEnd: number;
  value: TriggerDef;
}

/**
 * Triggers of one sentence. Words that belong to a name (an actor such as هيئة تحرير الشام) are
 * `occupied` and cannot be triggers. Weak triggers (a killing, an attack) give way when a strong
 * one in the sentence names the happening; instruments attach to the nearest attack trigger.
 * `breaks` (clause breaks, see clauseBreaks) keep the two parts of a gapped phrase in one clause.
 */
export function findTriggers(
  tokens: readonly Token[],
  unit: SentenceUnit,
  index: TriggerLexicon,
  occupied: Uint8Array,
  breaks?: Uint8Array,
): TriggerHit[] {
  const matches: Match[] = [];
  // The object of a gapped phrase: part of that phrase, not a trigger of its own.
  let tailStart = -1;
  let tailEnd = -1;
  // A phrase that runs into a name ("Russian warplanes struck") gives way, and the words after
  // the name may still be a trigger of their own ("struck").
  for (let i = unit.tokenStart; i < unit.tokenEnd; i++) {
    if (i >= tailStart && i < tailEnd) continue;
    const m = index.matchAt(tokens, i);
    if (!m || m.tokenEnd > unit.tokenEnd || isOccupied(occupied, m.tokenStart, m.tokenEnd)) continue;
    if (m.value.tails !== null) {
      // The verb is the trigger; the subject between is an actor, read by its own finder.
      const tail = tailAfter(tokens, m, unit, breaks);
      if (tail === null) continue;
      [tailStart, tailEnd] = tail;
    }
    matches.push({ tokenStart: m.tokenStart, tokenEnd: m.tokenEnd, value: m.value.def });
    i = m.tokenEnd - 1;
  }
  const instruments = matches.filter((m) => m.value.strength === 'instrument');
  const strong = matches.filter((m) => m.value.strength === 'strong');
  const hasStrongAssault = strong.some((m) => m.value.plover === 'ASSAULT');
  const hits: TriggerHit[] = [];
  for (const m of matches) {
    // A blocker ("protested to Russia") was matched only so that the trigger word inside it is not.
    if (m.value.strength === 'instrument' || m.value.strength === 'blocker') continue;
    if (m.value.strength === 'weak' && (hasStrongAssault || strong.some((s) => s.value.plover === m.value.plover))) {
      continue;
    }
    hits.push({ tokenStart: m.tokenStart, tokenEnd: m.tokenEnd, def: m.value, instrument: null });
  }
  for (const ins of instruments) {
    const host = nearestAssault(hits, ins);
    if (host) host.instrument = ins.value;
  }
  return hits;
}

/** The tokens of the first of the phrase's tails within GAP_MAX tokens after its head, in the same clause. */
function tailAfter(
  tokens: readonly Token[],
  m: PhraseMatch<TriggerPhrase>,
  unit: SentenceUnit,
  breaks: Uint8Array | undefined,
): [number, number] | null {
  const last = Math.min(m.tokenEnd + GAP_MAX, unit.tokenEnd - 1);
  for (let j = m.tokenEnd; j <= last; j++) {
    if (breaks !== undefined && breaks[j]) return null;
    for (const tail of m.value.tails!) if (j + tail.length <= unit.tokenEnd && tailAt(tokens, j, tail)) return [j, j + tail.length];
  }
  return null;
}

function tailAt(tokens: readonly Token[], j: number, tail: readonly string[]): boolean {
  for (let k = 0; k < tail.length; k++) if (!wordIs(tokens[j + k]!.norm, tail[k]!)) return false;
  return true;
}

/** The token is the word (`want` has no article), with or without the article and attached clitics ("بالبراميل"). */
function wordIs(norm: string, want: string): boolean {
  if (norm === want) return true;
  const forms = strippedForms(norm);
  return forms.has(want) || forms.has('ال' + want);
}

function nearestAssault(hits: TriggerHit[], ins: Match): TriggerHit | null {
  let best: TriggerHit | null = null;
  let bestDistance = Infinity;
  for (const h of hits) {
    if (h.def.plover !== 'ASSAULT') continue;
    const after = ins.tokenStart - h.tokenEnd;
    const before = h.tokenStart - ins.tokenEnd;
    const distance = after >= 0 ? after : before;
    const reach = after >= 0 ? INSTRUMENT_REACH_AFTER : INSTRUMENT_REACH_BEFORE;
    if (distance >= 0 && distance <= reach && distance < bestDistance) {
      best = h;
      bestDistance = distance;
    }
  }
  return best;
}

function isOccupied(occupied: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (occupied[i]) return true;
  return false;
}
