/**
 * Who may do what. Readers see the record; analysts also review incidents; admins do
 * everything; a liaison reads and acts in the coordination log for the one party it is bound to.
 */
export const ROLES = ['viewer', 'analyst', 'admin', 'liaison'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}

/** The caller of a request: a key's user, or the public when reads are open and no key was sent. */
export interface Principal {
  /** Null for the public. */
  user: string | null;
  role: Role | 'public';
  /** The party a liaison acts for; null otherwise. */
  party: string | null;
  /** The API key used (its public id); null for the public. */
  keyId: string | null;
}

export const PUBLIC_PRINCIPAL: Principal = Object.freeze({ user: null, role: 'public', party: null, keyId: null });

/** Review writes (confirm, correct, reject, merge, split). */
export function canReview(p: Principal): boolean {
  return p.role === 'analyst' || p.role === 'admin';
}

/** Coordination writes: a liaison for its own party, an admin for any party it names. */
export function canCoordinate(p: Principal): boolean {
  return p.role === 'liaison' || p.role === 'admin';
}
