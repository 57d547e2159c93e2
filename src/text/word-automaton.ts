/**
 * A set of words stored as a minimal acyclic automaton (a DAWG) in four flat typed arrays.
 *
 * Why not a Set<string>: the Arabic word list spells out every clitic and suffix combination
 * (و + ب + ال + stem + هم ...), some 60 million forms that share their beginnings and endings.
 * As an automaton they take 5 MB, load from disk in milliseconds and answer `has` with one
 * array read or a short edge scan per letter.
 */

/** A source word graph (for example a decoded spell-checker trie) in flat arrays. */
export interface SourceGraph {
  root: number;
  /** 1 where a word may end at the node. */
  terminal: Uint8Array;
  /** Edges of node n are first[n] .. first[n + 1] - 1. */
  first: Uint32Array;
  chars: Uint16Array;
  targets: Uint32Array;
}

/**
 * How a source character is carried into the automaton: a code unit to follow, EPSILON to skip
 * the character (a haraka in the source), or CUT to leave out every word that contains it.
 */
export type CharFold = (code: number) => number;
export const EPSILON = -1;
export const CUT = -2;

/**
 * Stored letters a query letter also stands for: with [['أ', 'ا'], ...] a query ا finds a
 * stored أ, while a query أ finds only أ.
 */
export class LetterVariants {
  private readonly extra = new Map<number, number[]>();
  /** The same as flat tables for hot loops: variants of q are codes[start[q - lo] .. start[q - lo + 1]). */
  readonly lo: number;
  readonly hi: number;
  readonly start: Uint16Array;
  readonly codes: Uint16Array;

  constructor(storedToQuery: readonly (readonly [string, string])[]) {
    for (const [stored, query] of storedToQuery) {
      const q = query.charCodeAt(0);
      const list = this.extra.get(q) ?? [];
      list.push(stored.charCodeAt(0));
      this.extra.set(q, list);
    }
    const queries = [...this.extra.keys()];
    this.lo = queries.length > 0 ? Math.min(...queries) : 1;
    this.hi = queries.length > 0 ? Math.max(...queries) : 0;
    this.start = new Uint16Array(Math.max(0, this.hi - this.lo + 1) + 1);
    const codes: number[] = [];
    for (let q = this.lo; q <= this.hi; q++) {
      this.start[q - this.lo] = codes.length;
      codes.push(...(this.extra.get(q) ?? []));
    }
    this.start[this.start.length - 1] = codes.length;
    this.codes = Uint16Array.from(codes);
  }

  of(query: number): readonly number[] | undefined {
    return this.extra.get(query);
  }
}

/**
 * hasVariant letter by letter, for hot loops that ask about a word and its prefixes at once
 * (a word, then the same word continued by the next one) without building strings. The walk
 * keeps the set of states every spelling variant of the letters so far reaches, so at each
 * step `accepting` is exactly hasVariant of the letters read. One walker is reused: it holds
 * one walk at a time.
 */
export class VariantWalker {
  /** The states reached by the letters read so far (n of them), and room for the next step's. */
  private cur = new Int32Array(8);
  private pending = new Int32Array(8);
  private n = 0;

  constructor(
    private readonly automaton: WordAutomaton,
    private readonly variants: LetterVariants,
  ) {
    this.reset();
  }

  /** Back to the empty word. */
  reset(): void {
    this.cur[0] = 0;
    this.n = 1;
  }

  /** Reads query letter q; false (and no state left) when no stored word goes on with it. */
  advance(q: number): boolean {
    const { automaton, variants } = this;
    const cur = this.cur;
    let m = 0;
    const k = q - variants.lo;
    const hasAlts = k >= 0 && q <= variants.hi;
    for (let i = 0; i < this.n; i++) {
      const s = cur[i]!;
      m = this.add(automaton.step(s, q), m);
      if (hasAlts) {
        const end = variants.start[k + 1]!;
        for (let e = variants.start[k]!; e < end; e++) m = this.add(automaton.step(s, variants.codes[e]!), m);
      }
    }
    const done = this.cur;
    this.cur = this.pending;
    this.pending = done;
    this.n = m;
    return m > 0;
  }

  /** Whether the letters read so far are a word. */
  get accepting(): boolean {
    for (let i = 0; i < this.n; i++) if (this.automaton.isFinal(this.cur[i]!)) return true;
    return false;
  }

  /** Adds state t (if any, and not already there) to the pending set of m states. */
  private add(t: number, m: number): number {
    if (t < 0) return m;
    const p = this.pending;
    for (let i = 0; i < m; i++) if (p[i] === t) return m;
    if (m === p.length) {
      this.pending = new Int32Array(m * 2);
      this.pending.set(p);
    }
    this.pending[m] = t;
    return m + 1;
  }
}

