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
