import { z } from 'zod';
import { lexiconPath } from '../../config/home.js';
import { readLexiconData } from '../lexicon/lexicon-data.js';
import { EVENT_TYPES, PLOVER_CATEGORIES, type SubEventType } from '../../model/event.js';
import { PhraseIndex } from '../phrases/phrase-index.js';

/** Sub-types decided by the arguments rather than the word (see lexicon/triggers.yaml). */
export const RESOLVED_KINDS = ['territory', 'attack', 'bombardment'] as const;
export type ResolvedKind = (typeof RESOLVED_KINDS)[number];

const SUB_TYPES = Object.values(EVENT_TYPES).flat() as string[];

const TriggerSchema = z.object({
  id: z.string().min(1),
  sub: z.string().refine((s) => SUB_TYPES.includes(s) || (RESOLVED_KINDS as readonly string[]).includes(s), {
    message: 'not an ACLED sub-event type nor territory/attack/bombardment',
  }),
  plover: z.enum(PLOVER_CATEGORIES),
  mode: z.string().min(1),
  places: z.enum(['each', 'one']),
  strength: z.enum(['strong', 'weak', 'instrument']).default('strong'),
  ar: z.array(z.string()).default([]),
  en: z.array(z.string()).default([]),
});

export interface TriggerDef {
  id: string;
  sub: SubEventType | ResolvedKind;
  plover: (typeof PLOVER_CATEGORIES)[number];
  mode: string;
  places: 'each' | 'one';
  strength: 'strong' | 'weak' | 'instrument';
}

export function loadTriggerLexicon(path = lexiconPath('triggers.yaml')): PhraseIndex<TriggerDef> {
  const raw: unknown = readLexiconData(path);
  const parsed = z.array(TriggerSchema).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${path}: entry ${issue.path.join('.')}: ${issue.message}`);
  }
  const index = new PhraseIndex<TriggerDef>();
  for (const t of parsed.data) {
    const def: TriggerDef = {
      id: t.id,
      sub: t.sub as TriggerDef['sub'],
      plover: t.plover,
      mode: t.mode,
      places: t.places,
      strength: t.strength,
    };
    for (const phrase of [...t.ar, ...t.en]) index.add(phrase, def);
  }
  return index;
}