/** States with more edges than this get a direct-lookup row instead of an edge scan. */
const DENSE_MIN_EDGES = 16;

const MAGIC = 0x4d415744; // "MAWD"
const HEADER_WORDS = 6;

export class WordAutomaton {
  /** Row of `dense` for each state, -1 for states searched by scanning their few edges. */
  private readonly rowOf: Int32Array;
  /** dense[row * width + c - lo] is the target for code unit c, or -1. */
  private readonly dense: Int32Array;
  private readonly lo: number;
  private readonly width: number;

  /** Flat arrays as `packed` lays them out; use fromGraph / fromWords / deserialize. */
  constructor(
    private readonly first: Uint32Array,
    private readonly targets: Uint32Array,
    private readonly chars: Uint16Array,
    private readonly terminal: Uint8Array,
    /** Number of distinct words. */
    readonly size: number,
  ) {
    // Near the root most states branch to most letters; a row per such state (built in a few
    // ms at load) makes every step there one array read.
    let lo = 0xffff;
    let hi = 0;
    for (let e = 0; e < chars.length; e++) {
      if (chars[e]! < lo) lo = chars[e]!;
      if (chars[e]! > hi) hi = chars[e]!;
    }
    this.lo = lo;
    this.width = hi >= lo ? hi - lo + 1 : 0;
    this.rowOf = new Int32Array(terminal.length).fill(-1);
    let rows = 0;
    for (let s = 0; s < terminal.length; s++) {
      if (first[s + 1]! - first[s]! > DENSE_MIN_EDGES) this.rowOf[s] = rows++;
    }
    this.dense = new Int32Array(rows * this.width).fill(-1);
    for (let s = 0; s < terminal.length; s++) {
      const row = this.rowOf[s]!;
      if (row < 0) continue;
      for (let e = first[s]!; e < first[s + 1]!; e++) this.dense[row * this.width + chars[e]! - lo] = targets[e]!;
    }
  }

  get stateCount(): number {
    return this.terminal.length;
  }

  has(word: string): boolean {
    let state = 0;
    for (let i = 0; i < word.length && state >= 0; i++) state = this.step(state, word.charCodeAt(i));
    return state >= 0 && this.terminal[state] === 1;
  }

  /**
   * `has` for a query in a coarser spelling than the stored one: each query letter also finds
   * its stored variants (a normalised ا finds أ إ آ ا; a written أ finds only أ). Two variants
   * continuing at one state are rare, and only then does the walk branch.
   */
  hasVariant(word: string, variants: LetterVariants): boolean {
    return this.variantFrom(0, word, 0, variants);
  }

  private variantFrom(state: number, word: string, from: number, variants: LetterVariants): boolean {
    for (let i = from; i < word.length; i++) {
      const q = word.charCodeAt(i);
      let next = this.step(state, q);
      const alts = variants.of(q);
      if (alts !== undefined) {
        for (const v of alts) {
          const t = this.step(state, v);
          if (t < 0) continue;
          if (next >= 0 && this.variantFrom(next, word, i + 1, variants)) return true;
          next = t;
        }
      }
      if (next < 0) return false;
      state = next;
    }
    return this.terminal[state] === 1;
  }

  /** A walker for hasVariant letter by letter (see VariantWalker). */
  variantWalker(variants: LetterVariants): VariantWalker {
    return new VariantWalker(this, variants);
  }

  /** Whether a word ends at `state`. */
  isFinal(state: number): boolean {
    return this.terminal[state] === 1;
  }

  /** The state after reading code unit c, or -1. */
  step(state: number, c: number): number {
    const row = this.rowOf[state]!;
    if (row >= 0) {
      const k = c - this.lo;
      return k >= 0 && k < this.width ? this.dense[row * this.width + k]! : -1;
    }
    const { first, targets, chars } = this;
    const end = first[state + 1]!;
    for (let e = first[state]!; e < end; e++) if (chars[e] === c) return targets[e]!;
    return -1;
  }

