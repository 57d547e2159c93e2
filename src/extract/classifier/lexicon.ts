import { readFileSync } from 'node:fs';
import { lexiconPath } from '../../config/home.js';
import { normalise } from '../../text/normalise.js';
import { stripProclitics, stripSuffixes } from './stemmer.js';

/**
 * Small hand-written word lists (event triggers and cue words) turned into matchers over
 * normalised tokens. A list gives the classifier prior knowledge a few hundred labelled
 * sentences cannot: that قصف and انفجار are the same kind of word, and that لم before one
 * changes what the sentence says.
 */

/** Which list a category comes from: the event type it signals, or a cue. */
export type CategoryKind = 'assault' | 'protest' | 'cue';

export interface Category {
  id: number;
  name: string;
  kind: CategoryKind;
}

/** One word of an entry: its written form (exact entries) or its light stem. */
interface WordKey {
  key: string;
  exact: boolean;
}

export interface Phrase {
  words: WordKey[];
  category: number;
}

/** The three views of a token the matchers use, computed once per token. */
export interface TokenForms {
  norm: string;
  /** Without proclitics (و ف ب ل ك ال). */
  bare: string;
  /** Without proclitics and inflectional suffixes. */
  stem: string;
}

export function tokenForms(norm: string): TokenForms {
  const bare = stripProclitics(norm);
  return { norm, bare, stem: stripSuffixes(bare) };
}

function wordMatches(w: WordKey, f: TokenForms): boolean {
  return w.exact ? f.norm === w.key || f.bare === w.key : f.stem === w.key;
}

/** What the lexicon knows about one word form, computed once per distinct word. */
export interface TokenInfo {
  forms: TokenForms;
  /** Categories of single-word entries it matches. */
  cats: readonly number[] | undefined;
  /** Multi-word entries that may start at it. */
  phrases: readonly Phrase[] | undefined;
}

/** Past this many distinct words the cache is cleared rather than grown without bound. */
const CACHE_LIMIT = 200_000;

export class EventLexicon {
  readonly categories: Category[] = [];
  private readonly byName = new Map<string, number>();
  /** Single-word entries by stem / by exact form → category ids. */
  private readonly stems = new Map<string, number[]>();
  private readonly exact = new Map<string, number[]>();
  /** Multi-word entries indexed by the key of their first word. */
  private readonly phrasesByStem = new Map<string, Phrase[]>();
  private readonly phrasesByExact = new Map<string, Phrase[]>();
  private readonly cache = new Map<string, TokenInfo>();

  /** Parse one list; `source` names it in error messages. */
  addList(text: string, kind: CategoryKind, source: string): void {
    this.cache.clear();
    let category = -1;
    const lines = text.split('\n');
    for (let ln = 0; ln < lines.length; ln++) {
      const line = lines[ln]!.trim();
      if (line === '' || line.startsWith('#')) continue;
      if (line.startsWith('[')) {
        if (!line.endsWith(']') || line.length < 3) {
          throw new Error(`${source}:${ln + 1}: malformed section header "${line}"`);
        }
        category = this.category(line.slice(1, -1).trim(), kind);
        continue;
      }
      if (category < 0) throw new Error(`${source}:${ln + 1}: entry "${line}" before any [section]`);
      const isExact = line.endsWith('!');
      const words = normalise(isExact ? line.slice(0, -1) : line).split(' ').filter((w) => w !== '');
      const keys: WordKey[] = words.map((w) => {
        const f = tokenForms(w);
        return isExact ? { key: f.norm, exact: true } : { key: f.stem, exact: false };
      });
      if (keys.length === 0) continue;
      if (keys.length === 1) {
        const k = keys[0]!;
        addTo(k.exact ? this.exact : this.stems, k.key, category);
      } else {
        const first = keys[0]!;
        const index = first.exact ? this.phrasesByExact : this.phrasesByStem;
        const list = index.get(first.key) ?? [];
        list.push({ words: keys, category });
        index.set(first.key, list);
      }
    }
  }

  categoryId(name: string): number | undefined {
    return this.byName.get(name);
  }

  /** Forms and single-word matches of a normalised word (cached: news vocabulary repeats). */
  tokenInfo(norm: string): TokenInfo {
    const hit = this.cache.get(norm);
    if (hit !== undefined) return hit;
    const forms = tokenForms(norm);
    let cats: number[] | undefined;
    cats = merge(cats, this.stems.get(forms.stem));
    cats = merge(cats, this.exact.get(forms.norm));
    if (forms.bare !== forms.norm) cats = merge(cats, this.exact.get(forms.bare));
    let phrases: Phrase[] | undefined;
    for (const list of [this.phrasesByStem.get(forms.stem), this.phrasesByExact.get(forms.norm), forms.bare !== forms.norm ? this.phrasesByExact.get(forms.bare) : undefined]) {
      if (list !== undefined) phrases = phrases === undefined ? [...list] : phrases.concat(list.filter((p) => !phrases!.includes(p)));
    }
    const info: TokenInfo = { forms, cats, phrases };
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(norm, info);
    return info;
  }

  /**
   * Categories matched at each token (phrases are credited to their first token);
   * `undefined` where nothing matched, which is most tokens.
   */
  match(infos: readonly TokenInfo[]): Array<readonly number[] | undefined> {
    const out: Array<readonly number[] | undefined> = new Array(infos.length);
    for (let i = 0; i < infos.length; i++) {
      const info = infos[i]!;
      let cats: readonly number[] | undefined = info.cats;
      if (info.phrases !== undefined) {
        for (const p of info.phrases) {
          if (i + p.words.length > infos.length) continue;
          let ok = true;
          for (let k = 1; k < p.words.length && ok; k++) ok = wordMatches(p.words[k]!, infos[i + k]!.forms);
          if (ok && (cats === undefined || !cats.includes(p.category))) cats = cats === undefined ? [p.category] : [...cats, p.category];
        }
      }
      out[i] = cats;
    }
    return out;
  }

  private category(name: string, kind: CategoryKind): number {
    const known = this.byName.get(name);
    if (known !== undefined) return known;
    const id = this.categories.length;
    this.categories.push({ id, name, kind });
    this.byName.set(name, id);
    return id;
  }
}

function merge(into: number[] | undefined, ids: readonly number[] | undefined): number[] | undefined {
  if (ids === undefined) return into;
  if (into === undefined) return [...ids];
  for (const id of ids) if (!into.includes(id)) into.push(id);
  return into;
}

function addTo(map: Map<string, number[]>, key: string, id: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [id]);
  else if (!list.includes(id)) list.push(id);
}

/** The list files shipped in lexicon/, with the kind of categories each holds. */
export const LEXICON_FILES: ReadonlyArray<{ file: string; kind: CategoryKind }> = [
  { file: 'triggers-assault.txt', kind: 'assault' },
  { file: 'triggers-protest.txt', kind: 'protest' },
  { file: 'cues.txt', kind: 'cue' },
];

let shipped: EventLexicon | undefined;

/** The lexicon built from the shipped lists; read once per process. */
export function loadEventLexicon(dir?: string): EventLexicon {
  if (dir === undefined && shipped !== undefined) return shipped;
  const lex = new EventLexicon();
  for (const { file, kind } of LEXICON_FILES) {
    const path = dir === undefined ? lexiconPath(file) : `${dir}/${file}`;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new Error(`cannot read trigger list ${path}: ${(e as Error).message}`);
    }
    lex.addList(text, kind, path);
  }
  if (dir === undefined) shipped = lex;
  return lex;
}
