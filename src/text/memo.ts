/**
 * A string-keyed cache for per-word work on document text. News vocabulary is Zipfian, so a
 * few tens of thousands of entries answer nearly every lookup; past the bound the cache starts
 * over rather than grow with the corpus.
 */
export class WordMemo<V> {
  private readonly map = new Map<string, V>();

  constructor(
    private readonly compute: (word: string) => V,
    private readonly bound = 100_000,
  ) {}

  get(word: string): V {
    let v = this.map.get(word);
    if (v === undefined) {
      if (this.map.size >= this.bound) this.map.clear();
      v = this.compute(word);
      this.map.set(word, v);
    }
    return v;
  }
}

/**
 * WordMemo for short words of one script held as UTF-16 code units, so that a lookup builds no
 * string: each word of up to MAX_LETTERS letters, all within base + 1 .. base + 63, gets a
 * slot with `width` int32 of facts in `main` and `auxWidth` more in `aux`, which must depend on
 * the word alone. The key is the word packed six bits a letter, kept in `main` beside the facts
 * the caller needs on every lookup; those it needs less often go in `aux`, so that `main` stays
 * small enough to stay in cache (4 int32 a slot for width 2: four slots to a cache line).
 *
 * Like WordMemo it starts over once full; `generation` counts the fresh starts, so that a slot
 * kept across lookups can be checked before use.
 */
export class CodeWordTable {
  static readonly MAX_LETTERS = 10;
  /** Letters in each of the two key int32s. */
  static readonly KEY_LETTERS = 5;
  /** True when the last `find` added its word: its facts are all zeros for the caller to fill. */
  added = false;
  generation = 0;
  /** Per slot: key0, key1 (key0 0: free), then `width` facts. */
  readonly main: Int32Array;
  /** Per slot: `auxWidth` more facts. */
  readonly aux: Int32Array;
  readonly stride: number;
  private readonly slotMask: number;
  private readonly shift: number;
  private readonly maxCount: number;
  private count = 0;

  constructor(
    width: number,
    readonly auxWidth: number,
    private readonly base: number,
    slotsLog2 = 16,
  ) {
    this.stride = 2 + width;
    this.slotMask = (1 << slotsLog2) - 1;
    this.shift = 32 - slotsLog2;
    this.maxCount = Math.floor((this.slotMask + 1) * 0.7);
    this.main = new Int32Array((this.slotMask + 1) * this.stride);
    this.aux = new Int32Array((this.slotMask + 1) * auxWidth);
  }

  /**
   * The key of codes[from .. from + len) for `find`: [key0, key1], the first KEY_LETTERS
   * letters and the rest, six bits each (letter - base, never 0), first letter highest; null
   * for a word this table does not keep (too long, or a letter out of range). Since no letter
   * is 0, the key also tells the word's length.
   */
  pack(codes: Uint16Array, from: number, len: number): [number, number] | null {
    if (len === 0 || len > CodeWordTable.MAX_LETTERS) return null;
    let key0 = 0;
    let key1 = 0;
    for (let k = 0; k < len; k++) {
      const c = codes[from + k]! - this.base;
      if (c <= 0 || c >= 64) return null;
      if (k < CodeWordTable.KEY_LETTERS) key0 = (key0 << 6) | c;
      else key1 = (key1 << 6) | c;
    }
    return [key0, key1];
  }

  /**
   * The slot of the word packed as key0, key1 (see pack; key0 is never 0 for a word): its facts
   * are main[slot * stride + 2 ...] and aux[slot * auxWidth ...].
   */
  find(key0: number, key1: number): number {
    this.added = false;
    // Multiplicative hashing: the top bits of the product are the well-mixed ones.
    const h = Math.imul(key0 ^ Math.imul(key1, 0x9e3779b1), 0x85ebca6b) >>> this.shift;
    const main = this.main;
    if (this.count >= this.maxCount) {
      main.fill(0);
      this.aux.fill(0);
      this.count = 0;
      this.generation++;
    }
    const stride = this.stride;
    for (let slot = h; ; slot = (slot + 1) & this.slotMask) {
      const row = slot * stride;
      const k0 = main[row]!;
      if (k0 === key0 && main[row + 1] === key1) return slot;
      if (k0 === 0) {
        main[row] = key0;
        main[row + 1] = key1;
        this.count++;
        this.added = true;
        return slot;
      }
    }
  }
}
