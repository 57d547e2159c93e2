import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage } from 'node:http';
import { pipeline, Transform, type TransformCallback } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { megabytes } from '../gunzip.js';
import type { ConditionalState, FetchPolicy } from '../sources/types.js';
import { AddressRefused, pinnedLookup, resolveAllowed, type HostResolver } from './resolve-host.js';

/**
 * HTTP(S) GET for URLs nobody vetted: feed lists, links inside feeds, redirects. Every hop is
 * resolved and its addresses checked before connecting, and the connection is pinned to those
 * addresses; one deadline covers the whole chain; the body is cut off at maxBytes after
 * decompression, so a small gzip bomb costs at most the limit.
 */

export interface FetchResult {
  /** The URL asked for. */
  url: string;
  /** Where the body came from, after redirects. */
  finalUrl: string;
  status: number;
  /** 304: the conditional request matched; `body` is empty. */
  notModified: boolean;
  /** Media type, lower case, without parameters (e.g. "application/rss+xml"); null when absent. */
  contentType: string | null;
  headers: Record<string, string>;
  body: Buffer;
  etag: string | null;
  lastModified: string | null;
}

export interface SafeFetchOptions {
  /** Validators for If-None-Match / If-Modified-Since. Read only: callers store new ones once the body is used. */
  conditional?: ConditionalState;
  accept?: string;
  /** Cancels the request (the policy's timeout applies as well). */
  signal?: AbortSignal;
  /** Name resolution; the system resolver by default. */
  resolver?: HostResolver;
  /** Accept-Encoding; "gzip, br" by default. Downloads of .gz files ask for "identity". */
  acceptEncoding?: string;
}

/** A fetch that failed; the message names the URL and the reason. */
export class FetchError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
    readonly status: number | null = null,
  ) {
    super(`${url}: ${reason}`);
    this.name = 'FetchError';
  }
}

/** An open response whose body is decoded and limited; for callers that stream it to disk. */
export interface FetchStream {
  url: string;
  finalUrl: string;
  status: number;
  notModified: boolean;
  contentType: string | null;
  headers: Record<string, string>;
  etag: string | null;
  lastModified: string | null;
  /** Decoded body; fails with a FetchError past maxBytes or on a network error. Empty when notModified. */
  body: AsyncIterable<Buffer>;
  /** Releases the deadline timer; call when done with `body` (done for you by safeFetch). */
  close(): void;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function headerMap(res: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function mediaType(value: string | undefined): string | null {
  if (!value) return null;
  const t = value.split(';')[0]!.trim().toLowerCase();
  return t.length > 0 ? t : null;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** A deadline for the whole request chain, combined with the caller's signal. */
class Deadline {
  readonly controller = new AbortController();
  timedOut = false;
  private readonly timer: NodeJS.Timeout;
  private readonly onCallerAbort: () => void;

  constructor(
    readonly timeoutMs: number,
    private readonly caller: AbortSignal | undefined,
  ) {
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort(new Error('timeout'));
    }, timeoutMs);
    // The open socket keeps the process alive while a request runs; the timer alone must not.
    this.timer.unref();
    this.onCallerAbort = () => this.controller.abort(caller?.reason);
    if (caller?.aborted) this.controller.abort(caller.reason);
    else caller?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  reason(): string {
    return this.timedOut ? `timed out after ${seconds(this.timeoutMs)} (timeoutMs)` : 'aborted';
  }

  close(): void {
    clearTimeout(this.timer);
    this.caller?.removeEventListener('abort', this.onCallerAbort);
  }
}

/** Network errors in words; the code stays in the message for searching. */
function describeNetworkError(err: unknown, deadline: Deadline): string {
  if (deadline.signal.aborted) return deadline.reason();
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ECONNREFUSED':
      return 'connection refused (ECONNREFUSED)';
    case 'ECONNRESET':
      return 'connection reset by the server (ECONNRESET)';
    case 'ETIMEDOUT':
      return 'connection timed out (ETIMEDOUT)';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `host unreachable (${e.code})`;
    case 'HPE_HEADER_OVERFLOW':
      return 'response headers too large';
    default:
      break;
  }
  if (e?.code?.startsWith('ERR_TLS') || e?.code?.includes('CERT')) return `TLS error: ${e.message} (${e.code})`;
  return e instanceof Error ? e.message : String(err);
}

function abortPromise(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(new Error('aborted'));
    else signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
  });
}

function checkUrl(raw: string, original: string): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new FetchError(original, `not a valid URL: "${raw}"`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new FetchError(original, `refused: only http and https URLs are fetched, not ${u.protocol.replace(/:$/, '')}:`);
  }
  if (u.username || u.password) throw new FetchError(original, 'refused: URLs with a user name or password are not fetched');
  return u;
}

function requestOnce(u: URL, headers: Record<string, string>, lookup: ReturnType<typeof pinnedLookup>, signal: AbortSignal): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const mod = u.protocol === 'https:' ? https : http;
    // agent: false — a pooled keep-alive socket was connected under an earlier check; a fresh
    // connection per request is what the address check vouches for.
    const req = mod.request(u, { method: 'GET', headers, lookup, signal, agent: false }, resolve);
    req.on('error', reject);
    req.end();
  });
}

/** Wraps a body stream: counts bytes and fails with a FetchError past `max`. */
function byteLimit(max: number, url: string, what: string): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      total += chunk.length;
      if (total > max) {
        cb(new FetchError(url, `${what} is over the ${megabytes(max)} limit (maxBytes); refused`));
        return;
      }
      cb(null, chunk);
    },
  });
}

