import { decodeBytes, looksBinary } from '../decode.js';
import { recordToDocument } from '../json-record.js';
import { htmlDocument, textDocument } from '../raw-document.js';
import type { InputItem } from '../read-inputs.js';
import { parseFeed, feedItemDocument, FeedError, type FeedContext } from './feeds.js';

/**
 * A fetched body → documents, by what the server says it is: an HTML page, JSON or JSON lines
 * records (the same record format as `marsad extract`), plain text, or a feed served to a `url`
 * source. The URL is the input id unless a record carries its own.
 */

export type ContentKind = 'html' | 'json' | 'jsonl' | 'text' | 'feed';

const BY_MEDIA_TYPE: ReadonlyMap<string, ContentKind> = new Map([
  ['text/html', 'html'],
  ['application/xhtml+xml', 'html'],
  ['application/json', 'json'],
  ['text/json', 'json'],
  ['application/x-ndjson', 'jsonl'],
  ['application/ndjson', 'jsonl'],
  ['application/jsonl', 'jsonl'],
  ['application/x-jsonlines', 'jsonl'],
  ['application/jsonlines', 'jsonl'],
  ['text/plain', 'text'],
  ['application/rss+xml', 'feed'],
  ['application/atom+xml', 'feed'],
  ['application/rdf+xml', 'feed'],
  ['application/xml', 'feed'],
  ['text/xml', 'feed'],
]);

/** The kind of a body from its media type, else from its first characters. */
export function contentKind(mediaType: string | null, text: string, url: string): ContentKind | null {
  const byType = mediaType ? BY_MEDIA_TYPE.get(mediaType) : undefined;
  if (byType) return byType;
  if (mediaType?.endsWith('+json')) return 'json';
  if (mediaType?.endsWith('+xml')) return 'feed';
  // application/octet-stream or nothing: look at the path, then at the content.
  const path = (() => {
    try {
      return new URL(url).pathname.toLowerCase();
    } catch {
      return '';
    }
  })();
  if (/\.(jsonl|ndjson)$/.test(path)) return 'jsonl';
  if (path.endsWith('.json')) return 'json';
  if (path.endsWith('.txt')) return 'text';
  const head = text.slice(0, 512).trimStart().toLowerCase();
  if (head.startsWith('<?xml') || head.startsWith('<rss') || head.startsWith('<feed')) return 'feed';
  if (head.startsWith('<')) return 'html';
  if (head.startsWith('{') || head.startsWith('[')) return 'json';
  return mediaType === null || mediaType === 'application/octet-stream' ? 'text' : null;
}

function errorItem(input: string, message: string): InputItem {
  return { kind: 'error', input, message };
}

function* jsonRecords(url: string, text: string): Generator<InputItem> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    yield errorItem(url, `invalid JSON: ${(err as Error).message}`);
    return;
  }
  // A record without a url of its own keeps none: the endpoint's URL is not the article's.
  const list = Array.isArray(value) ? value : [value];
  for (let i = 0; i < list.length; i++) {
    const label = Array.isArray(value) ? `${url}[${i}]` : url;
    const r = recordToDocument(list[i], label);
    yield r.ok ? { kind: 'document', doc: r.doc } : errorItem(label, r.message);
  }
}

function* jsonLines(url: string, text: string): Generator<InputItem> {
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!.trim();
    if (line.length === 0) continue;
    const label = `${url}:${n + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      yield errorItem(label, `invalid JSON: ${(err as Error).message}`);
      continue;
    }
    const r = recordToDocument(value, label);
    yield r.ok ? { kind: 'document', doc: r.doc } : errorItem(label, r.message);
  }
}

/**
 * Documents in a fetched body. `url` is the address asked for (the input id); `finalUrl` the
 * one the body came from (to resolve relative links).
 */
export function* bodyDocuments(
  url: string,
  finalUrl: string,
  mediaType: string | null,
  bytes: Uint8Array,
  feedCtx: FeedContext,
): Generator<InputItem> {
  if (bytes.length === 0) {
    yield errorItem(url, 'empty response body');
    return;
  }
  if (looksBinary(bytes)) {
    yield errorItem(url, `binary content (${mediaType ?? 'no Content-Type'}), not text`);
    return;
  }
  const isMarkup = mediaType === null || mediaType.includes('html') || mediaType.includes('xml');
  const text = decodeBytes(bytes, { html: isMarkup }).text;
  const kind = contentKind(mediaType, text, finalUrl);
  switch (kind) {
    case 'html': {
      const doc = htmlDocument(url, text, finalUrl);
      yield doc.text.trim().length > 0 ? { kind: 'document', doc } : errorItem(url, 'no readable text in the HTML');
      return;
    }
    case 'json':
      yield* jsonRecords(url, text);
      return;
    case 'jsonl':
      yield* jsonLines(url, text);
      return;
    case 'text':
      yield text.trim().length > 0 ? { kind: 'document', doc: textDocument(url, text) } : errorItem(url, 'empty: no text');
      return;
    case 'feed': {
      let feed;
      try {
        feed = parseFeed(text, url, finalUrl);
      } catch (err) {
        yield errorItem(url, err instanceof FeedError ? err.message.replace(`${url}: `, '') : String(err));
        return;
      }
      for (const item of feed.items) {
        const doc = feedItemDocument(item, feed, feedCtx);
        if (doc) yield { kind: 'document', doc };
      }
      return;
    }
    default:
      yield errorItem(url, `unsupported content type "${mediaType}" (expected HTML, JSON, JSON lines, text or a feed)`);
  }
}
