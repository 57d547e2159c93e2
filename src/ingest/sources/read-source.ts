import type { RawDocument } from '../../model/document.js';
import { decodeBytes } from '../decode.js';
import { FetchError, safeFetch, type FetchResult } from '../fetch/safe-fetch.js';
import type { HostResolver } from '../fetch/resolve-host.js';
import { htmlDocument } from '../raw-document.js';
import { readInputs, type InputItem } from '../read-inputs.js';
import { FeedError, feedItemDocument, parseFeed, type FeedContext, type FeedItem } from './feeds.js';
import { bodyDocuments } from './page-content.js';
import type { ConditionalState, FetchPolicy, SourceSpec } from './types.js';

export { loadSourcesFile } from './sources-file.js';
export { followSources, type FollowOptions } from './follow.js';
export { watchFolder, type WatchOptions } from './watch-folder.js';

/**
 * One read of one source: a feed poll, a page fetch, or a folder read. Network failures are
 * error items naming the URL, like a bad file in a folder: the caller reports them and goes on.
 */

export interface ReadSourceOptions {
  signal?: AbortSignal;
  /** Name resolution for fetches (tests, custom DNS). */
  resolver?: HostResolver;
}

const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1';
const PAGE_ACCEPT = 'text/html, application/xhtml+xml, application/json;q=0.9, text/plain;q=0.8, */*;q=0.1';

function errorItem(input: string, message: string): InputItem {
  return { kind: 'error', input, message };
}

function failure(input: string, err: unknown): InputItem {
  if (err instanceof FetchError) return errorItem(input, err.reason);
  return errorItem(input, err instanceof Error ? err.message : String(err));
}

/** What the source's configuration says fills what the document left empty. */
export function withSpecDefaults(item: InputItem, spec: SourceSpec): InputItem {
  if (item.kind !== 'document') return item;
  const doc = item.doc;
  if (doc.source === null) doc.source = spec.name;
  if (spec.language && doc.language === null) doc.language = spec.language;
  return item;
}

/** Remember a URL's validators only once its items were handed on (see conditional-state.ts). */
function remember(state: ConditionalState, res: FetchResult): void {
  if (!res.etag && !res.lastModified) return;
  const v: { etag?: string; lastModified?: string } = {};
  if (res.etag) v.etag = res.etag;
  if (res.lastModified) v.lastModified = res.lastModified;
  state.set(res.url, v);
}

export async function* readSource(
  spec: SourceSpec,
  policy: FetchPolicy,
  state: ConditionalState,
  opts: ReadSourceOptions = {},
): AsyncGenerator<InputItem> {
  switch (spec.kind) {
    case 'folder': {
      if (!spec.path) {
        yield errorItem(spec.name, 'folder source without a path');
        return;
      }
      for await (const item of readInputs(spec.path)) yield withSpecDefaults(item, spec);
      return;
    }
    case 'feed':
    case 'url': {
      if (!spec.url) {
        yield errorItem(spec.name, `${spec.kind} source without a url`);
        return;
      }
      const read = spec.kind === 'feed' ? readFeed(spec, spec.url, policy, state, opts) : readPage(spec, spec.url, policy, state, opts);
      for await (const item of read) yield withSpecDefaults(item, spec);
      return;
    }
    default:
      yield errorItem(spec.name, `unknown source kind "${String((spec as { kind: unknown }).kind)}"`);
  }
}

async function* readPage(spec: SourceSpec, url: string, policy: FetchPolicy, state: ConditionalState, opts: ReadSourceOptions): AsyncGenerator<InputItem> {
  let res: FetchResult;
  try {
    res = await safeFetch(url, policy, { conditional: state, accept: PAGE_ACCEPT, signal: opts.signal, resolver: opts.resolver });
  } catch (err) {
    yield failure(url, err);
    return;
  }
  if (res.notModified) return;
  yield* bodyDocuments(url, res.finalUrl, res.contentType, res.body, feedContext(spec, url));
  remember(state, res);
}

function feedContext(spec: SourceSpec, url: string): FeedContext {
  const ctx: FeedContext = { label: url, sourceName: spec.name };
  if (spec.language) ctx.language = spec.language;
  return ctx;
}

async function* readFeed(spec: SourceSpec, url: string, policy: FetchPolicy, state: ConditionalState, opts: ReadSourceOptions): AsyncGenerator<InputItem> {
  let res: FetchResult;
  try {
    res = await safeFetch(url, policy, { conditional: state, accept: FEED_ACCEPT, signal: opts.signal, resolver: opts.resolver });
  } catch (err) {
    yield failure(url, err);
    return;
  }
  if (res.notModified) return;
  let feed;
  try {
    // decodeBytes honours the XML declaration's encoding (windows-1256 feeds exist).
    feed = parseFeed(decodeBytes(res.body, { html: true }).text, url, res.finalUrl);
  } catch (err) {
    yield errorItem(url, err instanceof FeedError ? err.message.slice(url.length + 2) : String(err));
    return;
  }
  const ctx = feedContext(spec, url);
  for (const item of feed.items) {
    if (opts.signal?.aborted) return;
    let doc: RawDocument | null;
    try {
      doc = feedItemDocument(item, feed, ctx);
    } catch (err) {
      // One hostile item (markup no parser survives) costs that item, not the feed.
      yield errorItem(`${url} (item ${item.link ?? item.id ?? '?'})`, `could not be read: ${err instanceof Error ? err.message : String(err)}`);
      continue;
    }
    if (spec.fullText && item.link) {
      yield* fullTextItem(item, doc, policy, opts);
      continue;
    }
    if (doc) yield { kind: 'document', doc };
  }
  remember(state, res);
}

/**
 * The item's page, fetched and extracted; the feed's own fields fill what the page lacks. A
 * page that cannot be read leaves the feed's summary as the document, with an error item
 * saying why.
 */
async function* fullTextItem(item: FeedItem, feedDoc: RawDocument | null, policy: FetchPolicy, opts: ReadSourceOptions): AsyncGenerator<InputItem> {
  const link = item.link!;
  let page: RawDocument | null = null;
  let problem: string | null = null;
  try {
    const res = await safeFetch(link, policy, { accept: PAGE_ACCEPT, signal: opts.signal, resolver: opts.resolver });
    const html = decodeBytes(res.body, { html: true }).text;
    page = htmlDocument(feedDoc?.inputId ?? link, html, res.finalUrl);
    if (page.text.trim().length === 0) {
      page = null;
      problem = 'no readable text in the page';
    }
  } catch (err) {
    problem = err instanceof FetchError ? err.reason : err instanceof Error ? err.message : String(err);
  }
  // A paywall or a consent page gives less than the feed's summary: keep the summary then.
  if (page && feedDoc && page.text.length < feedDoc.text.length) page = null;
  if (!page) {
    if (problem) {
      const fallback = feedDoc ? "; the feed's summary was used" : '';
      yield errorItem(link, `full text not fetched: ${problem}${fallback}`);
    }
    if (feedDoc) yield { kind: 'document', doc: feedDoc };
    return;
  }
  if (feedDoc) {
    page.inputId = feedDoc.inputId;
    page.url = feedDoc.url ?? page.url;
    page.title = page.title ?? feedDoc.title;
    page.byline = page.byline ?? feedDoc.byline;
    page.source = feedDoc.source ?? page.source;
    // The feed's date is stated for this item; a page's metadata is often the last edit.
    page.published = feedDoc.published ?? page.published;
    page.language = feedDoc.language ?? page.language;
  }
  yield { kind: 'document', doc: page };
}
