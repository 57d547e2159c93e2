/**
 * A set of words stored as a minimal acyclic automaton (a DAWG) in two flat typed arrays.
 *
 * Why not a Set<string>: the Arabic word list spells out every clitic and suffix combination
 * (و + ب + ال + stem + هم ...), some 60 million forms that share their beginnings and endings.
 * As an automaton they take 6 MB, load from disk in milliseconds (the file is the layout the
 * walks use) and answer `has` with one array read or a short edge scan per letter.
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

  constructor(storedToQuery: readonly (readonly [string, string])[]) {
    for (const [stored, query] of storedToQuery) {
      const q = query.charCodeAt(0);
      const list = this.extra.get(q) ?? [];
      list.push(stored.charCodeAt(0));
      this.extra.set(q, list);
    }
  }

  of(query: number): readonly number[] | undefined {
    return this.extra.get(query);
  }

  /** The query letters that also find stored letter c. */
  queriesFor(stored: number): number[] {
    const out: number[] = [];
    for (const [q, list] of this.extra) if (list.includes(stored)) out.push(q);
    return out;
  }
}

/** States with more edges than this get a direct-lookup row instead of an edge scan. */
const DENSE_MIN_EDGES = 16;

const MAGIC = 0x4d415744; // "MAWD"
const HEADER_WORDS = 10;

/**
 * The automaton in the layout it is walked in, which is also what `serialize` writes, so that
 * loading is taking views of the file.
 *
 * A state is the offset of its record in `rec` (the start state is 0). A record is a header,
 * (info << 1) | final, where info is the number of edges, or DENSE_MIN_EDGES + 1 + the state's
 * row of `dense`; a state without a row follows its header with its edges, one int32 each:
 * (target << letterBits) | (code unit - lo). A step reads one cache line, seldom two. Near the
 * start most states branch to most letters; their rows (dense[row * width + c - lo]: the target
 * or -1) make every step there one array read.
 */
interface Layout {
  rec: Int32Array;
  dense: Int32Array;
  lo: number;
  width: number;
  letterBits: number;
  stateCount: number;
  /** Number of distinct words. */
  size: number;
}

export class WordAutomaton {
  private readonly rec: Int32Array;
  private readonly dense: Int32Array;
  private readonly lo: number;
  private readonly width: number;
  private readonly letterBits: number;
  private readonly letterMask: number;
  /** Number of states. */
  readonly stateCount: number;
  /** Number of distinct words. */
  readonly size: number;

  /** Use fromGraph / fromWords / deserialize. */
  private constructor(layout: Layout) {
    this.rec = layout.rec;
    this.dense = layout.dense;
    this.lo = layout.lo;
    this.width = layout.width;
    this.letterBits = layout.letterBits;
    this.letterMask = (1 << layout.letterBits) - 1;
    this.stateCount = layout.stateCount;
    this.size = layout.size;
  }

  /** States are offsets below this (see step). */
  get stateLimit(): number {
    return this.rec.length;
  }

  has(word: string): boolean {
    let state = 0;
    for (let i = 0; i < word.length && state >= 0; i++) state = this.step(state, word.charCodeAt(i));
    return state >= 0 && this.isFinal(state);
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
    return this.isFinal(state);
  }

  /**
   * An automaton whose `has` answers what this one's hasVariant(·, variants) does, with one
   * state per letter instead of a walk that branches wherever a plain letter may be several
   * stored ones (after ال, a query ا is ا, أ, إ or آ). Built by giving each stored marked
   * letter a parallel edge under the plain query letter and determinising. `size` stays the
   * number of stored forms.
   */
  forQueries(variants: LetterVariants): WordAutomaton {
    const graph = this.toGraph();
    const extra = new Map<number, number[]>();
    for (const c of graph.chars) if (!extra.has(c)) extra.set(c, variants.queriesFor(c));
    const first: number[] = [];
    const chars: number[] = [];
    const targets: number[] = [];
    for (let n = 0; n < graph.terminal.length; n++) {
      first.push(chars.length);
      for (let e = graph.first[n]!; e < graph.first[n + 1]!; e++) {
        for (const c of [graph.chars[e]!, ...extra.get(graph.chars[e]!)!]) {
          chars.push(c);
          targets.push(graph.targets[e]!);
        }
      }
    }
    first.push(chars.length);
    const withVariants: SourceGraph = {
      root: 0,
      terminal: graph.terminal,
      first: Uint32Array.from(first),
      chars: Uint16Array.from(chars),
      targets: Uint32Array.from(targets),
    };
    return new WordAutomaton({ ...minimise(determinise(withVariants, (c) => c)), size: this.size });
  }

