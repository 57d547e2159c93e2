import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants as zc, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyAddress } from '../../../src/ingest/fetch/address-policy.js';
import { FileConditionalState, MemoryConditionalState } from '../../../src/ingest/fetch/conditional-state.js';
import { defaultFetchPolicy } from '../../../src/ingest/fetch/policy.js';
import type { HostResolver } from '../../../src/ingest/fetch/resolve-host.js';
import { FetchError, safeFetch } from '../../../src/ingest/fetch/safe-fetch.js';
import type { FetchPolicy } from '../../../src/ingest/sources/types.js';
import { startServer, type LocalServer } from './helpers/local-server.js';

const base: FetchPolicy = { allowPrivate: false, timeoutMs: 5000, maxBytes: 1024 * 1024, maxRedirects: 5, userAgent: 'marsad-test' };
const open: FetchPolicy = { ...base, allowPrivate: true };

async function failure(p: Promise<unknown>): Promise<FetchError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(FetchError);
    return err as FetchError;
  }
  throw new Error('expected the fetch to fail');
}

/** A resolver that answers from a table: host names that do not exist in real DNS. */
function fakeDns(table: Record<string, string[]>): HostResolver {
  return async (host) => {
    const list = table[host];
    if (!list) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return list.map((address) => ({ address, family: address.includes(':') ? (6 as const) : (4 as const) }));
  };
}

let server: LocalServer;

beforeAll(async () => {
  server = await startServer({
    '/hello': (_req, res) => {
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end('hello');
    },
    '/host': (req, res) => res.end(req.headers.host ?? ''),
    '/r/*': (req, res) => {
      const n = Number((req.url ?? '').split('/').pop());
      res.statusCode = 302;
      res.setHeader('location', n > 0 ? `/r/${n - 1}` : '/hello');
      res.end();
    },
    '/to-private': (_req, res) => {
      res.statusCode = 301;
      res.setHeader('location', 'http://10.0.0.1/admin');
      res.end();
    },
    '/to-localhost': (_req, res) => {
      res.statusCode = 307;
      res.setHeader('location', `http://localhost:${server.port}/hello`);
      res.end();
    },
    '/to-file': (_req, res) => {
      res.statusCode = 302;
      res.setHeader('location', 'file:///etc/passwd');
      res.end();
    },
    '/hang': () => {
      // never answers
    },
    '/drip': (_req, res) => {
      res.setHeader('content-type', 'text/plain');
      res.write('a');
      // headers and one byte, then nothing: the deadline must cover the body too
    },
    '/big': (_req, res) => {
      res.setHeader('content-length', String(2 * 1024 * 1024));
      res.end(Buffer.alloc(2 * 1024 * 1024, 0x61));
    },
    '/big-chunked': (_req, res) => {
      // no Content-Length: the limit must stop the stream itself
      for (let i = 0; i < 40; i++) res.write(Buffer.alloc(64 * 1024, 0x61));
      res.end();
    },
    '/gzip-bomb': (_req, res) => {
      res.setHeader('content-encoding', 'gzip');
      res.end(gzipSync(Buffer.alloc(50 * 1024 * 1024)));
    },
    '/br-bomb': (_req, res) => {
      res.setHeader('content-encoding', 'br');
      res.end(brotliCompressSync(Buffer.alloc(20 * 1024 * 1024), { params: { [zc.BROTLI_PARAM_QUALITY]: 1 } }));
    },
    '/gzip-ok': (_req, res) => {
      res.setHeader('content-encoding', 'gzip');
      res.setHeader('content-type', 'text/html');
      res.end(gzipSync(Buffer.from('<p>مرحبا</p>')));
    },
    '/gzip-corrupt': (_req, res) => {
      res.setHeader('content-encoding', 'gzip');
      const g = gzipSync(Buffer.alloc(10000, 0x62));
      g.writeUInt8(g.readUInt8(g.length - 6) ^ 0xff, g.length - 6); // break the CRC trailer
      res.end(g);
    },
    '/etag': (req, res) => {
      res.setHeader('etag', '"v1"');
      if (req.headers['if-none-match'] === '"v1"') {
        res.statusCode = 304;
        res.end();
        return;
      }
      res.end('etag body');
    },
    '/lastmod': (req, res) => {
      const lm = 'Tue, 10 Jun 2025 10:00:00 GMT';
      res.setHeader('last-modified', lm);
      if (req.headers['if-modified-since'] === lm) {
        res.statusCode = 304;
        res.end();
        return;
      }
      res.end('lastmod body');
    },
    '/missing': (_req, res) => {
      res.statusCode = 404;
      res.end('nope');
    },
  });
});

