import { z } from 'zod';
import { lexiconPath } from '../../config/home.js';
import { readLexiconData } from '../lexicon/lexicon-data.js';
import { EVENT_TYPES, PLOVER_CATEGORIES, type SubEventType } from '../../model/event.js';
import { PhraseIndex } from '../phrases/phrase-index.js';
import { normalise } from '../../text/normalise.js';
import { withoutArticle } from '../../text/clitics.js';

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
  strength: z.enum(['strong', 'weak', 'instrument', 'blocker']).default('strong'),
  ar: z.array(z.string()).default([]),
  en: z.array(z.string()).default([]),
});

export interface TriggerDef {
  id: string;
  sub: SubEventType | ResolvedKind;
  plover: (typeof PLOVER_CATEGORIES)[number];
  mode: string;
  places: 'each' | 'one';
  strength: 'strong' | 'weak' | 'instrument' | 'blocker';
}

/**
 * A trigger phrase. Most are written together; a phrase with "..." in it ("ألقت ... براميل",
 * "أعادت ... سيطرتها") is a verb and its object with the subject between them, as Arabic puts
 * it (verb, subject, object): `tails` holds the words that must follow within GAP_MAX tokens.
 */
export interface TriggerPhrase {
  def: TriggerDef;
  /** Normalised words of each acceptable tail, article left off; null for a phrase written together. */
  tails: readonly (readonly string[])[] | null;
}

/** Most tokens between the two parts of a gapped phrase: a subject of up to four words. */
export const GAP_MAX = 4;
const GAP = '...';

export type TriggerLexicon = PhraseIndex<TriggerPhrase>;

export function loadTriggerLexicon(path = lexiconPath('triggers.yaml')): TriggerLexicon {
  const raw: unknown = readLexiconData(path);
  const parsed = z.array(TriggerSchema).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${path}: entry ${issue.path.join('.')}: ${issue.message}`);
  }
  const index = new PhraseIndex<TriggerPhrase>();
  for (const t of parsed.data) {
    const def: TriggerDef = {
      id: t.id,
      sub: t.sub as TriggerDef['sub'],
      plover: t.plover,
      mode: t.mode,
      places: t.places,
      strength: t.strength,
    };
    // Tails of one head and entry are kept together: the index holds one value per head.
    const tailsOf = new Map<string, (readonly string[])[]>();
    for (const phrase of [...t.ar, ...t.en]) {
      const gap = phrase.indexOf(GAP);
      if (gap < 0) {
        index.add(phrase, { def, tails: null });
        continue;
      }
      const head = phrase.slice(0, gap).trim();
      const tail = words(phrase.slice(gap + GAP.length));
      if (head.length === 0 || tail.length === 0 || tail.includes(GAP)) {
        throw new Error(`${path}: entry ${t.id}: "${phrase}" needs words on both sides of one "${GAP}"`);
      }
      let list = tailsOf.get(head);
      if (!list) {
        tailsOf.set(head, (list = []));
        index.add(head, { def, tails: list });
      }
      list.push(tail);
    }
  }
  return index;
}

/** The matching form of a tail's words: normalised, without the article. */
function words(text: string): string[] {
  return normalise(text)
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .map((w) => (w === GAP ? w : withoutArticle(w)));
}
