import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { InterCode } from '../../model/event.js';
import { lexiconPath } from '../../config/home.js';
import { normalise } from '../../text/normalise.js';
import type { ActorEntry } from './actor-entry.js';
import { compileCatalogue, type CompiledCatalogue, type SourceFile } from './catalogue-compile.js';
import { defaultCacheDir, readCompiledCache, writeCompiledCache } from './catalogue-cache.js';

export { ACTOR_KINDS, type ActorEntry, type ActorKind, type MentionVia } from './actor-entry.js';

/** One alias ready for matching: its normalised tokens and the variants each token accepts. */
export interface CompiledAlias {
  tokens: readonly string[];
  /** alts[k]: a second spelling token k accepts (-ون for -ين and back), or null. */
  alts: readonly (string | null)[];
  /** Bit k set: token k is an acronym that must be written in capitals (US, IS, WHO). */
  caseMask: number;
  entry: ActorEntry;
  /** 'block': a phrase that contains a name but does not name the actor; it matches, emits nothing. */
  via: 'name' | 'person' | 'block';
}

/** The alias index the matcher walks; built once per catalogue. */
export interface AliasIndex {
  /** Aliases by their first normalised token (and its variant), longest first. */
  byFirst: ReadonlyMap<string, readonly CompiledAlias[]>;
  /**
   * Aliases whose first token starts with the article ال, keyed by that token without it, for
   * text where ل + ال contracted to لل ("للمعارضة"). Longest first.
   */
  byFirstAfterArticle: ReadonlyMap<string, readonly CompiledAlias[]>;
  /** Single-token adjectives of states, normalised: "روسي", "turkish". */
  demonyms: ReadonlyMap<string, ActorEntry>;
}

export interface LoadOptions {
  /** The base catalogue; default lexicon/actors.yaml. */
  basePath?: string;
  /**
   * Where compiled catalogues are cached (keyed by a hash of the files' contents); null turns
   * the disk cache off. Default: MARSAD_CACHE_DIR, else a folder in the OS temp directory.
   */
  cacheDir?: string | null;
}

const memo = new Map<string, ActorCatalogue>();

/**
 * The actor catalogue: lexicon/actors.yaml plus any user files, validated, merged and compiled
 * into an alias index. Parsing YAML and normalising ~3,000 aliases costs ~100 ms, so the compiled
 * form is cached in memory and on disk; a warm load reads one JSON file.
 */
export class ActorCatalogue {
  private readonly byId: ReadonlyMap<string, ActorEntry>;
  readonly aliasIndex: AliasIndex;

  private constructor(private readonly list: readonly ActorEntry[], index: AliasIndex) {
    this.byId = new Map(list.map((e) => [e.id, e]));
    this.aliasIndex = index;
  }

  static load(extraPaths: readonly string[] = [], opts: LoadOptions = {}): ActorCatalogue {
    const files: SourceFile[] = [opts.basePath ?? lexiconPath('actors.yaml'), ...extraPaths].map(readSource);
    const key = cacheKey(files);
    const hit = memo.get(key);
    if (hit) return hit;
    const cacheDir = opts.cacheDir === undefined ? defaultCacheDir() : opts.cacheDir;
    let compiled = cacheDir === null ? null : readCompiledCache(key, cacheDir);
    if (!compiled) {
      compiled = compileCatalogue(files);
      if (cacheDir !== null) writeCompiledCache(key, compiled, cacheDir);
    }
    const cat = ActorCatalogue.fromCompiled(compiled);
    memo.set(key, cat);
    return cat;
  }

  /** Drop the in-memory memo (tests that rewrite a file with the same name). */
  static clearMemo(): void {
    memo.clear();
  }