afterAll(async () => {
  await server.close();
});

describe('address classification', () => {
  it('passes public unicast and names what it refuses', () => {
    expect(classifyAddress('8.8.8.8').public).toBe(true);
    expect(classifyAddress('2001:4860:4860::8888').public).toBe(true);
    const cases: Array<[string, RegExp]> = [
      ['127.0.0.1', /loopback/],
      ['::1', /loopback/],
      ['10.2.3.4', /private/],
      ['172.16.5.5', /private/],
      ['192.168.1.1', /private/],
      ['169.254.169.254', /link-local/],
      ['fe80::1', /link-local/],
      ['fc00::1', /unique-local/],
      ['100.64.0.1', /carrier-grade NAT/],
      ['0.0.0.0', /unspecified/],
      ['224.0.0.1', /multicast/],
      ['::ffff:127.0.0.1', /loopback/],
      ['::ffff:10.0.0.1', /private/],
      ['64:ff9b::7f00:1', /NAT64/],
    ];
    for (const [ip, what] of cases) {
      const v = classifyAddress(ip);
      expect(v.public, ip).toBe(false);
      if (!v.public) expect(v.what, ip).toMatch(what);
    }
  });
});

describe('safeFetch: private and loopback addresses', () => {
  it('fetches from loopback only when allowPrivate is set', async () => {
    const r = await safeFetch(server.url('/hello'), open);
    expect(r.status).toBe(200);
    expect(r.body.toString()).toBe('hello');
    expect(r.contentType).toBe('text/plain');

    const before = server.hits('/hello');
    const e = await failure(safeFetch(server.url('/hello'), base));
    expect(e.message).toBe(`${server.url('/hello')}: refused: 127.0.0.1 is a loopback address (set allowPrivate to fetch it)`);
    expect(server.hits('/hello')).toBe(before); // refused before connecting
  });

  it('refuses ::1, 10.x, 192.168.x, 169.254.x and IPv4-mapped loopback without connecting', async () => {
    const cases: Array<[string, RegExp]> = [
      [`http://[::1]:${server.port}/hello`, /refused: ::1 is a loopback address/],
      ['http://10.1.2.3/feed', /refused: 10\.1\.2\.3 is a private/],
      ['http://192.168.0.10/feed', /refused: 192\.168\.0\.10 is a private/],
      ['http://169.254.169.254/latest/meta-data/', /refused: 169\.254\.169\.254 is a link-local/],
      [`http://[::ffff:127.0.0.1]:${server.port}/hello`, /refused: 127\.0\.0\.1 is a loopback/],
      ['http://2130706433/', /refused: 127\.0\.0\.1 is a loopback/], // 127.0.0.1 as one number
    ];
    for (const [url, msg] of cases) {
      const e = await failure(safeFetch(url, { ...base, timeoutMs: 2000 }));
      expect(e.message, url).toMatch(msg);
      expect(e.message).toMatch(/set allowPrivate to fetch it/);
    }
  });

  it('refuses a host name that resolves to loopback (localhost)', async () => {
    const e = await failure(safeFetch(`http://localhost:${server.port}/hello`, base));
    expect(e.message).toMatch(/refused: (127\.0\.0\.1|::1) is a loopback address \(localhost resolves to it\)/);
  });

  it('checks every resolved address, not just the first', async () => {
    const resolver = fakeDns({ 'mixed.test': ['93.184.216.34', '10.0.0.7'] });
    const e = await failure(safeFetch('http://mixed.test/feed', base, { resolver }));
    expect(e.message).toMatch(/refused: 10\.0\.0\.7 is a private .*mixed\.test resolves to it/);
  });

  it('connects to the checked address, with the URL host in the Host header', async () => {
    // feed.test exists only in the fake resolver: reaching the server proves the pinned lookup was used.
    const resolver = fakeDns({ 'feed.test': ['127.0.0.1'] });
    const r = await safeFetch(`http://feed.test:${server.port}/host`, open, { resolver });
    expect(r.body.toString()).toBe(`feed.test:${server.port}`);
  });

  it('refuses non-http schemes and credentials in URLs', async () => {
    expect((await failure(safeFetch('file:///etc/passwd', open))).message).toMatch(/only http and https/);
    expect((await failure(safeFetch('ftp://example.org/x', open))).message).toMatch(/only http and https/);
    expect((await failure(safeFetch(`http://u:p@127.0.0.1:${server.port}/hello`, open))).message).toMatch(/user name or password/);
    expect((await failure(safeFetch('not a url', open))).message).toMatch(/not a valid URL/);
  });

  it('lets privateHosts exempt one host while still refusing others', async () => {
    const policy = { ...base, privateHosts: ['127.0.0.1'] };
    expect((await safeFetch(server.url('/hello'), policy)).body.toString()).toBe('hello');
    const e = await failure(safeFetch(server.url('/to-localhost'), policy));
    expect(e.message).toMatch(/refused: .* is a loopback address .*\(redirected to http:\/\/localhost:\d+\/hello\)/);
  });
});