  /** The states as a SourceGraph, numbered in record order (the start state is node 0). */
  private toGraph(): SourceGraph {
    const node = new Int32Array(this.rec.length).fill(-1);
    const offsets: number[] = [];
    for (let o = 0; o < this.rec.length; o += this.recordLength(o)) {
      node[o] = offsets.length;
      offsets.push(o);
    }
    const first: number[] = [];
    const chars: number[] = [];
    const targets: number[] = [];
    const terminal = new Uint8Array(offsets.length);
    offsets.forEach((o, n) => {
      first.push(chars.length);
      terminal[n] = this.isFinal(o) ? 1 : 0;
      this.forEachEdge(o, (c, t) => {
        chars.push(c);
        targets.push(node[t]!);
      });
    });
    first.push(chars.length);
    return {
      root: 0,
      terminal,
      first: Uint32Array.from(first),
      chars: Uint16Array.from(chars),
      targets: Uint32Array.from(targets),
    };
  }

  private recordLength(state: number): number {
    const info = this.rec[state]! >> 1;
    return info > DENSE_MIN_EDGES ? 1 : 1 + info;
  }

  private forEachEdge(state: number, f: (c: number, target: number) => void): void {
    const info = this.rec[state]! >> 1;
    if (info > DENSE_MIN_EDGES) {
      const row = (info - DENSE_MIN_EDGES - 1) * this.width;
      for (let k = 0; k < this.width; k++) if (this.dense[row + k]! >= 0) f(this.lo + k, this.dense[row + k]!);
      return;
    }
    for (let e = state + 1; e <= state + info; e++) f((this.rec[e]! & this.letterMask) + this.lo, this.rec[e]! >>> this.letterBits);
  }

  /*
   * Walking by hand, for hot loops that ask about a word and its continuations (a word, then the
   * same word followed by the next one) without building strings: start at state 0, `step` each
   * code unit, and `isFinal` tells whether the letters read so far are a word.
   */

  /** Whether a word ends at `state` (a state `step` returned, not -1). */
  isFinal(state: number): boolean {
    return (this.rec[state]! & 1) === 1;
  }

  /** Bit i set when code unit base + i (i < 32) leads on from `state` (a state, not -1). */
  nextMask(state: number, base: number): number {
    let mask = 0;
    const info = this.rec[state]! >> 1;
    if (info > DENSE_MIN_EDGES) {
      const row = (info - DENSE_MIN_EDGES - 1) * this.width;
      for (let i = 0; i < 32; i++) {
        const k = base - this.lo + i;
        if (k >= 0 && k < this.width && this.dense[row + k]! >= 0) mask |= 1 << i;
      }
      return mask;
    }
    for (let e = state + 1; e <= state + info; e++) {
      const i = (this.rec[e]! & this.letterMask) + this.lo - base;
      if (i >= 0 && i < 32) mask |= 1 << i;
    }
    return mask;
  }

  /** The state after reading code unit c from `state`, or -1. */
  step(state: number, c: number): number {
    const rec = this.rec;
    const info = rec[state]! >> 1;
    const k = c - this.lo;
    if (k < 0 || k >= this.width) return -1;
    if (info > DENSE_MIN_EDGES) return this.dense[(info - DENSE_MIN_EDGES - 1) * this.width + k]!;
    for (let e = state + 1; e <= state + info; e++) {
      const edge = rec[e]!;
      if ((edge & this.letterMask) === k) return edge >>> this.letterBits;
    }
    return -1;
  }

  /** Binary layout: header, rec[], dense[]. */
  serialize(formatVersion: number): Uint8Array {
    const out = new Uint8Array(HEADER_WORDS * 4 + this.rec.byteLength + this.dense.byteLength);
    const header = new Uint32Array(out.buffer, 0, HEADER_WORDS);
    header.set([
      MAGIC,
      formatVersion,
      this.rec.length,
      this.dense.length,
      this.lo,
      this.width,
      this.letterBits,
      this.stateCount,
      Math.floor(this.size / 2 ** 32),
      this.size % 2 ** 32,
    ]);
    out.set(new Uint8Array(this.rec.buffer, this.rec.byteOffset, this.rec.byteLength), HEADER_WORDS * 4);
    out.set(new Uint8Array(this.dense.buffer, this.dense.byteOffset, this.dense.byteLength), HEADER_WORDS * 4 + this.rec.byteLength);
    return out;
  }

