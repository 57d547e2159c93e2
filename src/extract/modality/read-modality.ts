import type { AttributionStatus } from '../../model/event.js';
import type { PhraseMatch } from '../phrases/phrase-index.js';
import { NOT_AN_EVENT, type CueDef, type CueEffect } from './cue-lexicon.js';

export interface ModalityReading {
  /** Set when the trigger names no happening (negated, threatened, alleged, ...). */
  blockedBy: CueEffect | null;
  status: AttributionStatus;
  /** The cue that set the status, so the speaker can be looked for right after it. */
  cue: PhraseMatch<CueDef> | null;
}

const STATUS_OF: Partial<Record<CueEffect, AttributionStatus>> = {
  accused: 'alleged',
  denied: 'denied',
  claimed: 'claimed',
  reported: 'reported',
};

/**
 * Short-range cues are grammatical (لم يقصف, will strike; تنديداً بالقصف, وقف القصف; قضية خطف)
 * and do not cross a comma: "في خرق لاتفاق وقف إطلاق النار، قصفت" reports the shelling.
 */
const CLAUSE_BOUND: ReadonlySet<CueEffect> = new Set(['negated', 'future', 'topic', 'halted', 'judicial']);

/**
 * What the cues standing before a trigger in its sentence do to it. The nearest blocking cue
 * in range wins; otherwise the nearest attribution cue sets the status.
 */
export function readModality(
  cues: readonly PhraseMatch<CueDef>[],
  triggerStart: number,
  sentenceTokenStart: number,
  breaks: Uint8Array,
): ModalityReading {
  let blocked: PhraseMatch<CueDef> | null = null;
  let attributing: PhraseMatch<CueDef> | null = null;
  for (const cue of cues) {
    if (cue.tokenStart < sentenceTokenStart || cue.tokenEnd > triggerStart) continue;
    const distance = triggerStart - cue.tokenEnd;
    if (distance > cue.value.window) continue;
    if (CLAUSE_BOUND.has(cue.value.effect) && crossesBreak(breaks, cue.tokenEnd, triggerStart)) continue;
    if (NOT_AN_EVENT.has(cue.value.effect)) {
      if (!blocked || cue.tokenStart > blocked.tokenStart) blocked = cue;
    } else if (!attributing || cue.tokenStart > attributing.tokenStart) {
      attributing = cue;
    }
  }
  if (blocked) return { blockedBy: blocked.value.effect, status: 'reported', cue: blocked };
  const status = attributing ? (STATUS_OF[attributing.value.effect] ?? 'reported') : 'reported';
  return { blockedBy: null, status, cue: attributing };
}

function crossesBreak(breaks: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i <= to && i < breaks.length; i++) if (breaks[i]) return true;
  return false;
}
