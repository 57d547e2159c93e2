import { z } from 'zod';
import { lexiconPath } from '../../config/home.js';
import { readLexiconData } from '../lexicon/lexicon-data.js';
import { PhraseIndex } from '../phrases/phrase-index.js';

export type RoleCue = 'agent' | 'target' | 'air' | 'undergo';

export interface RoleLexicon {
  /** Phrases that may end right before an actor mention. */
  before: PhraseIndex<RoleCue>;
  air: PhraseIndex<RoleCue>;
  /** Verbs of undergoing: the places between one and its trigger are what was hit ("تعرضت بلدة X لقصف"). */
  undergo: PhraseIndex<RoleCue>;
}

const Schema = z.object({
  agent_before: z.array(z.string()),
  target_before: z.array(z.string()),
  air_cues: z.array(z.string()),
  undergo_before: z.array(z.string()),
});

export function loadRoleLexicon(path = lexiconPath('roles.yaml')): RoleLexicon {
  const parsed = Schema.safeParse(readLexiconData(path));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${path}: ${issue.path.join('.')}: ${issue.message}`);
  }
  const before = new PhraseIndex<RoleCue>();
  for (const p of parsed.data.agent_before) before.add(p, 'agent');
  for (const p of parsed.data.target_before) before.add(p, 'target');
  const air = new PhraseIndex<RoleCue>();
  for (const p of parsed.data.air_cues) air.add(p, 'air');
  const undergo = new PhraseIndex<RoleCue>();
  for (const p of parsed.data.undergo_before) undergo.add(p, 'undergo');
  return { before, air, undergo };
}
