/**
 * A guard for pathologically nested HTML. Readability's cost grows much faster than linearly with
 * the depth of the tree (a 2,000-deep chain of <div>s takes minutes on linkedom) and a 10,000-deep
 * one overflows the call stack, so a hostile or broken page could stall or crash a whole run.
 * Before parsing, one linear scan estimates the nesting; a page nested deeper than any real
 * article is flattened: its tags are dropped, block tags becoming line breaks, so the text and
 * the <head>'s metadata survive and the tree the parser builds is shallow.
 */

/** Deeper than any real article page (those stay well under 60); Readability still costs < 1 s here. */
export const MAX_HTML_NESTING = 100;

/** Elements with no content, and those whose end tag HTML lets a page leave out: they add no depth. */
const NO_DEPTH = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
  'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'option', 'optgroup', 'rb', 'rt', 'rp',
]);

/**
 * HTML elements that "<x/>" still opens (the slash means nothing on them); on other names — SVG's
 * <path/>, <circle/> — it closes the element.
 */
const OPENED_DESPITE_SLASH = new Set([
  'div', 'span', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'a', 'b', 'i', 'u', 'em', 'strong',
  'font', 'small', 'big', 'sub', 'sup', 'code', 'table', 'ul', 'ol', 'dl', 'form', 'label', 'button', 'select',
  'blockquote', 'pre', 'center', 'figure', 'figcaption', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'html', 'head', 'body',
  'caption', 'colgroup', 'fieldset', 'details', 'summary', 'address', 'object', 'canvas', 'video', 'audio', 'picture',
]);

/** Elements whose content is raw text up to their end tag: tags inside are not tags. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'noscript', 'template', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);

const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'blockquote', 'pre', 'figure', 'figcaption', 'table', 'tr',
  'caption', 'address', 'hr', 'br', 'form', 'fieldset', 'details', 'summary', 'center',
]);

/** Tags kept as they are when flattening: what the <head> says (and <time datetime>). */
const KEEP = new Set(['meta', 'link', 'base', 'time']);
const FRAME = new Set(['html', 'head', 'body']);

interface Tag {
  /** Index of "<" and one past ">". */
  start: number;
  end: number;
  name: string;
  closing: boolean;
  selfClosing: boolean;
}

function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 58 || c === 95;
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/**
 * Walk the tags of `html` in order, in linear time: comments, doctype and the raw-text content
 * of script/style are skipped. `visit` returning false stops the walk.
 */
function scanTags(html: string, visit: (tag: Tag) => boolean): void {
  const n = html.length;
  let i = html.indexOf('<');
  while (i >= 0 && i < n - 1) {
    const c = html.charCodeAt(i + 1);
    if (c === 33 /* ! */ || c === 63 /* ? */) {
      // Comment, doctype, CDATA or processing instruction.
      const close = html.startsWith('<!--', i) ? html.indexOf('-->', i + 4) : html.indexOf('>', i + 2);
      if (close < 0) return;
      i = html.indexOf('<', close + 1);
      continue;
    }
    const closing = c === 47; /* / */
    const nameStart = closing ? i + 2 : i + 1;
    if (nameStart >= n || !isLetter(html.charCodeAt(nameStart))) {
      i = html.indexOf('<', i + 1);
      continue;
    }
    let j = nameStart;
    while (j < n && isNameChar(html.charCodeAt(j))) j++;
    const name = html.slice(nameStart, j).toLowerCase();
    const gt = html.indexOf('>', j);
    if (gt < 0) return;
    const tag: Tag = { start: i, end: gt + 1, name, closing, selfClosing: html.charCodeAt(gt - 1) === 47 };
    if (!visit(tag)) return;
    if (!closing && RAW_TEXT.has(name)) {
      // Skip to the matching end tag (case-insensitive), or to the end of the page.
      const endTag = findEndTag(html, name, gt + 1);
      if (endTag < 0) return;
      i = endTag;
      continue;
    }
    i = html.indexOf('<', gt + 1);
  }
}

/** Index of "</name" at or after `from`, any case; -1 when there is none. */
function findEndTag(html: string, name: string, from: number): number {
  const lower = `</${name}`;
  let k = from;
  for (;;) {
    k = html.indexOf('</', k);
    if (k < 0) return -1;
    if (html.slice(k, k + lower.length).toLowerCase() === lower) return k;
    k += 2;
  }
}

export interface HtmlShape {
  /** The deepest nesting of elements the page opens (estimated; see htmlShape). */
  depth: number;
  /** Start tags in the page. */
  elements: number;
}

/**
 * How deep and how big the page is, from its tags: void elements and those with optional end
 * tags add no depth, stray end tags never go below zero. Stops counting once depth passes
 * `depthLimit`.
 */
export function htmlShape(html: string, depthLimit = Infinity): HtmlShape {
  let depth = 0;
  let max = 0;
  let elements = 0;
  scanTags(html, (t) => {
    if (!t.closing) elements++;
    if (NO_DEPTH.has(t.name) || (t.selfClosing && !OPENED_DESPITE_SLASH.has(t.name))) return true;
    if (t.closing) depth = depth > 0 ? depth - 1 : 0;
    else if (!RAW_TEXT.has(t.name)) {
      depth++;
      if (depth > max) max = depth;
    }
    return max <= depthLimit;
  });
  return { depth: max, elements };
}

/**
 * The page with its structure dropped: element tags removed, block tags replaced by <br> (so
 * paragraphs stay apart), the first <html>, <head> and <body> tags, metadata tags and raw-text elements (scripts,
 * JSON-LD, <title>) kept as they are. The result parses into a tree a few levels deep.
 */
export function flattenHtml(html: string): string {
  const parts: string[] = [];
  let pos = 0;
  // Runs of block tags with only white space between make one break: 100,000 <br>s in a row
  // would be a pathology of their own.
  let lastBreak = false;
  const frameSeen = new Set<string>();
  scanTags(html, (t) => {
    const between = html.slice(pos, t.start);
    if (between.trim().length > 0) lastBreak = false;
    parts.push(between);
    // The frame (<html lang>, <head>, <body>) once: repeats would nest again.
    let keep = KEEP.has(t.name) || RAW_TEXT.has(t.name);
    if (FRAME.has(t.name)) {
      const key = t.closing ? `/${t.name}` : t.name;
      keep = !frameSeen.has(key);
      frameSeen.add(key);
    }
    if (keep) {
      parts.push(html.slice(t.start, t.end));
      lastBreak = false;
    } else if (BLOCK.has(t.name)) {
      if (!lastBreak) parts.push('<br>');
      lastBreak = true;
    } else if (t.name === 'td' || t.name === 'th') parts.push(' ');
    pos = t.end;
    return true;
  });
  parts.push(html.slice(pos));
  return parts.join('');
}
