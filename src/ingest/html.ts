import { Readability } from '@mozilla/readability';
import { createRequire } from 'node:module';
import type { Language } from '../model/document.js';
import { normalise } from '../text/normalise.js';
import { flattenHtml, htmlShape, MAX_HTML_NESTING } from './html-nesting.js';
import { dateFromMetadata } from './published-date.js';

/**
 * linkedom costs ~140 ms to load, a sizeable share of a short run that reads no HTML at all
 * (plain-text and JSON inputs), so it is loaded on the first page parsed.
 */
const requireLazily = createRequire(import.meta.url);
let linkedom: typeof import('linkedom') | null = null;
function parseHTML(html: string): ReturnType<typeof import('linkedom').parseHTML> {
  linkedom ??= requireLazily('linkedom') as typeof import('linkedom');
  return linkedom.parseHTML(html);
}

/**
 * HTML page → main text and metadata. Readability finds the article; the page's <head> (Open
 * Graph, article:*, Dublin Core, JSON-LD) says what it is. Metadata is read before Readability
 * runs because Readability edits the DOM it is given.
 */

export interface HtmlExtract {
  /** Main text: one block (paragraph, heading, list item) per paragraph, blank line between. */
  text: string;
  title: string | null;
  byline: string | null;
  source: string | null;
  /** YYYY-MM-DD */
  published: string | null;
  url: string | null;
  language: Language | null;
  /** False when Readability found no article and the body text (minus page furniture) was used. */
  readability: boolean;
}

export interface HtmlOptions {
  /** Where the page came from, to resolve a relative canonical link. */
  url?: string | null;
}

// --- DOM → text ------------------------------------------------------------------------------

const BLOCK_TAGS = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'FOOTER', 'ASIDE', 'NAV', 'H1', 'H2', 'H3',
  'H4', 'H5', 'H6', 'LI', 'UL', 'OL', 'DL', 'DT', 'DD', 'BLOCKQUOTE', 'PRE', 'FIGURE',
  'FIGCAPTION', 'TABLE', 'THEAD', 'TBODY', 'TFOOT', 'TR', 'CAPTION', 'ADDRESS', 'HR', 'BR', 'FORM',
  'FIELDSET', 'DETAILS', 'SUMMARY', 'CENTER',
]);
const CELL_TAGS = new Set(['TD', 'TH']);
const NEVER_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'OBJECT', 'CANVAS', 'BUTTON', 'SELECT', 'HEAD']);
/** Page furniture dropped when Readability gave up and the whole body is read. */
const FURNITURE = new Set([...NEVER_TEXT, 'NAV', 'FOOTER', 'ASIDE', 'FORM']);

const SPACES = /[\s\u00a0\u200b]+/g;
/** Readability's default charThreshold: shorter results are not confident articles. */
const READABILITY_MIN_CHARS = 500;
const READABILITY_MAX_ELEMENTS = 10000;

/** Block-structured text of a DOM subtree: blocks separated by a blank line. */
function blockText(root: Node, skip: ReadonlySet<string>): string {
  const blocks: string[] = [];
  let inline: string[] = [];
  const flush = (): void => {
    if (inline.length === 0) return;
    const s = inline.join('').replace(SPACES, ' ').trim();
    if (s.length > 0) blocks.push(s);
    inline = [];
  };
  // An explicit stack, not recursion: a hostile page nested deeper than the call stack must
  // not crash the run. A node is pushed once to enter it and once (as `leave`) to close it.
  const stack: { node: Node; leave: boolean; tag: string }[] = [{ node: root, leave: false, tag: '' }];
  while (stack.length > 0) {
    const { node, leave, tag: leftTag } = stack.pop()!;
    if (leave) {
      if (BLOCK_TAGS.has(leftTag)) flush();
      else if (CELL_TAGS.has(leftTag)) inline.push(' ');
      continue;
    }
    if (node.nodeType === 3) {
      inline.push(node.nodeValue ?? '');
      continue;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) continue;
    const tag = node.nodeName.toUpperCase();
    if (skip.has(tag)) continue;
    if (BLOCK_TAGS.has(tag)) flush();
    stack.push({ node, leave: true, tag });
    for (let c = node.lastChild; c !== null; c = c.previousSibling) stack.push({ node: c, leave: false, tag: '' });
  }
  flush();
  return blocks.join('\n\n');
}

// --- metadata --------------------------------------------------------------------------------

