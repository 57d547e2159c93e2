/**
 * 32-bit FNV-1a over UTF-16 code units. Feature hashing keeps the model a fixed-size vector,
 * so a model file holds only the buckets training touched and unseen words cost nothing.
 * The hash is stable across runs and platforms: a shipped model depends on it.
 */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Continue an FNV-1a hash `h` over the code units of `s`. */
export function fnvAppend(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** Continue a hash over one code unit (used as a separator between parts of a feature). */
export function fnvAppendCode(h: number, code: number): number {
  h ^= code;
  return Math.imul(h, FNV_PRIME) >>> 0;
}

export function fnv1a(s: string): number {
  return fnvAppend(FNV_OFFSET, s);
}
