import { WordMemo } from './memo.js';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
// A static import: requiring this ES module lazily breaks on its dependencies' import-only export maps.
import { importTrie, type TrieNode } from 'cspell-trie-lib';
import { marsadHome } from '../config/home.js';
import { foldChar } from './normalise.js';
import {
  CUT,
  EPSILON,
  LetterVariants,
  WordAutomaton,
  type CharFold,
  type SourceGraph,
} from './word-automaton.js';

/** A list of valid words, queried with words already passed through normalise(). */
export interface WordList {
  has(normalisedWord: string): boolean;
  /** Number of distinct stored forms. */
  size: number;
  /**
   * Optional stricter check on a word as written (see writtenForm): a letter written with its
   * mark (أ إ آ ؤ ئ ة ى) must be so in the list, while a plain letter may stand for a marked one,
   * since leaving hamza out is common spelling and adding a wrong one is not. normalise() turns
   * the fragment 'وية' (of 'كيماوية') into the word 'ويه' and 'مسؤ' into 'مسو'; as written they
   * stay fragments, while 'ان' is still 'أن'.
   */
  hasAsWritten?(writtenWord: string): boolean;
  /**
   * hasAsWritten for a one-off query (two words joined to test a repair): answered without
   * caching, so that candidates that never recur do not push real words out of the cache.
   */
  hasOnceAsWritten?(writtenWord: string): boolean;
  /**
   * For hot loops that test a word and its continuations without building strings: an
   * automaton whose `has`, walked by hand (see WordAutomaton.step), is exactly hasAsWritten
   * and hasOnceAsWritten. It is the list's own, not a copy.
   */
  writtenAutomaton?(): WordAutomaton;
}

export interface LoadWordListOptions {
  /** Where the compiled list is cached; default MARSAD_HOME/cache. */
  cacheDir?: string;
}

/** Bump when the compiled layout or the stored spelling changes, so old caches are ignored. */
const FORMAT_VERSION = 5;

const DICT_PACKAGE = '@cspell/dict-ar';

/** The marked letters and the plain ones normalise() folds them into. */
const MARKED_LETTERS = new LetterVariants(
  [...'أإآؤئىة'].map((marked) => [marked, foldChar(marked)] as const),
);

/**
 * Forms are stored as written (see writtenForm). A normalised query has only plain letters, so
 * one question answers both: each plain letter may be any of its marked forms, and a marked
 * letter (only in a written query) must match itself. The automaton is compiled for exactly
 * that question (WordAutomaton.forQueries), so each answer is one deterministic walk.
 */
class ArabicWordList implements WordList {
  private readonly walk = new WordMemo((w) => this.automaton.has(w));
  /** `automaton` answers queries: see forQueries. */
  constructor(private readonly automaton: WordAutomaton) {}

  get size(): number {
    return this.automaton.size;
  }

  has(normalisedWord: string): boolean {
    return this.walk.get(normalisedWord);
  }

  hasAsWritten(writtenWord: string): boolean {
    return this.walk.get(writtenWord);
  }

  hasOnceAsWritten(writtenWord: string): boolean {
    return this.automaton.has(writtenWord);
  }

  writtenAutomaton(): WordAutomaton {
    return this.automaton;
  }
}

/**
 * A word as written, for `hasAsWritten`: harakat, tatweel and direction marks dropped, Persian
 * yeh and kaf read as Arabic, alef wasla as alef; every other letter kept.
 */
export function writtenForm(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = writtenCode(word.charCodeAt(i));
    if (c >= 0) out += String.fromCharCode(c);
  }
  return out;
}

/** The stored code unit for a written one; -1 when dropped. */
function writtenCode(code: number): number {
  if (code === 0x06cc) return 0x064a; // Persian yeh
  if (code === 0x06a9) return 0x0643; // Persian kaf
  if (code === 0x0671) return 0x0627; // alef wasla
  return foldChar(String.fromCharCode(code)).length === 0 ? -1 : code;
}

let loaded: WordList | undefined;

/**
 * The Arabic word list of @cspell/dict-ar (Ayaspell, every clitic and suffix form spelled out:
 * ~60 million forms), compiled into an automaton of written forms that answers normalised
 * queries too (see ArabicWordList).
 *
 * Decoding the package's trie takes seconds, so the first call compiles it once and caches the
 * result under MARSAD_HOME/cache, keyed by the package version; later calls (and later
 * processes) read the cache in milliseconds. Without `cacheDir` the list is loaded once per
 * process and shared.
 */