/** Every <meta> by lower-cased name/property/itemprop (first occurrence wins). */
function metaMap(doc: Document): Map<string, string> {
  const map = new Map<string, string>();
  for (const el of Array.from(doc.querySelectorAll('meta'))) {
    const content = el.getAttribute('content')?.trim();
    if (!content) continue;
    for (const attr of ['property', 'name', 'itemprop', 'http-equiv']) {
      const key = el.getAttribute(attr)?.trim().toLowerCase();
      if (key && !map.has(key)) map.set(key, content);
    }
  }
  return map;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObject(v: Json | undefined): v is { [k: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The JSON-LD objects of the page that describe an article (with a headline or a date). */
function jsonLdArticles(doc: Document): Array<{ [k: string]: Json }> {
  const out: Array<{ [k: string]: Json }> = [];
  const visit = (v: Json | undefined, depth: number): void => {
    if (depth > 4 || v === undefined) return;
    if (Array.isArray(v)) for (const x of v) visit(x, depth + 1);
    else if (isObject(v)) {
      if ('headline' in v || 'datePublished' in v) out.push(v);
      if ('@graph' in v) visit(v['@graph'], depth + 1);
    }
  };
  for (const s of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      visit(JSON.parse(s.textContent ?? '') as Json, 0);
    } catch {
      // A broken JSON-LD block is common and says nothing about the article: ignore it.
    }
  }
  return out;
}

/** A name out of a JSON-LD person/organisation value: "X", {name: "X"}, or a list of them. */
function jsonLdName(v: Json | undefined): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (Array.isArray(v)) {
    const names = v.map(jsonLdName).filter((n): n is string => n !== null);
    return names.length > 0 ? names.join(', ') : null;
  }
  if (isObject(v)) return jsonLdName(v['name']);
  return null;
}

function jsonLdString(articles: ReadonlyArray<{ [k: string]: Json }>, key: string): string | null {
  for (const a of articles) {
    const v = a[key];
    if (typeof v === 'string' && v.trim()) return v.trim();
  }
  return null;
}

function clean(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const t = s.replace(SPACES, ' ').trim();
  return t.length > 0 ? t : null;
}

function isUrl(s: string): boolean {
  return /^(?:https?:)?\/\//i.test(s);
}

function absoluteUrl(href: string | null | undefined, base: string | null | undefined): string | null {
  if (!href) return null;
  try {
    return new URL(href, base ?? undefined).toString();
  } catch {
    return null;
  }
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

/** 'ar', 'ar-SY', 'ar_AR' → 'ar'; other declared languages → 'und'. */
export function languageTag(tag: string | null | undefined): Language | null {
  const t = tag?.trim().toLowerCase();
  if (!t) return null;
  if (/^ar(?:$|[-_])/.test(t)) return 'ar';
  if (/^en(?:$|[-_])/.test(t)) return 'en';
  return 'und';
}

const TITLE_SEPARATOR = /\s+(?:[|\-–—:·«»~]{1,2})\s+/;

/**
 * Drop a site name the page appends or prepends to its title ("Headline - Site", "Site |
 * Headline"). Only a known site name is removed: a separator alone does not say which part is
 * the headline.
 */
export function stripSiteName(title: string, siteNames: ReadonlyArray<string | null>): string {
  const sites = new Set(siteNames.filter((s): s is string => !!s).map((s) => normalise(s)));
  if (sites.size === 0) return title;
  let t = title;
  for (let again = true; again; ) {
    again = false;
    const parts = t.split(TITLE_SEPARATOR);
    if (parts.length < 2) break;
    const seps = t.match(new RegExp(TITLE_SEPARATOR.source, 'g')) ?? [];
    const last = parts[parts.length - 1]!;
    const first = parts[0]!;
    if (sites.has(normalise(last))) {
      t = t.slice(0, t.length - last.length - seps[seps.length - 1]!.length);
      again = true;
    } else if (sites.has(normalise(first))) {
      t = t.slice(first.length + seps[0]!.length);
      again = true;
    }
  }
  return t.trim();
}

const PUBLISHED_META_KEYS = [
  'article:published_time', 'og:published_time', 'datepublished', 'date', 'pubdate', 'publishdate',
  'publish-date', 'publish_date', 'publication_date', 'dc.date', 'dc.date.issued', 'dcterms.date',
  'dcterms.issued', 'dcterms.created', 'sailthru.date', 'parsely-pub-date', 'article.published',
];

function jsonLdNameOf(articles: ReadonlyArray<{ [k: string]: Json }>, key: string): string | null {
  for (const a of articles) {
    const n = jsonLdName(a[key]);
    if (n) return n;
  }
  return null;
}

function publishedDate(meta: Map<string, string>, ld: ReadonlyArray<{ [k: string]: Json }>, doc: Document): string | null {
  for (const key of PUBLISHED_META_KEYS) {
    const d = dateFromMetadata(meta.get(key));
    if (d) return d;
  }
  const fromLd = dateFromMetadata(jsonLdString(ld, 'datePublished'));
  if (fromLd) return fromLd;
  // A <time> marked as the publication time first, else the first <time datetime> on the page.
  const times = Array.from(doc.querySelectorAll('time[datetime]'));
  const marked = times.find((t) => t.hasAttribute('pubdate') || /publish/i.test(t.getAttribute('itemprop') ?? t.getAttribute('class') ?? ''));
  for (const t of marked ? [marked, ...times] : times) {
    const d = dateFromMetadata(t.getAttribute('datetime'));
    if (d) return d;
  }
  return null;
}

interface HeadMeta {
  meta: Map<string, string>;
  ld: Array<{ [k: string]: Json }>;
  titleTag: string | null;
  url: string | null;
  lang: Language | null;
  published: string | null;
}

function readHead(doc: Document, baseUrl: string | null | undefined): HeadMeta {
  const meta = metaMap(doc);
  const ogUrl = absoluteUrl(meta.get('og:url'), baseUrl);
  let canonical: string | null = null;
  for (const link of Array.from(doc.querySelectorAll('link[rel]'))) {
    if (/(?:^|\s)canonical(?:\s|$)/i.test(link.getAttribute('rel') ?? '')) {
      canonical = absoluteUrl(link.getAttribute('href'), ogUrl ?? baseUrl);
      if (canonical) break;
    }
  }
  const lang =
    languageTag(doc.documentElement?.getAttribute('lang')) ??
    languageTag(meta.get('content-language')) ??
    languageTag(meta.get('og:locale'));
  const ld = jsonLdArticles(doc);
  return {
    meta,
    ld,
    titleTag: clean(doc.querySelector('title')?.textContent),
    url: canonical ?? ogUrl,
    lang,
    published: publishedDate(meta, ld, doc),
  };
}

// --- extraction ------------------------------------------------------------------------------

function parse(html: string): Document {
  const doc = parseHTML(html).document as unknown as Document;
  if (doc.documentElement) return doc;
  // Text with no element at all ("<", stray bytes) gives linkedom a document without a root,
  // on which every query throws: give it the frame a browser would.
  return parseHTML(`<html><body>${html}</body></html>`).document as unknown as Document;
}

export function extractHtml(page: string, opts: HtmlOptions = {}): HtmlExtract {
  // A page nested deeper than any article would stall Readability or overflow the stack: its
  // structure is dropped and its text and metadata read from the flat rest (html-nesting.ts).
  const shape = htmlShape(page, MAX_HTML_NESTING);
  const html = shape.depth > MAX_HTML_NESTING ? flattenHtml(page) : page;
  const doc = parse(html);
  const head = readHead(doc, opts.url);
  const { meta, ld } = head;

  let article: ReturnType<Readability<Node>['parse']> = null;
  try {
    // Readability's cost grows faster than the page (and its own maxElemsToParse check counts
    // nothing on linkedom): past a few times a heavy news page, the linear body reading below is used.
    if (shape.elements <= READABILITY_MAX_ELEMENTS) article = new Readability<Node>(doc, { serializer: (n) => n }).parse();
  } catch {
    // Readability throws on some malformed DOMs; the body fallback below still reads them.
    article = null;
  }
  let text = article?.content ? blockText(article.content, NEVER_TEXT) : '';
  // Below Readability's own article threshold its pick is a guess that keeps menus and
  // sidebars; the page's <article>/<main>/<body> minus furniture is the better reading.
  let readability = text.length >= READABILITY_MIN_CHARS;
  if (!readability) {
    // Readability edits the DOM even when it fails, so read from a fresh parse.
    const fresh = parse(html);
    const root = fresh.querySelector('article') ?? fresh.querySelector('main') ?? fresh.body;
    const plain = root ? blockText(root, FURNITURE) : '';
    if (plain.length > 0 || text.length === 0) text = plain;
    else readability = true;
  }

  const siteName = clean(meta.get('og:site_name')) ?? clean(meta.get('application-name')) ?? jsonLdNameOf(ld, 'publisher') ?? clean(article?.siteName);
  const url = head.url ?? absoluteUrl(opts.url, undefined);
  const source = siteName ?? hostOf(url);

  const rawTitle = clean(meta.get('og:title')) ?? clean(article?.title) ?? head.titleTag ?? clean(jsonLdString(ld, 'headline'));
  const title = rawTitle ? clean(stripSiteName(rawTitle, [siteName, hostOf(url)])) : null;

  const bylineCandidates = [
    article?.byline, meta.get('author'), meta.get('article:author'), jsonLdNameOf(ld, 'author'),
    meta.get('dc.creator'), meta.get('parsely-author'), meta.get('sailthru.author'),
  ];
  let byline: string | null = null;
  for (const b of bylineCandidates) {
    const c = clean(b);
    // article:author is often a profile URL, and Readability sometimes takes a whole sentence.
    if (c && !isUrl(c) && c.length <= 120) {
      byline = c;
      break;
    }
  }

  return {
    text,
    title,
    byline,
    source,
    published: head.published ?? dateFromMetadata(article?.publishedTime),
    url,
    language: head.lang ?? languageTag(article?.lang),
    readability,
  };
}