  /** Binary layout: header, first[], targets[], chars[], terminal[] (4-byte aligned blocks). */
  serialize(formatVersion: number): Uint8Array {
    const nStates = this.terminal.length;
    const nEdges = this.chars.length;
    const bytes =
      HEADER_WORDS * 4 + (nStates + 1) * 4 + nEdges * 4 + align4(nEdges * 2) + align4(nStates);
    const out = new Uint8Array(bytes);
    const header = new Uint32Array(out.buffer, 0, HEADER_WORDS);
    header[0] = MAGIC;
    header[1] = formatVersion;
    header[2] = nStates;
    header[3] = nEdges;
    header[4] = Math.floor(this.size / 2 ** 32);
    header[5] = this.size % 2 ** 32;
    let off = HEADER_WORDS * 4;
    out.set(new Uint8Array(this.first.buffer, this.first.byteOffset, this.first.byteLength), off);
    off += (nStates + 1) * 4;
    out.set(new Uint8Array(this.targets.buffer, this.targets.byteOffset, this.targets.byteLength), off);
    off += nEdges * 4;
    out.set(new Uint8Array(this.chars.buffer, this.chars.byteOffset, this.chars.byteLength), off);
    off += align4(nEdges * 2);
    out.set(this.terminal, off);
    return out;
  }

  /** Reads what `serialize` wrote; returns null when the bytes are not a complete automaton. */
  static deserialize(data: Uint8Array, formatVersion: number): WordAutomaton | null {
    if (data.byteLength < HEADER_WORDS * 4) return null;
    // Typed-array views need 4-byte alignment; a pooled Buffer may not give it.
    const bytes = data.byteOffset % 4 === 0 ? data : data.slice();
    const header = new Uint32Array(bytes.buffer, bytes.byteOffset, HEADER_WORDS);
    if (header[0] !== MAGIC || header[1] !== formatVersion) return null;
    const nStates = header[2]!;
    const nEdges = header[3]!;
    const size = header[4]! * 2 ** 32 + header[5]!;
    const expected =
      HEADER_WORDS * 4 + (nStates + 1) * 4 + nEdges * 4 + align4(nEdges * 2) + align4(nStates);
    if (nStates === 0 || bytes.byteLength !== expected) return null;
    let off = bytes.byteOffset + HEADER_WORDS * 4;
    const first = new Uint32Array(bytes.buffer, off, nStates + 1);
    off += (nStates + 1) * 4;
    const targets = new Uint32Array(bytes.buffer, off, nEdges);
    off += nEdges * 4;
    const chars = new Uint16Array(bytes.buffer, off, nEdges);
    off += align4(nEdges * 2);
    const terminal = new Uint8Array(bytes.buffer, off, nStates);
    if (first[nStates] !== nEdges) return null;
    return new WordAutomaton(first, targets, chars, terminal, size);
  }

  /**
   * Carries a source graph through a character fold: letters that fold together (أ إ آ ا) merge
   * their continuations, so the result is determinised (subset construction, memoised by the
   * set of source nodes, which keeps the shared endings shared) and then minimised.
   */
  static fromGraph(src: SourceGraph, fold: CharFold): WordAutomaton {
    return minimise(determinise(src, fold));
  }

  /** For tests and small lists. */
  static fromWords(words: Iterable<string>): WordAutomaton {
    const terminal: number[] = [0];
    const edges: Map<number, number>[] = [new Map()];
    for (const w of words) {
      let s = 0;
      for (let i = 0; i < w.length; i++) {
        const c = w.charCodeAt(i);
        let t = edges[s]!.get(c);
        if (t === undefined) {
          t = terminal.length;
          terminal.push(0);
          edges.push(new Map());
          edges[s]!.set(c, t);
        }
        s = t;
      }
      terminal[s] = 1;
    }
    return minimise({ terminal, edges });
  }
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

/** A deterministic automaton while it is being built: state 0 is the start. */
interface LooseDfa {
  terminal: number[];
  edges: Map<number, number>[];
}

function determinise(src: SourceGraph, fold: CharFold): LooseDfa {
  const { first, targets } = src;
  const nNodes = src.terminal.length;
  // Fold every edge once; remember which nodes have skipped-character edges at all.
  const memo = new Map<number, number>();
  const edgeFold = new Int32Array(src.chars.length);
  const hasEpsilon = new Uint8Array(nNodes);
  for (let n = 0; n < nNodes; n++) {
    for (let e = first[n]!; e < first[n + 1]!; e++) {
      const c = src.chars[e]!;
      let f = memo.get(c);
      if (f === undefined) {
        f = fold(c);
        memo.set(c, f);
      }
      edgeFold[e] = f;
      if (f === EPSILON) hasEpsilon[n] = 1;
    }
  }

  /** Sorted, duplicate-free set of source nodes plus everything reachable by skipped chars. */
  const closure = (nodes: number[]): number[] => {
    if (nodes.length === 1 && hasEpsilon[nodes[0]!] === 0) return nodes;
    const seen = new Set<number>(nodes);
    const stack = [...nodes];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (hasEpsilon[n] === 0) continue;
      for (let e = first[n]!; e < first[n + 1]!; e++) {
        if (edgeFold[e] !== EPSILON) continue;
        const t = targets[e]!;
        if (!seen.has(t)) {
          seen.add(t);
          stack.push(t);
        }
      }
    }
    return [...seen].sort((a, b) => a - b);
  };

