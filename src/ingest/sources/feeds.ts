import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Language, RawDocument } from '../../model/document.js';
import { languageTag } from '../html.js';
import { dateFromMetadata } from '../published-date.js';
import { emptyDocument } from '../raw-document.js';
import { fragmentText, inlineText, looksLikeHtml } from './html-fragment.js';

/**
 * RSS 2.0, RSS 1.0 (RDF) and Atom → feed items → RawDocuments. Feeds come from anywhere, so
 * the XML is checked first: a document type that declares entities is refused outright (feeds
 * never need them, and they are how "billion laughs" and external-entity attacks work), and
 * malformed XML is an error naming the line and column instead of a half-read feed.
 */

export interface FeedItem {
  /** guid (RSS) or id (Atom). */
  id: string | null;
  link: string | null;
  title: string | null;
  /** YYYY-MM-DD, the publisher's calendar day. */
  published: string | null;
  byline: string | null;
  /** The fullest body the feed gives (content:encoded / content), HTML or text. */
  content: string | null;
  /** The short one (description / summary). */
  summary: string | null;
}

export interface ParsedFeed {
  format: 'rss' | 'rdf' | 'atom';
  title: string | null;
  link: string | null;
  language: Language | null;
  items: FeedItem[];
}

export class FeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedError';
  }
}

type Node = string | number | boolean | null | undefined | NodeObject | Node[];
interface NodeObject {
  [k: string]: Node;
}

const ARRAY_TAGS = new Set(['item', 'entry', 'link', 'author', 'category', 'creator', 'contributor']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // dc:creator, content:encoded, atom:link → creator, encoded, link: feeds bind these
  // namespaces to whatever prefix they like.
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ARRAY_TAGS.has(name),
  // Defence in depth behind the <!ENTITY> refusal below.
  processEntities: { enabled: true, maxEntityCount: 1, maxEntitySize: 256, maxExpandedLength: 10_000, maxTotalExpansions: 10_000 },
});

/** A DTD that declares entities: never needed by a feed, the vehicle of expansion and XXE attacks. */
const ENTITY_DECLARATION = /<!ENTITY\b/i;
const DOCTYPE_WINDOW = 64 * 1024;

function isObject(n: Node): n is NodeObject {
  return typeof n === 'object' && n !== null && !Array.isArray(n);
}

function first(n: Node): Node {
  return Array.isArray(n) ? n[0] : n;
}

/** Text of an element that may carry attributes ({"#text": ..., "@_type": ...}). */
function text(n: Node): string | null {
  const v = first(n);
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.length > 0 ? v : null;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (isObject(v)) {
    const t = v['#text'];
    if (t !== undefined) return text(t);
    // Atom type="xhtml" content arrives as an element tree: read its text, in tag order.
    const parts: string[] = [];
    collectText(v, parts, 0);
    const joined = parts.join(' ').trim();
    return joined.length > 0 ? joined : null;
  }
  return null;
}

function collectText(n: Node, out: string[], depth: number): void {
  if (depth > 32 || n === null || n === undefined) return;
  if (typeof n === 'string' || typeof n === 'number') out.push(String(n));
  else if (Array.isArray(n)) for (const x of n) collectText(x, out, depth + 1);
  else if (isObject(n)) for (const [k, v] of Object.entries(n)) if (!k.startsWith('@_')) collectText(v, out, depth + 1);
}

function attr(n: Node, name: string): string | null {
  const v = first(n);
  if (!isObject(v)) return null;
  const a = v[`@_${name}`];
  return typeof a === 'string' && a.length > 0 ? a : null;
}