describe('safeFetch: redirects', () => {
  it('follows up to maxRedirects and refuses one more', async () => {
    const r = await safeFetch(server.url('/r/4'), open); // 5 redirects: /r/4 … /r/0 → /hello
    expect(r.body.toString()).toBe('hello');
    expect(r.finalUrl).toBe(server.url('/hello'));
    const e = await failure(safeFetch(server.url('/r/5'), open));
    expect(e.message).toMatch(/too many redirects \(more than 5, maxRedirects\)/);
    const e2 = await failure(safeFetch(server.url('/r/1'), { ...open, maxRedirects: 1 }));
    expect(e2.message).toMatch(/too many redirects \(more than 1/);
  });

  it('re-checks each hop: a redirect to a private address is refused', async () => {
    const policy = { ...base, privateHosts: ['127.0.0.1'] };
    const e = await failure(safeFetch(server.url('/to-private'), policy));
    expect(e.message).toMatch(/refused: 10\.0\.0\.1 is a private .*\(redirected to http:\/\/10\.0\.0\.1\/admin\)/);
    expect(e.url).toBe(server.url('/to-private'));
    const e2 = await failure(safeFetch(server.url('/to-file'), open));
    expect(e2.message).toMatch(/only http and https URLs are fetched, not file:/);
  });
});

describe('safeFetch: time and size limits', () => {
  // Without a working deadline these would hang until the per-test limit and fail.
  it('times out a server that never answers', { timeout: 10_000 }, async () => {
    const e = await failure(safeFetch(server.url('/hang'), { ...open, timeoutMs: 300 }));
    expect(e.message).toMatch(/timed out after 0\.3 s \(timeoutMs\)/);
  });

  it('times out a body that stops arriving', { timeout: 10_000 }, async () => {
    const e = await failure(safeFetch(server.url('/drip'), { ...open, timeoutMs: 400 }));
    expect(e.message).toMatch(/timed out after 0\.4 s/);
  });

  it('stops at maxBytes, declared or not', async () => {
    const e = await failure(safeFetch(server.url('/big'), open));
    expect(e.message).toMatch(/response is 2 MB, over the 1 MB limit \(maxBytes\)/);
    const e2 = await failure(safeFetch(server.url('/big-chunked'), open));
    expect(e2.message).toMatch(/response body is over the 1 MB limit \(maxBytes\)/);
  });

  it('stops a gzip or brotli bomb at maxBytes of decoded data', { timeout: 20_000 }, async () => {
    const e = await failure(safeFetch(server.url('/gzip-bomb'), open));
    expect(e.message).toMatch(/decompressed response body is over the 1 MB limit/);
    const e2 = await failure(safeFetch(server.url('/br-bomb'), open));
    expect(e2.message).toMatch(/decompressed response body is over the 1 MB limit/);
  });

  it('decodes gzip bodies and reports corrupt ones', async () => {
    const r = await safeFetch(server.url('/gzip-ok'), open);
    expect(r.body.toString('utf8')).toBe('<p>مرحبا</p>');
    const e = await failure(safeFetch(server.url('/gzip-corrupt'), open));
    expect(e.message).toMatch(/corrupt gzip body/);
  });

  it('reports HTTP errors with the status', async () => {
    const e = await failure(safeFetch(server.url('/missing'), open));
    expect(e.message).toBe(`${server.url('/missing')}: HTTP 404 Not Found`);
    expect(e.status).toBe(404);
  });

  it('stops when the caller aborts', { timeout: 10_000 }, async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const e = await failure(safeFetch(server.url('/hang'), open, { signal: ac.signal }));
    expect(e.message).toMatch(/aborted/);
  });
});

