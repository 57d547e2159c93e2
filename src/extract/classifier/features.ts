import { fnvAppend, fnv1a } from './hash.js';
import type { EventLexicon, TokenInfo } from './lexicon.js';

/**
 * Sentence features for the event classifier, as hashed bucket indices of binary features.
 * Every feature is conceptually a short string ("s:قصف", "CB:negation:kill") hashed into
 * 2^bits buckets: the strings make features readable when debugging, the hashing keeps the
 * model a fixed-size vector whose file stores only the buckets training touched.
 *
 * Speed: the hot path never builds those strings. FNV-1a is a streaming hash, so hashing the
 * parts of a feature one after the other gives the hash of their concatenation; one walker
 * feeds either a string collector (featureNames, for debugging) or a hasher (buckets), so
 * the two cannot disagree.
 */
export interface FeatureConfig {
  /** log2 of the number of hash buckets. */
  bits: number;
  /** Normalised word forms. */
  unigrams: boolean;
  /** Light stems (clitics and suffixes stripped): one feature for all inflections of a word. */
  stems: boolean;
  /** Pairs of consecutive stems. */
  bigrams: boolean;
  /** Character n-grams (n = 3..charNgrams) of stems; 0 turns them off. */
  charNgrams: number;
  /** Trigger and cue list features and their interactions. */
  lexicon: boolean;
}

export const DEFAULT_FEATURES: FeatureConfig = {
  bits: 18,
  unigrams: true,
  stems: true,
  bigrams: true,
  charNgrams: 0,
  lexicon: true,
};

/** Tokens this close before/after a trigger count as modifying it (negation, modality...). */
const CUE_WINDOW = 4;

/** Receives each feature as up to four parts of its name. */
interface Sink {
  f1(a: string): void;
  f2(a: string, b: string): void;
  f3(a: string, b: string, c: string): void;
  f4(a: string, b: string, c: string, d: string): void;
}

class NameSink implements Sink {
  readonly out: string[] = [];
  f1(a: string): void {
    this.out.push(a);
  }
  f2(a: string, b: string): void {
    this.out.push(a + b);
  }
  f3(a: string, b: string, c: string): void {
    this.out.push(a + b + c);
  }
  f4(a: string, b: string, c: string, d: string): void {
    this.out.push(a + b + c + d);
  }
}

const FNV_OFFSET = fnv1a('');

/** Collects bucket indices in a buffer reused from sentence to sentence. */
class HashSink implements Sink {
  buf = new Uint32Array(512);
  n = 0;
  constructor(private readonly mask: number) {}
  private push(h: number): void {
    if (this.n === this.buf.length) {
      const bigger = new Uint32Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.n++] = h & this.mask;
  }
  f1(a: string): void {
    this.push(fnvAppend(FNV_OFFSET, a));
  }
  f2(a: string, b: string): void {
    this.push(fnvAppend(fnvAppend(FNV_OFFSET, a), b));
  }
  f3(a: string, b: string, c: string): void {
    this.push(fnvAppend(fnvAppend(fnvAppend(FNV_OFFSET, a), b), c));
  }
  f4(a: string, b: string, c: string, d: string): void {
    this.push(fnvAppend(fnvAppend(fnvAppend(fnvAppend(FNV_OFFSET, a), b), c), d));
  }
}

const POS = ['0', '1', '2', '3'];
function posBucket(i: number): string {
  return POS[i < 3 ? 0 : i < 8 ? 1 : i < 20 ? 2 : 3]!;
}
const COUNTS = ['0', '1', '2', '3', '4'];

export class FeatureExtractor {
  private readonly names: string[];
  private readonly isCue: boolean[];
  private readonly kinds: string[];
  private readonly cueIds: number[];
  private readonly eventIds: number[];
  private readonly sink: HashSink;

  constructor(
    readonly lexicon: EventLexicon,
    readonly config: FeatureConfig,
  ) {
    if (!Number.isInteger(config.bits) || config.bits < 8 || config.bits > 26) {
      throw new Error(`feature config: bits must be an integer in 8..26, got ${config.bits}`);
    }
    this.sink = new HashSink((1 << config.bits) - 1);
    this.names = lexicon.categories.map((c) => c.name);
    this.kinds = lexicon.categories.map((c) => c.kind);
    this.isCue = lexicon.categories.map((c) => c.kind === 'cue');
    this.cueIds = lexicon.categories.filter((c) => c.kind === 'cue').map((c) => c.id);
    this.eventIds = lexicon.categories.filter((c) => c.kind !== 'cue').map((c) => c.id);
  }

  /** Sorted, de-duplicated bucket indices of the sentence made of these normalised tokens. */
  buckets(norms: readonly string[]): Uint32Array {
    const sink = this.sink;
    sink.n = 0;
    this.walk(norms, sink);
    const view = sink.buf.subarray(0, sink.n);
    view.sort();
    let n = 0;
    for (let i = 0; i < view.length; i++) if (i === 0 || view[i] !== view[i - 1]) view[n++] = view[i]!;
    return view.slice(0, n);
  }

  /** The feature strings themselves (may repeat); `buckets` is their hashes, for debugging. */
  featureNames(norms: readonly string[]): string[] {
    const sink = new NameSink();
    this.walk(norms, sink);
    return sink.out;
  }