/** An absolute http(s) URL, resolved against the feed's own address; null otherwise. */
function absolute(href: string | null, base: string | null): string | null {
  if (!href) return null;
  try {
    const u = base ? new URL(href.trim(), base) : new URL(href.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** RSS <link>text</link>, Atom <link href rel>: the alternate (or rel-less) link first. */
function pickLink(n: Node, base: string | null): string | null {
  const links = Array.isArray(n) ? n : n === undefined ? [] : [n];
  let fallback: string | null = null;
  for (const l of links) {
    if (typeof l === 'string') {
      const u = absolute(l, base);
      if (u) return u;
      continue;
    }
    const href = attr(l, 'href');
    if (!href) continue;
    const rel = attr(l, 'rel') ?? 'alternate';
    const u = absolute(href, base);
    if (!u) continue;
    if (rel === 'alternate') return u;
    if (!fallback && rel !== 'self' && rel !== 'enclosure' && rel !== 'replies') fallback = u;
  }
  return fallback;
}

/** RSS <author>a@b.c (Name)</author>, dc:creator, Atom <author><name>. */
function pickByline(item: NodeObject): string | null {
  const names: string[] = [];
  for (const a of (item['author'] as Node[] | undefined) ?? []) {
    const name = isObject(a) && a['name'] !== undefined ? text(a['name']) : text(a);
    if (!name) continue;
    const inParens = /^\S+@\S+\s*\((.+)\)$/.exec(name);
    names.push(inParens ? inParens[1]! : name);
  }
  for (const c of (item['creator'] as Node[] | undefined) ?? []) {
    const name = text(c);
    if (name) names.push(name);
  }
  const clean = names.map((n) => inlineText(n)).filter((n): n is string => n !== null && !/^\S+@\S+$/.test(n));
  return clean.length > 0 ? [...new Set(clean)].join(', ') : null;
}

function pickDate(item: NodeObject, keys: readonly string[]): string | null {
  for (const k of keys) {
    const d = dateFromMetadata(text(item[k]));
    if (d) return d;
  }
  return null;
}

function rssItem(item: NodeObject, base: string | null): FeedItem {
  const guid = text(item['guid']);
  const permalink = attr(item['guid'], 'isPermaLink') !== 'false' ? absolute(guid, base) : null;
  return {
    id: guid,
    link: pickLink(item['link'], base) ?? permalink,
    title: inlineText(text(item['title'])),
    published: pickDate(item, ['pubDate', 'date', 'published', 'updated', 'issued']),
    byline: pickByline(item),
    content: text(item['encoded']) ?? text(item['content']),
    summary: text(item['description']) ?? text(item['summary']),
  };
}

function atomItem(entry: NodeObject, base: string | null): FeedItem {
  return {
    id: text(entry['id']),
    link: pickLink(entry['link'], base),
    title: inlineText(text(entry['title'])),
    published: pickDate(entry, ['published', 'issued', 'created', 'updated', 'modified', 'date']),
    byline: pickByline(entry),
    content: text(entry['content']),
    summary: text(entry['summary']),
  };
}

function asObjects(n: Node): NodeObject[] {
  const list = Array.isArray(n) ? n : n === undefined || n === null ? [] : [n];
  return list.filter(isObject);
}

/** Parse a feed; `label` (its URL or file) names it in errors. */
export function parseFeed(xml: string, label: string, baseUrl: string | null = null): ParsedFeed {
  const head = xml.slice(0, DOCTYPE_WINDOW);
  if (ENTITY_DECLARATION.test(head) || (xml.length > DOCTYPE_WINDOW && /<!DOCTYPE/i.test(head) && ENTITY_DECLARATION.test(xml))) {
    throw new FeedError(`${label}: refused: the XML declares entities (<!ENTITY>), which feeds never need (entity-expansion / external-entity attack)`);
  }
  const valid = XMLValidator.validate(xml, { allowBooleanAttributes: true });
  if (valid !== true) {
    const e = valid.err;
    throw new FeedError(`${label}: malformed XML at line ${e.line}, column ${e.col}: ${e.msg}`);
  }
  let doc: NodeObject;
  try {
    doc = parser.parse(xml) as NodeObject;
  } catch (err) {
    throw new FeedError(`${label}: cannot parse the XML: ${err instanceof Error ? err.message : String(err)}`);
  }
  const rss = doc['rss'];
  if (isObject(rss)) {
    const channel = first(rss['channel']);
    if (!isObject(channel)) throw new FeedError(`${label}: RSS without a <channel>`);
    const link = pickLink(channel['link'], baseUrl);
    return {
      format: 'rss',
      title: inlineText(text(channel['title'])),
      link,
      language: languageTag(text(channel['language'])),
      items: asObjects(channel['item']).map((i) => rssItem(i, baseUrl ?? link)),
    };
  }
  const rdf = doc['RDF'];
  if (isObject(rdf)) {
    const channel = first(rdf['channel']);
    const link = isObject(channel) ? pickLink(channel['link'], baseUrl) : null;
    return {
      format: 'rdf',
      title: isObject(channel) ? inlineText(text(channel['title'])) : null,
      link,
      language: isObject(channel) ? languageTag(text(channel['language'])) : null,
      items: asObjects(rdf['item']).map((i) => rssItem(i, baseUrl ?? link)),
    };
  }
  const feed = doc['feed'];
  if (isObject(feed)) {
    const link = pickLink(feed['link'], baseUrl);
    return {
      format: 'atom',
      title: inlineText(text(feed['title'])),
      link,
      language: languageTag(attr(feed, 'lang')),
      items: asObjects(feed['entry']).map((e) => atomItem(e, baseUrl ?? link)),
    };
  }
  const root = Object.keys(doc).find((k) => !k.startsWith('?') && !k.startsWith('#'));
  throw new FeedError(`${label}: not an RSS or Atom feed (root element <${root ?? '?'}>)`);
}

/** FNV-1a, for an id when an item has neither guid nor link. */
function fnv(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The item's stable id: guid/id, else link, else a hash of what it says under the feed's URL. */
export function feedItemId(item: FeedItem, feedLabel: string): string {
  return item.id ?? item.link ?? `${feedLabel}#${fnv(`${item.title ?? ''}\n${item.content ?? item.summary ?? ''}`)}`;
}

export interface FeedContext {
  /** The feed's URL or file: error label and fallback id prefix. */
  label: string;
  /** The source's configured name, used when the feed has no title. */
  sourceName?: string;
  /** The source's configured language, which wins over what the feed declares. */
  language?: Language;
}

/**
 * One item as a document: text from content:encoded / content, else description / summary,
 * else the title alone; null when the item says nothing at all.
 */
export function feedItemDocument(item: FeedItem, feed: ParsedFeed, ctx: FeedContext): RawDocument | null {
  const body = item.content ?? item.summary;
  let text = body ? fragmentText(body) : '';
  if (text.length === 0 && item.summary && item.summary !== body) text = fragmentText(item.summary);
  if (text.length === 0) text = item.title ?? '';
  if (text.length === 0) return null;
  const doc = emptyDocument(feedItemId(item, ctx.label), text);
  doc.url = item.link;
  doc.title = item.title;
  doc.byline = item.byline;
  doc.source = feed.title ?? ctx.sourceName ?? null;
  doc.published = item.published;
  doc.language = ctx.language ?? feed.language;
  // A feed body is the article itself, with no page furniture above it, whether HTML or text.
  doc.fromHtml = body !== null && looksLikeHtml(body);
  return doc;
}
