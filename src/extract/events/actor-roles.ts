import type { Token } from '../../text/tokens.js';
import type { RoleCue, RoleLexicon } from './role-lexicon.js';
import type { ActorMentionLike, ActorRef } from './mention-types.js';

export type ActorRole = 'agent' | 'target' | 'plain';

/** The role word that ends right before a mention ("من قبل", "على", "against"), if any. */
export function roleBefore(tokens: readonly Token[], m: ActorMentionLike, roles: RoleLexicon): ActorRole {
  for (let j = m.tokenStart - 1; j >= Math.max(0, m.tokenStart - 3); j--) {
    const hit = roles.before.matchAt(tokens, j);
    if (hit && hit.tokenEnd === m.tokenStart) return hit.value as Exclude<RoleCue, 'air'> as ActorRole;
  }
  // "على" and "ضد" are often attached as a clitic-like prefix only in English glosses; Arabic
  // writes "لقوات" right after a nominal trigger to name the perpetrator: قصفٌ لقوات النظام.
  return 'plain';
}

/** Two actors on the same side: the same id, or one descends from the other's root. */
export function sameSide(a: ActorRef, b: ActorRef, parentOf: (id: string) => string | null): boolean {
  return rootOf(a.id, parentOf) === rootOf(b.id, parentOf);
}

function rootOf(id: string, parentOf: (id: string) => string | null): string {
  let current = id;
  for (let depth = 0; depth < 5; depth++) {
    const parent = parentOf(current);
    if (!parent) break;
    current = parent;
  }
  return current;
}

export interface RoleChoice {
  actor1: ActorMentionLike | null;
  actor2: ActorMentionLike | null;
}

const NON_COMBATANT_INTER = new Set([6, 7]);

/**
 * Perpetrator and target of one trigger from the actor mentions of its sentence.
 * actor1: an agent-marked mention; else the nearest unmarked mention before the trigger (SVO,
 * and the subject carried from a previous verb: "تمكنت قوات الأسد ... حيث سيطرت"); else the first
 * unmarked one after it (VSO: "قصفت قوات النظام"). actor2: a target-marked mention; else an
 * unmarked mention after the trigger on the other side.
 */
export function chooseRoles(
  tokens: readonly Token[],
  mentions: readonly ActorMentionLike[],
  trigger: { tokenStart: number; tokenEnd: number },
  roles: RoleLexicon,
  parentOf: (id: string) => string | null,
  speakers: ReadonlySet<ActorMentionLike>,
): RoleChoice {
  const tagged = mentions.map((m) => ({ m, role: roleBefore(tokens, m, roles) }));
  const combatant = (m: ActorMentionLike): boolean => !NON_COMBATANT_INTER.has(m.actor.inter);
  let actor1: ActorMentionLike | null =
    tagged.find((t) => t.role === 'agent' && combatant(t.m))?.m ?? null;
  if (!actor1) {
    const before = tagged.filter(
      (t) => t.role === 'plain' && t.m.tokenEnd <= trigger.tokenStart && combatant(t.m) && !speakers.has(t.m),
    );
    actor1 = before.at(-1)?.m ?? null;
  }
  if (!actor1) {
    actor1 =
      tagged.find((t) => t.role === 'plain' && t.m.tokenStart >= trigger.tokenEnd && combatant(t.m) && !speakers.has(t.m))
        ?.m ?? null;
  }
  if (!actor1) actor1 = tagged.find((t) => speakers.has(t.m) && combatant(t.m) && t.m.tokenEnd <= trigger.tokenStart)?.m ?? null;

  const other = (m: ActorMentionLike): boolean =>
    m !== actor1 && (!actor1 || !sameSide(m.actor, actor1.actor, parentOf));
  let actor2: ActorMentionLike | null = tagged.find((t) => t.role === 'target' && other(t.m))?.m ?? null;
  if (!actor2) {
    actor2 =
      tagged.find((t) => t.role === 'plain' && t.m.tokenStart >= trigger.tokenEnd && other(t.m) && !speakers.has(t.m))?.m ??
      null;
  }
  return { actor1, actor2 };
}

/** The catalogue's generic crowd actors, coded as actor1 of a demonstration nobody is named for. */
export interface CrowdActors {
  protesters: ActorRef | null;
  rioters: ActorRef | null;
}

export interface CrowdChoice extends RoleChoice {
  /** No words name the crowd: actor1 is null and this generic actor stands in for it. */
  implied: ActorRef | null;
}

const CROWD_INTER = new Set([5, 6]);
const CIVILIAN_INTER = 7;

/**
 * Roles of a demonstration, coded as ACLED does: actor1 is the crowd — protesters, rioters for
 * a violent demonstration — and actor2 only an armed actor that faced it, when `faced` (police
 * breaking it up, or fighting rioters); a peaceful protest has none. Civilians named as the ones
 * who demonstrate ("تظاهر آلاف المدنيين") are the protesters; those the protest stands for
 * ("تضامناً مع النازحين") are no party to it.
 */
export function crowdRoles(
  chosen: RoleChoice,
  mentions: readonly ActorMentionLike[],
  trigger: { tokenStart: number; tokenEnd: number },
  crowd: CrowdActors,
  violent: boolean,
  faced: boolean,
): CrowdChoice {
  const generic = violent ? (crowd.rioters ?? crowd.protesters) : crowd.protesters;
  const armed = (m: ActorMentionLike | null): ActorMentionLike | null =>
    m !== null && !CROWD_INTER.has(m.actor.inter) && m.actor.inter !== CIVILIAN_INTER ? m : null;
  const actor2 = faced ? (armed(chosen.actor2) ?? armed(chosen.actor1)) : null;
  const named = mentions.find((m) => CROWD_INTER.has(m.actor.inter));
  if (named) return { actor1: named, actor2, implied: null };
  if (generic === null) return { actor1: null, actor2, implied: null };
  // The crowd as the subject: right after the verb (VSO) or right before it.
  const civilians = mentions.find(
    (m) =>
      m.actor.inter === CIVILIAN_INTER &&
      ((m.tokenStart >= trigger.tokenEnd && m.tokenStart - trigger.tokenEnd <= 2) ||
        (m.tokenEnd <= trigger.tokenStart && trigger.tokenStart - m.tokenEnd <= 1)),
  );
  if (civilians) return { actor1: { ...civilians, actor: generic }, actor2, implied: null };
  return { actor1: null, actor2, implied: generic };
}
