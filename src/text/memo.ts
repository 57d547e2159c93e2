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
 * string: each word of up to MAX_LETTERS letters, all within base + 1 .. base + 63, gets a row
 * of `width` int32 in `data` for the caller's facts about it, which must depend on the word
 * alone. The key is the word packed six bits a letter (see `pack`), kept in the row beside the
 * facts: a row is 8 int32 for width 5, so a lookup touches one cache line. Like WordMemo it
 * starts over once full; an offset `find` returned is valid until the next `find`.
 */
export class CodeWordTable {
  static readonly MAX_LETTERS = 10;
  /** Letters in each of the two key int32s. */
  static readonly KEY_LETTERS = 5;
  /** True when the last `find` added its word: the row is all zeros for the caller to fill. */
  added = false;
  private rows: Int32Array | null = null;
  private readonly stride: number;
  private readonly slotMask: number;
  private readonly maxCount: number;
  private count = 0;

  constructor(
    readonly width: number,
    private readonly base: number,
    slotsLog2 = 16,
  ) {
    // Per row: a tag (hash and length), the key, then the facts.
    this.stride = 3 + width;
    this.slotMask = (1 << slotsLog2) - 1;
    this.maxCount = Math.floor((this.slotMask + 1) * 0.7);
  }

  /** The facts of every row; a row's facts start at the offset `find` returned. */
  get data(): Int32Array {
    return (this.rows ??= new Int32Array((this.slotMask + 1) * this.stride));
  }

  /**
   * The key of codes[from .. from + len) for findKey: [key0, key1], the first KEY_LETTERS
   * letters and the rest, six bits each (letter - base), first letter highest; null for a word
   * this table does not keep (too long, or a letter out of range).
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

  private static hash(key0: number, key1: number): number {
    const h = Math.imul(key0 ^ Math.imul(key1, 0x9e3779b1), 0x85ebca6b);
    return h ^ (h >>> 13);
  }

  /** Offset in `data` of the facts for the word of `len` letters packed as key0, key1 (see pack). */
  find(key0: number, key1: number, len: number): number {
    this.added = false;
    const h = CodeWordTable.hash(key0, key1);
    // Length in the low 4 bits: never 0 for a used row.
    const tag = (h & ~15) | len;
    const rows = this.data;
    if (this.count >= this.maxCount) {
      rows.fill(0);
      this.count = 0;
    }
    const stride = this.stride;
    for (let slot = (h >>> 16) & this.slotMask; ; slot = (slot + 1) & this.slotMask) {
      const row = slot * stride;
      const t = rows[row]!;
      if (t === tag && rows[row + 1] === key0 && rows[row + 2] === key1) return row + 3;
      if (t === 0) {
        rows[row] = tag;
        rows[row + 1] = key0;
        rows[row + 2] = key1;
        this.count++;
        this.added = true;
        return row + 3;
      }
    }
  }
}
