import type { Language } from '../../model/document.js';
import type { InputItem } from '../read-inputs.js';

/**
 * The contract between the network sources (feeds, URLs, watched folders) and whatever ingests
 * what they yield. Every source yields the same InputItem values as readInputs: a document, or
 * an error naming the input and the problem.
 */
export type { InputItem };

export interface SourceSpec {
  /** A name for the source, shown in progress and kept as the documents' source when they carry none. */
  name: string;
  kind: 'feed' | 'url' | 'folder';
  /** For feed and url. */
  url?: string;
  /** For folder. */
  path?: string;
  language?: Language;
  /** How often `--follow` polls it; default 900 s for feeds. */
  intervalSeconds?: number;
  /** For feed: fetch each item's page and extract its main text instead of the feed's summary. */
  fullText?: boolean;
}

export interface FetchPolicy {
  /** Loopback, private, link-local and other non-public addresses are refused unless this is set. */
  allowPrivate: boolean;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
  /**
   * Host names (as written in URLs) exempt from the private-address check when allowPrivate is
   * off: an internal feed server can be allowed without opening every private address.
   */
  privateHosts?: string[];
}

/** ETag / Last-Modified remembered per URL between runs, for conditional requests. */
export interface ConditionalState {
  get(url: string): { etag?: string; lastModified?: string } | undefined;
  set(url: string, value: { etag?: string; lastModified?: string }): void;
}