describe('safeFetch: conditional requests', () => {
  it('sends If-None-Match from the state and reports 304 as notModified', async () => {
    const state = new MemoryConditionalState();
    const first = await safeFetch(server.url('/etag'), open, { conditional: state });
    expect(first.notModified).toBe(false);
    expect(first.etag).toBe('"v1"');
    state.set(first.url, { etag: first.etag! });
    const second = await safeFetch(server.url('/etag'), open, { conditional: state });
    expect(second.status).toBe(304);
    expect(second.notModified).toBe(true);
    expect(second.body.length).toBe(0);
    expect(server.requests.at(-1)!.headers['if-none-match']).toBe('"v1"');
  });

  it('sends If-Modified-Since from the state', async () => {
    const state = new MemoryConditionalState();
    const first = await safeFetch(server.url('/lastmod'), open, { conditional: state });
    expect(first.body.toString()).toBe('lastmod body');
    state.set(first.url, { lastModified: first.lastModified! });
    const second = await safeFetch(server.url('/lastmod'), open, { conditional: state });
    expect(second.notModified).toBe(true);
  });
});

describe('FileConditionalState', () => {
  it('persists validators atomically and reloads them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'marsad-cond-'));
    try {
      const path = join(dir, 'sources-state.json');
      const a = new FileConditionalState(path);
      expect(a.get('http://x/feed')).toBeUndefined();
      a.set('http://x/feed', { etag: '"abc"', lastModified: 'Tue, 10 Jun 2025 10:00:00 GMT' });
      const b = new FileConditionalState(path);
      expect(b.get('http://x/feed')).toEqual({ etag: '"abc"', lastModified: 'Tue, 10 Jun 2025 10:00:00 GMT' });
      expect(readdirSync(dir)).toEqual(['sources-state.json']); // no temporary file left
      writeFileSync(path, '{not json');
      expect(() => new FileConditionalState(path)).toThrow(/sources-state\.json: the sources state is not valid JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(existsSync(dir)).toBe(false);
  });
});

describe('defaultFetchPolicy', () => {
  it('allows private addresses only with MARSAD_ALLOW_PRIVATE_FETCH=1', () => {
    expect(defaultFetchPolicy({}).allowPrivate).toBe(false);
    expect(defaultFetchPolicy({ MARSAD_ALLOW_PRIVATE_FETCH: '1' }).allowPrivate).toBe(true);
    const p = defaultFetchPolicy({});
    expect([p.timeoutMs, p.maxBytes, p.maxRedirects]).toEqual([20_000, 20 * 1024 * 1024, 5]);
  });
});