  private walk(norms: readonly string[], sink: Sink): void {
    const cfg = this.config;
    const n = norms.length;
    const infos: TokenInfo[] = new Array(n);
    for (let i = 0; i < n; i++) infos[i] = this.lexicon.tokenInfo(norms[i]!);
    for (let i = 0; i < n; i++) {
      const f = infos[i]!.forms;
      if (cfg.unigrams) sink.f2('u:', f.norm);
      if (cfg.stems) sink.f2('s:', f.stem);
      if (cfg.bigrams && i + 1 < n) sink.f4('b:', f.stem, ' ', infos[i + 1]!.forms.stem);
      if (cfg.charNgrams >= 3) {
        const w = '<' + f.stem + '>';
        for (let k = 3; k <= cfg.charNgrams; k++) {
          for (let s = 0; s + k <= w.length; s++) sink.f2('c:', w.slice(s, s + k));
        }
      }
    }
    sink.f2('len:', n <= 8 ? 's' : n <= 20 ? 'm' : n <= 45 ? 'l' : 'xl');
    if (cfg.lexicon) this.lexiconFeatures(infos, sink);
  }

  /**
   * What the trigger and cue lists say about the sentence. Event triggers alone do not make
   * an event (commentary, reported threats and denials mention them too), so the features
   * record where a trigger stands, which cues surround it and what else the sentence holds
   * (numbers, years, time anchors, casualties).
   */
  private lexiconFeatures(infos: readonly TokenInfo[], sink: Sink): void {
    const matches = this.lexicon.match(infos);
    const n = infos.length;
    const names = this.names;
    const count = new Int32Array(names.length);
    let hasDigit = false;
    let hasYear = false;
    let assaultTriggers = 0;
    let protestTriggers = 0;
    let firstEvent = -1;
    for (let i = 0; i < n; i++) {
      const w = infos[i]!.forms.norm;
      const c0 = w.charCodeAt(0);
      if (c0 >= 48 && c0 <= 57) {
        hasDigit = true;
        // A year (19xx / 20xx) dates the sentence, often to a past event recalled as background.
        if (w.length === 4 && (w.startsWith('19') || w.startsWith('20'))) hasYear = true;
      }
      const cats = matches[i];
      if (cats === undefined) continue;
      for (const id of cats) {
        count[id]!++;
        if (this.kinds[id] === 'assault') assaultTriggers++;
        else if (this.kinds[id] === 'protest') protestTriggers++;
        if (!this.isCue[id] && firstEvent < 0) firstEvent = i;
      }
    }
    for (let id = 0; id < count.length; id++) {
      if (count[id]! > 0) sink.f2('L:', names[id]!);
      if (count[id]! > 1) sink.f2('L2:', names[id]!);
    }
    sink.f2('NA:', COUNTS[Math.min(assaultTriggers, 4)]!);
    sink.f2('NP:', COUNTS[Math.min(protestTriggers, 4)]!);
    if (hasDigit) sink.f1('digit');
    if (hasYear) sink.f1('year');
    if (firstEvent >= 0) sink.f2('first:', posBucket(firstEvent));
    else sink.f1('noevent');

    // Cues at the start of the sentence frame all of it ("وقال ...", "لم ...").
    for (let i = 0; i < Math.min(3, n); i++) {
      const cats = matches[i];
      if (cats === undefined) continue;
      for (const id of cats) if (this.isCue[id]) sink.f2('CS:', names[id]!);
    }

    for (let i = 0; i < n; i++) {
      const cats = matches[i];
      if (cats === undefined) continue;
      for (const id of cats) {
        if (this.isCue[id]) continue;
        const name = names[id]!;
        sink.f4('EP:', name, ':', posBucket(i));
        for (let j = Math.max(0, i - CUE_WINDOW); j < i; j++) this.cuePairs('CB:', matches[j], name, sink);
        for (let j = i + 1; j <= Math.min(n - 1, i + CUE_WINDOW); j++) this.cuePairs('CA:', matches[j], name, sink);
        // The trigger word's own form: imperfect/future prefixes mark reports of intent.
        const fc = infos[i]!.forms.bare.charAt(0);
        if (fc === 'ي' || fc === 'ت' || fc === 'س') sink.f4('EF:', name, ':', fc);
      }
    }

    // Co-occurrence of event categories with each other and with cue categories.
    for (const e of this.eventIds) {
      if (count[e] === 0) continue;
      const en = names[e]!;
      if (hasDigit) sink.f2('ED:', en);
      for (const f of this.eventIds) if (f > e && count[f]! > 0) sink.f4('EE:', en, ':', names[f]!);
      for (const c of this.cueIds) if (count[c]! > 0) sink.f4('EC:', en, ':', names[c]!);
    }
  }

  private cuePairs(prefix: string, cats: readonly number[] | undefined, event: string, sink: Sink): void {
    if (cats === undefined) return;
    // Parts: prefix + cue + ':' + event (f4 takes four parts; the separator joins the cue).
    for (const id of cats) if (this.isCue[id]) sink.f4(prefix, this.names[id]!, ':', event);
  }
}