  const dfa: LooseDfa = { terminal: [], edges: [] };
  const ids = new Map<string, number>();
  const sets: number[][] = [];
  const intern = (set: number[]): number => {
    const key = set.length === 1 ? String(set[0]) : set.join(',');
    let id = ids.get(key);
    if (id === undefined) {
      id = sets.length;
      ids.set(key, id);
      sets.push(set);
      let term = 0;
      for (const n of set) term |= src.terminal[n]!;
      dfa.terminal.push(term);
      dfa.edges.push(new Map());
    }
    return id;
  };

  intern(closure([src.root]));
  const byChar = new Map<number, number[]>();
  for (let s = 0; s < sets.length; s++) {
    byChar.clear();
    for (const n of sets[s]!) {
      for (let e = first[n]!; e < first[n + 1]!; e++) {
        const f = edgeFold[e]!;
        if (f < 0) continue;
        const list = byChar.get(f);
        if (list === undefined) byChar.set(f, [targets[e]!]);
        else list.push(targets[e]!);
      }
    }
    const out = dfa.edges[s]!;
    for (const [c, nodes] of byChar) out.set(c, intern(closure(nodes)));
  }
  return dfa;
}

/**
 * Merges states with the same ending set (acyclic, so one post-order pass with a register of
 * signatures is exact), drops states that lead to no word, and packs the result with state 0
 * as the start.
 */
function minimise(dfa: LooseDfa): WordAutomaton {
  const n = dfa.terminal.length;
  const canon = new Int32Array(n).fill(-2); // -2 unvisited, -1 dead (no word below)
  const register = new Map<string, number>();
  const outTerminal: number[] = [];
  const outEdges: [number, number][][] = [];
  const outCount: number[] = [];

  // Iterative post-order: a state is registered once all its children are.
  const stack: number[] = [0];
  const expanded = new Uint8Array(n);
  while (stack.length > 0) {
    const s = stack[stack.length - 1]!;
    if (canon[s] !== -2) {
      stack.pop();
      continue;
    }
    if (expanded[s] === 0) {
      expanded[s] = 1;
      for (const t of dfa.edges[s]!.values()) if (canon[t] === -2) stack.push(t);
      continue;
    }
    stack.pop();
    const edges: [number, number][] = [];
    for (const [c, t] of dfa.edges[s]!) if (canon[t]! >= 0) edges.push([c, canon[t]!]);
    edges.sort((a, b) => a[0] - b[0]);
    const term = dfa.terminal[s]!;
    if (edges.length === 0 && term === 0) {
      canon[s] = -1;
      continue;
    }
    let sig = term === 1 ? 'T' : 'N';
    for (const [c, t] of edges) sig += String.fromCharCode(c) + t;
    let id = register.get(sig);
    if (id === undefined) {
      id = outTerminal.length;
      register.set(sig, id);
      outTerminal.push(term);
      outEdges.push(edges);
      let count = term;
      for (const [, t] of edges) count += outCount[t]!;
      outCount.push(count);
    }
    canon[s] = id;
  }

  const rootOld = canon[0]!;
  if (rootOld < 0) {
    // An empty list: one start state with no edges.
    return packed([0], [[]], 0, 0);
  }
  return packed(outTerminal, outEdges, rootOld, outCount[rootOld]!);
}

/** Renumbers breadth-first from the root (the root becomes 0) into flat arrays. */
function packed(
  terminal: number[],
  edges: [number, number][][],
  root: number,
  size: number,
): WordAutomaton {
  const order: number[] = [root];
  const newId = new Map<number, number>([[root, 0]]);
  for (let i = 0; i < order.length; i++) {
    for (const [, t] of edges[order[i]!]!) {
      if (!newId.has(t)) {
        newId.set(t, order.length);
        order.push(t);
      }
    }
  }
  let nEdges = 0;
  for (const s of order) nEdges += edges[s]!.length;
  const first = new Uint32Array(order.length + 1);
  const targets = new Uint32Array(nEdges);
  const chars = new Uint16Array(nEdges);
  const term = new Uint8Array(order.length);
  let e = 0;
  order.forEach((s, i) => {
    first[i] = e;
    term[i] = terminal[s]!;
    for (const [c, t] of edges[s]!) {
      chars[e] = c;
      targets[e] = newId.get(t)!;
      e++;
    }
  });
  first[order.length] = e;
  return new WordAutomaton(first, targets, chars, term, size);
}
