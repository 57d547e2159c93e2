import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys: "mk_<id>_<secret>". The id (12 hex digits) is public — it names the key in lists,
 * the audit log and rate limits; the secret is 32 random bytes. Only a SHA-256 of id and secret is
 * kept: with 256 bits of entropy a fast hash is as safe as a slow one, and checking a key on every
 * request stays cheap.
 */
const KEY_PATTERN = /^mk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface NewKey {
  id: string;
  /** The whole key, shown once to whoever created it. */
  key: string;
  hash: string;
}

export function hashKey(id: string, secret: string): string {
  return createHash('sha256').update(`${id}.${secret}`).digest('hex');
}

export function generateKey(): NewKey {
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, key: `mk_${id}_${secret}`, hash: hashKey(id, secret) };
}

/** The id and secret of a well-formed key; null for anything else. */
export function parseKey(key: string): { id: string; secret: string } | null {
  const m = KEY_PATTERN.exec(key);
  return m ? { id: m[1]!, secret: m[2]! } : null;
}

/** Constant-time comparison of a presented key with the stored hash. */
export function keyMatches(id: string, secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashKey(id, secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
