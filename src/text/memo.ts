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
 * WordMemo for short words of one script held as UTF-16 code units in a buffer, so that a
 * lookup builds no string: each word of up to MAX_LETTERS letters, all within base + 1 ..
 * base + 63, gets a row of `width` int32 in `data` for the caller's facts about it, which
 * must depend on the word alone. The key is packed six bits a letter beside the facts.
 *
 * Lookups are memory-bound, so rows are small (8 int32 for width 5) and the table is two-tier:
 * every word has a row in the main table, and a small direct-mapped front table holds copies
 * of the rows last found, so the frequent words of a news stream are read from a few hundred
 * KB that stay in cache. Like WordMemo the main table starts over once full; an offset `find`
 * returned is valid until the next `find`.
 */
export class CodeWordTable {
  static readonly MAX_LETTERS = 10;
  /** True when the last `find` added its word: the row is all zeros for the caller to fill. */
  added = false;
  private rows: Int32Array | null = null;
  private readonly stride: number;
  private readonly frontMask: number;
  /** Main-table rows start after the front table's. */
  private readonly mainStart: number;
  private readonly slotMask: number;
  private readonly maxCount: number;
  private count = 0;

  constructor(
    readonly width: number,
    private readonly base: number,
    slotsLog2 = 16,
    frontLog2 = 12,
  ) {
    // Per row: a tag (hash and length), the key (five letters per int32), then the facts.
    this.stride = 3 + width;
    this.frontMask = (1 << frontLog2) - 1;
    this.mainStart = (this.frontMask + 1) * this.stride;
    this.slotMask = (1 << slotsLog2) - 1;
    this.maxCount = Math.floor((this.slotMask + 1) * 0.7);
  }

  /** The facts of every row; a row's facts start at the offset `find` returned. */
  get data(): Int32Array {
    return (this.rows ??= new Int32Array(this.mainStart + (this.slotMask + 1) * this.stride));
  }

  /**
   * Offset in `data` of the facts for codes[from .. from + len), or -1 for a word this table
   * does not keep (too long, or a letter out of its range).
   */
  find(codes: Uint16Array, from: number, len: number): number {
    this.added = false;
    if (len === 0 || len > CodeWordTable.MAX_LETTERS) return -1;
    let key0 = 0;
    let key1 = 0;
    for (let k = 0; k < len; k++) {
      const c = codes[from + k]! - this.base;
      if (c <= 0 || c >= 64) return -1;
      if (k < 5) key0 = (key0 << 6) | c;
      else key1 = (key1 << 6) | c;
    }
    let h = Math.imul(key0 ^ Math.imul(key1, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    // Length in the low 4 bits: never 0 for a used row.
    const tag = (h & ~15) | len;
    const rows = this.data;
    const stride = this.stride;
    const front = (h & this.frontMask) * stride;
    if (rows[front] === tag && rows[front + 1] === key0 && rows[front + 2] === key1) return front + 3;
    if (this.count >= this.maxCount) {
      rows.fill(0, this.mainStart);
      this.count = 0;
    }
    for (let slot = (h >>> 16) & this.slotMask; ; slot = (slot + 1) & this.slotMask) {
      const row = this.mainStart + slot * stride;
      const t = rows[row]!;
      if (t === tag && rows[row + 1] === key0 && rows[row + 2] === key1) {
        for (let k = 0; k < stride; k++) rows[front + k] = rows[row + k]!;
        return front + 3;
      }
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
