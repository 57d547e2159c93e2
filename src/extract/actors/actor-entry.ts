import type { InterCode } from '../../model/event.js';

export const ACTOR_KINDS = [
  'state-forces',
  'state',
  'armed-group',
  'militia',
  'civilians',
  'protesters',
  'organisation',
  'unidentified',
] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** One actor of the catalogue, after merging the base file and the user's files. */
export interface ActorEntry {
  id: string;
  /** English display name, ACLED style. */
  name: string;
  /** ACLED actor type in the actor's usual theatre (see interIn for state actors abroad). */
  inter: InterCode;
  country: string | null;
  kind: ActorKind;
  parent: string | null;
  aliases_ar: readonly string[];
  aliases_en: readonly string[];
  /** Officials who speak or act for the actor. */
  people: readonly string[];
  /** Adjectives of a state, used only for the backer of "X-backed Y". */
  demonyms_ar: readonly string[];
  demonyms_en: readonly string[];
  /** Phrases that contain one of the names but do not name this actor ("وزير الدفاع الوطني"). */
  not_aliases: readonly string[];
  note: string | null;
}

/** How a mention names its actor: by one of its names, by an official, or by an adjective. */
export type MentionVia = 'name' | 'person' | 'demonym';
