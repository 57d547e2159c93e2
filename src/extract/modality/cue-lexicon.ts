import { z } from 'zod';
import { lexiconPath } from '../../config/home.js';
import { readLexiconData } from '../lexicon/lexicon-data.js';
import { PhraseIndex } from '../phrases/phrase-index.js';

export const CUE_EFFECTS = [
  'negated', 'future', 'threatened', 'planned', 'demanded', 'topic', 'halted', 'hypothetical', 'judicial',
  'attempted', 'alleged', 'accused', 'denied', 'claimed', 'reported',
] as const;
export type CueEffect = (typeof CUE_EFFECTS)[number];

/** Effects under which the trigger names no happening at all. */
export const NOT_AN_EVENT: ReadonlySet<CueEffect> = new Set([
  'negated', 'future', 'threatened', 'planned', 'demanded', 'topic', 'halted', 'hypothetical', 'judicial',
  'attempted', 'alleged',
]);

export interface CueDef {
  effect: CueEffect;
  window: number;
}

const CueGroup = z.object({
  window: z.number().int().positive(),
  ar: z.array(z.string()).default([]),
  en: z.array(z.string()).default([]),
});

export function loadCueLexicon(path = lexiconPath('modality.yaml')): PhraseIndex<CueDef> {
  const raw: unknown = readLexiconData(path);
  const parsed = z.record(z.enum(CUE_EFFECTS), CueGroup).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${path}: ${issue.path.join('.')}: ${issue.message}`);
  }
  const index = new PhraseIndex<CueDef>();
  for (const [effect, group] of Object.entries(parsed.data) as [CueEffect, z.infer<typeof CueGroup>][]) {
    for (const phrase of [...group.ar, ...group.en]) index.add(phrase, { effect, window: group.window });
  }
  return index;
}
