import type { Token } from '../../text/tokens.js';
import type { PhraseIndex, PhraseMatch } from '../phrases/phrase-index.js';
import type { SentenceUnit } from '../events/sentence-units.js';
import type { TriggerDef } from './trigger-lexicon.js';

export interface TriggerHit {
  tokenStart: number;
  tokenEnd: number;
  def: TriggerDef;
  /** A weapon named next to the trigger that decides its sub-type (chemical, drone, barrel bomb). */
  instrument: TriggerDef | null;
}

const INSTRUMENT_REACH_AFTER = 6;
const INSTRUMENT_REACH_BEFORE = 3;

/**
 * Triggers of one sentence. Words that belong to a name (an actor such as هيئة تحرير الشام) are
 * `occupied` and cannot be triggers. Weak triggers (a killing, an attack) give way when a strong
 * one in the sentence names the happening; instruments attach to the nearest attack trigger.
 */
export function findTriggers(
  tokens: readonly Token[],
  unit: SentenceUnit,
  index: PhraseIndex<TriggerDef>,
  occupied: Uint8Array,
): TriggerHit[] {
  const matches: PhraseMatch<TriggerDef>[] = [];
  // A phrase that runs into a name ("Russian warplanes struck") gives way, and the words after
  // the name may still be a trigger of their own ("struck").
  for (let i = unit.tokenStart; i < unit.tokenEnd; i++) {
    const m = index.matchAt(tokens, i);
    if (!m || m.tokenEnd > unit.tokenEnd || isOccupied(occupied, m.tokenStart, m.tokenEnd)) continue;
    matches.push(m);
    i = m.tokenEnd - 1;
  }
  const instruments = matches.filter((m) => m.value.strength === 'instrument');
  const strong = matches.filter((m) => m.value.strength === 'strong');
  const hasStrongAssault = strong.some((m) => m.value.plover === 'ASSAULT');
  const hits: TriggerHit[] = [];
  for (const m of matches) {
    if (m.value.strength === 'instrument') continue;
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

function nearestAssault(hits: TriggerHit[], ins: PhraseMatch<TriggerDef>): TriggerHit | null {
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