  private static fromCompiled(c: CompiledCatalogue): ActorCatalogue {
    const entries = c.entries;
    const byFirst = new Map<string, CompiledAlias[]>();
    const afterArticle = new Map<string, CompiledAlias[]>();
    const push = (m: Map<string, CompiledAlias[]>, k: string, a: CompiledAlias): void => {
      const l = m.get(k);
      if (l) l.push(a);
      else m.set(k, [a]);
    };
    for (const [entryIndex, via, caseMask, tokens] of c.aliases) {
      const alts = tokens.map(altSpelling);
      const alias: CompiledAlias = { tokens, alts, caseMask, entry: entries[entryIndex]!, via: via === 1 ? 'person' : via === 2 ? 'block' : 'name' };
      const first = tokens[0]!;
      const firstAlt = alts[0] ?? null;
      push(byFirst, first, alias);
      if (firstAlt) push(byFirst, firstAlt, alias);
      if (first.length >= 4 && first.startsWith('ال')) {
        push(afterArticle, first.slice(2), alias);
        if (firstAlt) push(afterArticle, firstAlt.slice(2), alias);
      }
    }
    const longestFirst = (a: CompiledAlias, b: CompiledAlias): number => b.tokens.length - a.tokens.length;
    for (const l of byFirst.values()) l.sort(longestFirst);
    for (const l of afterArticle.values()) l.sort(longestFirst);
    const demonyms = new Map<string, ActorEntry>();
    for (const [norm, entryIndex] of c.demonyms) demonyms.set(norm, entries[entryIndex]!);
    return new ActorCatalogue(entries, { byFirst, byFirstAfterArticle: afterArticle, demonyms });
  }

  get(id: string): ActorEntry | undefined {
    return this.byId.get(id);
  }

  entries(): ActorEntry[] {
    return [...this.list];
  }

  /** The entry and its ancestors, nearest first ("tiger-forces" → … → "syria-government"). */
  lineage(id: string): ActorEntry[] {
    const out: ActorEntry[] = [];
    for (let e = this.byId.get(id); e && out.length < 16; e = e.parent ? this.byId.get(e.parent) : undefined) out.push(e);
    return out;
  }

  /** True when `id` is `ancestorId` or descends from it. */
  isWithin(id: string, ancestorId: string): boolean {
    return this.lineage(id).some((e) => e.id === ancestorId);
  }

  /** Number of distinct aliases (names and people; not blockers) in the index. */
  aliasCount(): number {
    const seen = new Set<CompiledAlias>();
    for (const l of this.aliasIndex.byFirst.values()) for (const a of l) if (a.via !== 'block') seen.add(a);
    return seen.size;
  }
}

/**
 * ACLED's inter code for an actor in an event in `eventCountry`: a state and its forces are
 * state forces (1) at home and external forces (8) abroad; other actors keep their code.
 */
export function interIn(entry: ActorEntry, eventCountry: string | null | undefined): InterCode {
  if (!eventCountry || !entry.country || (entry.kind !== 'state' && entry.kind !== 'state-forces')) return entry.inter;
  return entry.country === eventCountry.toUpperCase() ? 1 : 8;
}

/**
 * Plural and case endings that news varies freely: -ين (genitive/accusative) and -ون
 * (nominative) on words long enough that the swap cannot make a different word.
 */
export function altSpelling(token: string): string | null {
  if (token.length < 6) return null;
  if (token.endsWith('ين')) return token.slice(0, -2) + 'ون';
  if (token.endsWith('ون')) return token.slice(0, -2) + 'ين';
  return null;
}

function readSource(path: string): SourceFile {
  try {
    return { path, text: readFileSync(path, 'utf8') };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new Error(`actor catalogue ${path}: cannot read the file (${why})`);
  }
}

// Folded into the cache key so that a change to normalisation invalidates compiled catalogues.
const NORMALISATION_PROBE = normalise('أإآ ىة ؤئ ـً ١٢ ÉÈ Hay’at');
const CACHE_FORMAT = 4;

function cacheKey(files: readonly SourceFile[]): string {
  const h = createHash('sha1');
  h.update(`${CACHE_FORMAT}\0${NORMALISATION_PROBE}\0`);
  for (const f of files) h.update(`${f.path}\0${f.text}\0`);
  return h.digest('hex');
}