  /** Reads what `serialize` wrote; returns null when the bytes are not a complete automaton. */
  static deserialize(data: Uint8Array, formatVersion: number): WordAutomaton | null {
    if (data.byteLength < HEADER_WORDS * 4) return null;
    // Typed-array views need 4-byte alignment; a pooled Buffer may not give it.
    const bytes = data.byteOffset % 4 === 0 ? data : data.slice();
    const header = new Uint32Array(bytes.buffer, bytes.byteOffset, HEADER_WORDS);
    if (header[0] !== MAGIC || header[1] !== formatVersion) return null;
    const recLength = header[2]!;
    const denseLength = header[3]!;
    if (recLength === 0 || bytes.byteLength !== HEADER_WORDS * 4 + 4 * (recLength + denseLength)) return null;
    const rec = new Int32Array(bytes.buffer, bytes.byteOffset + HEADER_WORDS * 4, recLength);
    const dense = new Int32Array(bytes.buffer, bytes.byteOffset + HEADER_WORDS * 4 + 4 * recLength, denseLength);
    const [lo, width, letterBits, stateCount] = [header[4]!, header[5]!, header[6]!, header[7]!];
    if (letterBits > 16 || denseLength % Math.max(1, width) !== 0) return null;
    return new WordAutomaton({ rec, dense, lo, width, letterBits, stateCount, size: header[8]! * 2 ** 32 + header[9]! });
  }

  /**
   * Carries a source graph through a character fold: letters that fold together (أ إ آ ا) merge
   * their continuations, so the result is determinised (subset construction, memoised by the
   * set of source nodes, which keeps the shared endings shared) and then minimised.
   */
  static fromGraph(src: SourceGraph, fold: CharFold): WordAutomaton {
    return new WordAutomaton(minimise(determinise(src, fold)));
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
    return new WordAutomaton(minimise({ terminal, edges }));
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
function minimise(dfa: LooseDfa): Layout {
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

/** Renumbers breadth-first from the root (the root's record comes first) into a Layout. */
function packed(terminal: number[], edges: [number, number][][], root: number, size: number): Layout {
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
  let lo = 0xffff;
  let hi = 0;
  for (const s of order) {
    for (const [c] of edges[s]!) {
      if (c < lo) lo = c;
      if (c > hi) hi = c;
    }
  }
  if (hi < lo) lo = hi = 0;
  const width = hi - lo + 1;
  const letterBits = Math.max(1, 32 - Math.clz32(width - 1));
  // Record offsets, in order.
  const at = new Int32Array(order.length);
  let recLength = 0;
  let rows = 0;
  order.forEach((s, i) => {
    at[i] = recLength;
    const degree = edges[s]!.length;
    if (degree > DENSE_MIN_EDGES) rows++;
    recLength += degree > DENSE_MIN_EDGES ? 1 : 1 + degree;
  });
  if (recLength >= 2 ** (31 - letterBits)) {
    throw new Error(`word automaton: ${recLength} record cells do not fit ${31 - letterBits} bits beside ${width} letters`);
  }
  const rec = new Int32Array(recLength);
  const dense = new Int32Array(rows * width).fill(-1);
  let row = 0;
  order.forEach((s, i) => {
    const o = at[i]!;
    const out = edges[s]!;
    if (out.length > DENSE_MIN_EDGES) {
      rec[o] = ((DENSE_MIN_EDGES + 1 + row) << 1) | terminal[s]!;
      for (const [c, t] of out) dense[row * width + c - lo] = at[newId.get(t)!]!;
      row++;
    } else {
      rec[o] = (out.length << 1) | terminal[s]!;
      out.forEach(([c, t], k) => {
        rec[o + 1 + k] = (at[newId.get(t)!]! << letterBits) | (c - lo);
      });
    }
  });
  return { rec, dense, lo, width, letterBits, stateCount: order.length, size };
}
