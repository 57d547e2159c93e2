import type { RawDocument } from '../model/document.js';
import { extractHtml } from './html.js';

/**
 * RawDocuments from a container's content. Line endings become "\n" here, once, so every later
 * stage (lines, paragraphs, offsets) sees one convention; `text` is the original from now on.
 */

export function unifyLineEndings(s: string): string {
  return s.indexOf('\r') < 0 ? s : s.replace(/\r\n?/g, '\n');
}

export function emptyDocument(inputId: string, text: string): RawDocument {
  return {
    inputId,
    text,
    url: null,
    title: null,
    byline: null,
    source: null,
    dateline: null,
    published: null,
    language: null,
    fromHtml: false,
  };
}

/** A flat text: no container metadata (the text header is read later, from the text). */
export function textDocument(inputId: string, text: string): RawDocument {
  return emptyDocument(inputId, unifyLineEndings(text));
}

/** An HTML page: its main text and what its <head> says. */
export function htmlDocument(inputId: string, html: string, url: string | null = null): RawDocument {
  const page = extractHtml(html, { url });
  return {
    inputId,
    text: page.text,
    url: page.url ?? url,
    title: page.title,
    byline: page.byline,
    source: page.source,
    dateline: null,
    published: page.published,
    language: page.language,
    fromHtml: true,
  };
}