export function loadArabicWordList(opts: LoadWordListOptions = {}): WordList {
  if (opts.cacheDir === undefined && loaded !== undefined) return loaded;
  const dict = locateDictionary();
  const cacheDir = opts.cacheDir ?? join(marsadHome(), 'cache');
  const cacheFile = join(cacheDir, `ar-words-${dict.version}-${dict.bytes}-f${FORMAT_VERSION}.dawg`);
  const list = new ArabicWordList(readCache(cacheFile) ?? compileAndCache(dict.triePath, cacheFile));
  if (opts.cacheDir === undefined) loaded = list;
  return list;
}

interface DictionaryFiles {
  triePath: string;
  version: string;
  bytes: number;
}

function locateDictionary(): DictionaryFiles {
  const require = createRequire(import.meta.url);
  let dir: string;
  try {
    // The package exports only its cspell config; its folder holds the trie beside it.
    dir = dirname(require.resolve(`${DICT_PACKAGE}/cspell-ext.json`));
  } catch {
    throw new Error(
      `Arabic word list: npm package ${DICT_PACKAGE} is not installed (run npm install in the Marsad folder)`,
    );
  }
  const triePath = join(dir, 'ar.trie.gz');
  let version: string;
  let bytes: number;
  try {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: unknown };
    version = typeof pkg.version === 'string' ? pkg.version : 'unknown';
    bytes = statSync(triePath).size;
  } catch (err) {
    throw new Error(`Arabic word list: cannot read ${triePath}: ${(err as Error).message}`);
  }
  return { triePath, version, bytes };
}

function readCache(file: string): WordAutomaton | null {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    return null;
  }
  // A truncated or foreign file is rebuilt rather than trusted.
  return WordAutomaton.deserialize(data, FORMAT_VERSION);
}

function compileAndCache(triePath: string, cacheFile: string): WordAutomaton {
  let raw: string;
  try {
    raw = gunzipSync(readFileSync(triePath)).toString('utf8');
  } catch (err) {
    throw new Error(`Arabic word list: cannot read ${triePath}: ${(err as Error).message}`);
  }
  // importTrie gives plain objects ({f, c}), much faster to walk than decodeTrie's node views.
  const graph = trieToGraph(importTrie(raw), foldToStored);
  // Stored as written, then compiled for queries that may leave marks out (see ArabicWordList).
  const automaton = WordAutomaton.fromGraph(graph, foldToStored).forQueries(MARKED_LETTERS);
  try {
    mkdirSync(dirname(cacheFile), { recursive: true });
    // Write then rename, so a concurrent reader never sees half a file.
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(tmp, automaton.serialize(FORMAT_VERSION));
    renameSync(tmp, cacheFile);
  } catch (err) {
    process.emitWarning(
      `Arabic word list: could not cache to ${cacheFile} (${(err as Error).message}); it will be recompiled next run`,
    );
  }
  return automaton;
}

/** Written Arabic letters only: words with digits, Latin letters or ':' markers are left out. */
function foldToStored(code: number): number {
  const c = writtenCode(code);
  if (c < 0) return EPSILON;
  return c >= 0x0621 && c <= 0x064a && c !== 0x0640 ? c : CUT;
}

/**
 * Flattens cspell's trie (a DAWG: node objects are shared) into arrays, leaving out edges the
 * fold cuts, such as the whole accent-stripped '~' copy of the list.
 */
function trieToGraph(root: TrieNode, fold: CharFold): SourceGraph {
  const index = new Map<TrieNode, number>([[root, 0]]);
  const nodes: TrieNode[] = [root];
  const first: number[] = [];
  const chars: number[] = [];
  const targets: number[] = [];
  const terminal: number[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    first.push(chars.length);
    terminal.push(node.f === 1 ? 1 : 0);
    const children = node.c ?? {};
    for (const key in children) {
      // Keys are single UTF-16 units for this dictionary; anything longer is not a letter.
      if (key.length !== 1 || fold(key.charCodeAt(0)) === CUT) continue;
      const child = children[key]!;
      let t = index.get(child);
      if (t === undefined) {
        t = nodes.length;
        index.set(child, t);
        nodes.push(child);
      }
      chars.push(key.charCodeAt(0));
      targets.push(t);
    }
  }
  first.push(chars.length);
  return {
    root: 0,
    terminal: Uint8Array.from(terminal),
    first: Uint32Array.from(first),
    chars: Uint16Array.from(chars),
    targets: Uint32Array.from(targets),
  };
}
