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
