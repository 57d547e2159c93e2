import type { InputItem } from '../ingest/read-inputs.js';
import type { ConditionalState, FetchPolicy, SourceSpec } from '../ingest/sources/types.js';
import { CliError } from './errors.js';

/**
 * What `marsad ingest` reads, as one stream of input items: local files and folders first (in
 * the order given), then URLs, feeds and the sources file read once — or, with --follow, polled
 * until the signal — and watched folders, merged as their items arrive.
 */

export interface IngestSourceOptions {
  /** Files, folders, "-" (stdin) and http(s) URLs, in order. */
  inputs: readonly string[];
  feeds: readonly string[];
  sourcesFile?: string;
  follow: boolean;
  watch: readonly string[];
  allowPrivate: boolean;
  signal: AbortSignal;
}

const URL_INPUT = /^https?:\/\//i;

export function isUrlInput(input: string): boolean {
  return URL_INPUT.test(input);
}

function checkUrl(url: string, what: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new CliError(`${what} "${url}" is not a valid URL`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new CliError(`${what} "${url}": only http and https URLs are fetched`);
  return u;
}

interface NetworkModule {
  readSource: (spec: SourceSpec, policy: FetchPolicy, state: ConditionalState, opts?: { signal?: AbortSignal }) => AsyncIterable<InputItem>;
  followSources: (specs: readonly SourceSpec[], policy: FetchPolicy, state: ConditionalState, opts: { signal: AbortSignal }) => AsyncIterable<InputItem>;
  watchFolder: (path: string, opts: { signal: AbortSignal }) => AsyncIterable<InputItem>;
  loadSourcesFile: (path: string) => SourceSpec[];
  policy: FetchPolicy;
  state: ConditionalState;
}

/**
 * The network sources (src/ingest/sources, src/ingest/fetch), loaded only when an option needs
 * them: a build without them still ingests files and folders, and says why it cannot do more.
 */
async function loadNetwork(why: string, allowPrivate: boolean): Promise<NetworkModule> {
  try {
    const [sources, policyMod, stateMod] = await Promise.all([
      import('../ingest/sources/read-source.js'),
      import('../ingest/fetch/policy.js'),
      import('../ingest/fetch/conditional-state.js'),
    ]);
    const policy = policyMod.defaultFetchPolicy();
    return {
      readSource: sources.readSource,
      followSources: sources.followSources,
      watchFolder: sources.watchFolder,
      loadSourcesFile: sources.loadSourcesFile,
      policy: { ...policy, allowPrivate: allowPrivate || policy.allowPrivate },
      // ETag / Last-Modified kept in MARSAD_HOME between runs.
      state: new stateMod.FileConditionalState(),
    };
  } catch (err) {
    throw new CliError(`${why} needs the network sources, which are not available in this build ` +
      `(${err instanceof Error ? err.message : String(err)}); files and folders can still be ingested`);
  }
}

function hostName(url: string): string {
  return new URL(url).host;
}

/** Interleave live sources as their items arrive; a source is asked for more only after its last item was taken. */
async function* merge<T>(sources: readonly AsyncIterable<T>[]): AsyncGenerator<T> {
  if (sources.length === 1) {
    yield* sources[0]!;
    return;
  }
  const its = sources.map((s) => s[Symbol.asyncIterator]());
  const pending = new Map<number, Promise<{ i: number; r: IteratorResult<T> }>>();
  // Pulled only after the consumer took the previous item: a feed remembers its ETag once its
  // items were handed on, and that must mean "stored", not "buffered here".
  const pull = (i: number): void => {
    pending.set(i, its[i]!.next().then((r) => ({ i, r })));
  };
  its.forEach((_, i) => pull(i));
  try {
    while (pending.size > 0) {
      const { i, r } = await Promise.race(pending.values());
      if (r.done === true) {
        pending.delete(i);
        continue;
      }
      yield r.value;
      pull(i);
    }
  } finally {
    for (const it of its) void it.return?.(undefined)?.catch(() => undefined);
  }
}

export async function ingestInputStream(o: IngestSourceOptions): Promise<AsyncIterable<InputItem>> {
  const local = o.inputs.filter((i) => !isUrlInput(i));
  const specs: SourceSpec[] = [];
  for (const url of o.inputs.filter(isUrlInput)) {
    checkUrl(url, 'input');
    specs.push({ name: hostName(url), kind: 'url', url });
  }
  for (const url of o.feeds) {
    checkUrl(url, '--feed');
    specs.push({ name: hostName(url), kind: 'feed', url });
  }
  if (local.length === 0 && specs.length === 0 && o.sourcesFile === undefined && o.watch.length === 0) {
    throw new CliError('nothing to ingest: give files, folders, - (stdin) or URLs, or --feed, --sources or --watch');
  }
  if (local.filter((i) => i === '-').length > 1) throw new CliError('"-" (standard input) can be given once');

  const needsNetwork = specs.length > 0 || o.sourcesFile !== undefined || o.watch.length > 0;
  const why = specs.length > 0 ? 'ingesting URLs and feeds' : o.sourcesFile !== undefined ? '--sources' : '--watch';
  const net = needsNetwork ? await loadNetwork(why, o.allowPrivate) : null;
  if (net !== null && o.sourcesFile !== undefined) {
    try {
      specs.push(...net.loadSourcesFile(o.sourcesFile));
    } catch (err) {
      throw new CliError(`--sources ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (o.follow && specs.length === 0) {
    throw new CliError('--follow polls feeds and URLs: give --feed <url>, --sources <file> or URL inputs (use --watch for a folder)');
  }

  const { readInputs } = await import('../ingest/read-inputs.js');
  const signal = o.signal;
  return (async function* items(): AsyncGenerator<InputItem> {
    for (const input of local) {
      if (signal.aborted) return;
      yield* readInputs(input);
    }
    if (net === null) return;
    if (!o.follow) {
      for (const spec of specs) {
        if (signal.aborted) return;
        yield* net.readSource(spec, net.policy, net.state, { signal });
      }
    }
    const live: AsyncIterable<InputItem>[] = [];
    if (o.follow) live.push(net.followSources(specs, net.policy, net.state, { signal }));
    for (const folder of o.watch) live.push(net.watchFolder(folder, { signal }));
    if (live.length > 0) yield* merge(live);
  })();
}
