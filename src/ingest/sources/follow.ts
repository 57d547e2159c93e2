import { setTimeout as sleep } from 'node:timers/promises';
import type { RawDocument } from '../../model/document.js';
import type { HostResolver } from '../fetch/resolve-host.js';
import type { InputItem } from '../read-inputs.js';
import { readSource, withSpecDefaults } from './read-source.js';
import type { ConditionalState, FetchPolicy, SourceSpec } from './types.js';
import { watchFolder } from './watch-folder.js';

/**
 * `--follow`: poll every feed and page at its own interval, and watch every folder, until the
 * signal fires, yielding what is new. "New" is decided here only within the process (a feed
 * repeats its last items on every poll); across runs the store's stable document ids decide.
 */

export const DEFAULT_INTERVAL_SECONDS = { feed: 900, url: 900, folder: 60 } as const;
const DEFAULT_MAX_SEEN = 200_000;

export interface FollowOptions {
  signal: AbortSignal;
  resolver?: HostResolver;
  /** How many item keys to remember; the oldest are forgotten past it. Default 200,000. */
  maxSeen?: number;
  /** For folder sources (see watchFolder). */
  settleMs?: number;
}

export function intervalMs(spec: SourceSpec): number {
  return (spec.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS[spec.kind]) * 1000;
}

/** FNV-1a of a text, to notice that a page changed under the same URL. */
function fnv(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16);
}

/**
 * A feed item is the same item whatever edits its text gets (its guid says so); a page is one
 * URL whose content changes, so its text is part of the key.
 */
function itemKey(spec: SourceSpec, doc: RawDocument): string {
  const base = `${spec.name}\u0000${doc.inputId}`;
  return spec.kind === 'feed' ? base : `${base}\u0000${doc.text.length}:${fnv(doc.text)}`;
}

/** Insertion-ordered set that forgets its oldest keys past `max`: memory stays bounded in a process that runs for months. */
class RecentKeys {
  private readonly keys = new Set<string>();
  constructor(private readonly max: number) {}

  /** True when the key is new (and remembers it). */
  add(key: string): boolean {
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    if (this.keys.size > this.max) {
      const oldest = this.keys.values().next().value;
      if (oldest !== undefined) this.keys.delete(oldest);
    }
    return true;
  }
}

/** Feeds and pages, each polled when due, one at a time (politeness beats latency here). */
async function* pollSources(
  specs: readonly SourceSpec[],
  policy: FetchPolicy,
  state: ConditionalState,
  opts: FollowOptions,
): AsyncGenerator<InputItem> {
  const { signal } = opts;
  const seen = new RecentKeys(opts.maxSeen ?? DEFAULT_MAX_SEEN);
  const due = specs.map(() => Date.now());
  while (!signal.aborted) {
    let i = 0;
    for (let j = 1; j < due.length; j++) if (due[j]! < due[i]!) i = j;
    const wait = due[i]! - Date.now();
    if (wait > 0) {
      try {
        await sleep(wait, undefined, { signal });
      } catch {
        return;
      }
    }
    const spec = specs[i]!;
    // Scheduled from the start of the poll, so a slow source does not drift later and later.
    due[i] = Date.now() + intervalMs(spec);
    for await (const item of readSource(spec, policy, state, { signal, resolver: opts.resolver })) {
      if (signal.aborted) return;
      if (item.kind === 'document' && !seen.add(itemKey(spec, item.doc))) continue;
      yield item;
    }
  }
}

async function* watchSource(spec: SourceSpec, opts: FollowOptions): AsyncGenerator<InputItem> {
  const watch: { signal: AbortSignal; settleMs?: number; rescanMs: number } = { signal: opts.signal, rescanMs: intervalMs(spec) };
  if (opts.settleMs !== undefined) watch.settleMs = opts.settleMs;
  for await (const item of watchFolder(spec.path ?? '', watch)) yield withSpecDefaults(item, spec);
}

/** Items from several generators as each produces them; ends when all have ended. */
async function* merge(sources: Array<AsyncGenerator<InputItem>>): AsyncGenerator<InputItem> {
  type Next = { i: number; r: IteratorResult<InputItem> };
  const pending = new Map<number, Promise<Next>>();
  const pull = (i: number): void => void pending.set(i, sources[i]!.next().then((r) => ({ i, r })));
  sources.forEach((_, i) => pull(i));
  try {
    while (pending.size > 0) {
      const { i, r } = await Promise.race(pending.values());
      if (r.done) {
        pending.delete(i);
        continue;
      }
      pull(i);
      yield r.value;
    }
  } finally {
    // Not awaited: a source may be asleep until its next poll. Each ends on the shared signal;
    // return() makes it stop at its next step if the caller left without aborting.
    for (const p of pending.values()) p.catch(() => undefined);
    for (const s of sources) s.return(undefined).catch(() => undefined);
  }
}

export async function* followSources(
  specs: readonly SourceSpec[],
  policy: FetchPolicy,
  state: ConditionalState,
  opts: FollowOptions,
): AsyncGenerator<InputItem> {
  const polled = specs.filter((s) => s.kind !== 'folder');
  const watched = specs.filter((s) => s.kind === 'folder');
  const sources: Array<AsyncGenerator<InputItem>> = [];
  if (polled.length > 0) sources.push(pollSources(polled, policy, state, opts));
  for (const spec of watched) sources.push(watchSource(spec, opts));
  if (sources.length === 0) return;
  yield* sources.length === 1 ? sources[0]! : merge(sources);
}
