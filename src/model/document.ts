import type { Span } from './span.js';

export type Language = 'ar' | 'en' | 'und';

/**
 * What a reader hands to the pipeline: one document's main text (the "original text" every
 * offset points into) and whatever metadata its container carried.
 */
export interface RawDocument {
  /** The `id` field of a JSON record, else the file path ("-" for stdin). */
  inputId: string;
  /** Main text. For HTML, the text of the main content as extracted; offsets point here. */
  text: string;
  url: string | null;
  /** Metadata from the container (HTML meta, JSON fields); null where it said nothing. */
  title: string | null;
  byline: string | null;
  source: string | null;
  dateline: string | null;
  /** YYYY-MM-DD */
  published: string | null;
  language: Language | null;
  /** True when `text` came out of HTML extraction, so no text-level furniture is expected above it. */
  fromHtml: boolean;
}

export interface Repair extends Span {
  original: string;
  repaired: string;
}

/** The `doc` object of `marsad extract` output (SPEC.md). */
export interface DocumentRecord {
  id: string;
  input_id: string;
  url: string | null;
  title: string | null;
  dateline: string | null;
  byline: string | null;
  source: string | null;
  published: string | null;
  /** Where `published` came from: metadata, url, text, override, or none. */
  published_from: 'metadata' | 'url' | 'text' | 'override' | null;
  language: Language;
  boilerplate: Span[];
  repairs: Repair[];
  length: number;
}
