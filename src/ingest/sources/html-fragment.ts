import { parseHTML } from 'linkedom';
import { flattenHtml, htmlShape, MAX_HTML_NESTING } from '../html-nesting.js';

/**
 * Feed fields carry HTML fragments (a summary with <p> and <a>, entities such as &nbsp;) or
 * plain text, and nothing says which. A fragment that shows markup or an entity is parsed and
 * read as blocks separated by blank lines; anything else is kept as written. Readability is not
 * used: a summary is not a page, and running it per item would cost more than the whole feed.
 */

const MARKUP = /<\/?[a-z][a-z0-9]*(?:\s[^>]*)?\/?>|&(?:[a-z][a-z0-9]{1,31}|#\d{1,7}|#x[0-9a-f]{1,6});/i;
const SPACES = /[ \t\f\v\u00a0\u200b]+/g;

const BLOCK_TAGS = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'FOOTER', 'ASIDE', 'H1', 'H2', 'H3', 'H4',
  'H5', 'H6', 'LI', 'UL', 'OL', 'DL', 'DT', 'DD', 'BLOCKQUOTE', 'PRE', 'FIGURE', 'FIGCAPTION',
  'TABLE', 'TR', 'HR', 'BR', 'CENTER',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'OBJECT', 'BUTTON', 'FORM', 'HEAD']);

/** Whitespace tidied: runs of spaces become one, lines trimmed, at most one blank line. */
function tidy(s: string): string {
  return s
    .split('\n')
    .map((l) => l.replace(SPACES, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function looksLikeHtml(s: string): boolean {
  return MARKUP.test(s);
}

/** Text of an HTML fragment (or of plain text, unchanged but for whitespace). */
export function fragmentText(s: string): string {
  const unified = s.indexOf('\r') < 0 ? s : s.replace(/\r\n?/g, '\n');
  if (!looksLikeHtml(unified)) return tidy(unified);
  // A fragment nested deeper than any article would overflow the walk below: flattened first.
  const markup = htmlShape(unified, MAX_HTML_NESTING).depth > MAX_HTML_NESTING ? flattenHtml(unified) : unified;
  const { document } = parseHTML(`<!doctype html><html><body>${markup}</body></html>`);
  const blocks: string[] = [];
  let inline: string[] = [];
  const flush = (): void => {
    const t = inline.join('').replace(/\s+/g, ' ').trim();
    if (t.length > 0) blocks.push(t);
    inline = [];
  };
  const walk = (node: Node): void => {
    if (node.nodeType === 3) {
      inline.push(node.nodeValue ?? '');
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 11) return;
    const tag = node.nodeName.toUpperCase();
    if (SKIP.has(tag)) return;
    const block = BLOCK_TAGS.has(tag);
    if (block) flush();
    for (let c = node.firstChild; c !== null; c = c.nextSibling) walk(c);
    if (block) flush();
  };
  const body = (document as unknown as Document).body;
  if (body) walk(body);
  flush();
  return blocks.join('\n\n');
}

/** A one-line field (title, author): markup and entities resolved, whitespace collapsed. */
export function inlineText(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const t = (looksLikeHtml(s) ? fragmentText(s) : s).replace(/\s+/g, ' ').trim();
  return t.length > 0 ? t : null;
}