/**
 * The body as decoded chunks: wire bytes and decoded bytes are both limited, so neither a huge
 * download nor a small gzip/brotli bomb gets past maxBytes. Any failure becomes a FetchError.
 */
function decodedBody(res: IncomingMessage, url: string, maxBytes: number, relabel: (err: unknown) => FetchError): AsyncIterable<Buffer> {
  const encoding = (res.headers['content-encoding'] ?? 'identity').toLowerCase().trim();
  let decoder: Transform | null = null;
  if (encoding === 'gzip' || encoding === 'x-gzip') decoder = createGunzip();
  else if (encoding === 'br') decoder = createBrotliDecompress();
  else if (encoding === 'deflate') decoder = createInflate();
  else if (encoding !== 'identity' && encoding !== '') {
    res.destroy();
    throw new FetchError(url, `unsupported Content-Encoding "${encoding}"`);
  }
  const wire = byteLimit(maxBytes, url, 'response body');
  const last = decoder ? byteLimit(maxBytes, url, 'decompressed response body') : wire;
  const stages: Array<NodeJS.ReadableStream | NodeJS.WritableStream> = decoder ? [res, wire, decoder, last] : [res, wire];
  // pipeline destroys every stage when one fails (an abort, a limit, corrupt data), and the
  // error reaches the reader through the last stage.
  pipeline(stages, () => undefined);
  const isZlib = (err: unknown): boolean => String((err as NodeJS.ErrnoException)?.code ?? '').startsWith('Z_');
  return (async function* () {
    try {
      for await (const chunk of last) yield chunk as Buffer;
    } catch (err) {
      if (isZlib(err)) throw new FetchError(url, `corrupt ${encoding} body: ${(err as Error).message}`);
      throw relabel(err);
    }
  })();
}

/**
 * Open a URL under the policy: follow redirects (each hop checked), stop at the final response
 * and hand its body over as a decoded, size-limited stream. Non-2xx answers other than 304 are
 * a FetchError.
 */
export async function safeFetchStream(url: string, policy: FetchPolicy, opts: SafeFetchOptions = {}): Promise<FetchStream> {
  let current = checkUrl(url, url);
  const deadline = new Deadline(policy.timeoutMs, opts.signal);
  const cond = opts.conditional?.get(url);
  const headers: Record<string, string> = {
    'user-agent': policy.userAgent,
    accept: opts.accept ?? '*/*',
    'accept-encoding': opts.acceptEncoding ?? 'gzip, br',
  };
  if (cond?.etag) headers['if-none-match'] = cond.etag;
  if (cond?.lastModified) headers['if-modified-since'] = cond.lastModified;

  try {
    for (let hop = 0; ; hop++) {
      let addresses;
      try {
        addresses = await Promise.race([resolveAllowed(current.hostname, policy, opts.resolver), abortPromise(deadline.signal)]);
      } catch (err) {
        if (err instanceof AddressRefused) {
          const where = current.href === url ? '' : ` (redirected to ${current.href})`;
          throw new FetchError(url, `${err.message}${where}`);
        }
        throw new FetchError(url, describeNetworkError(err, deadline));
      }
      let res: IncomingMessage;
      try {
        res = await requestOnce(current, headers, pinnedLookup(addresses), deadline.signal);
      } catch (err) {
        throw new FetchError(url, describeNetworkError(err, deadline));
      }
      const status = res.statusCode ?? 0;
      if (REDIRECTS.has(status)) {
        res.resume();
        const location = res.headers.location;
        if (!location) throw new FetchError(url, `HTTP ${status} redirect without a Location header`, status);
        if (hop + 1 > policy.maxRedirects) {
          throw new FetchError(url, `too many redirects (more than ${policy.maxRedirects}, maxRedirects); last to ${location}`, status);
        }
        let next: URL;
        try {
          next = new URL(location, current);
        } catch {
          throw new FetchError(url, `HTTP ${status} redirect to an invalid URL "${location}"`, status);
        }
        current = checkUrl(next.href, url);
        continue;
      }
      const base = {
        url,
        finalUrl: current.href,
        status,
        contentType: mediaType(res.headers['content-type']),
        headers: headerMap(res),
        etag: res.headers.etag ?? null,
        lastModified: res.headers['last-modified'] ?? null,
        close: () => deadline.close(),
      };
      if (status === 304) {
        res.resume();
        return { ...base, notModified: true, body: (async function* () {})() };
      }
      if (status < 200 || status > 299) {
        res.resume();
        throw new FetchError(url, `HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`, status);
      }
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > policy.maxBytes) {
        res.destroy();
        throw new FetchError(url, `response is ${megabytes(declared)}, over the ${megabytes(policy.maxBytes)} limit (maxBytes); refused`, status);
      }
      // An abort mid-body surfaces as a stream error; give it the deadline's words.
      const relabel = (err: unknown): FetchError => (err instanceof FetchError ? err : new FetchError(url, describeNetworkError(err, deadline)));
      return { ...base, notModified: false, body: decodedBody(res, url, policy.maxBytes, relabel) };
    }
  } catch (err) {
    deadline.close();
    throw err;
  }
}

/** GET a URL into memory under the policy (see safeFetchStream). */
export async function safeFetch(url: string, policy: FetchPolicy, opts: SafeFetchOptions = {}): Promise<FetchResult> {
  const s = await safeFetchStream(url, policy, opts);
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of s.body) chunks.push(chunk);
    const { body: _stream, close: _close, ...meta } = s;
    return { ...meta, body: Buffer.concat(chunks) };
  } finally {
    s.close();
  }
}
