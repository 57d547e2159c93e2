import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryConditionalState } from '../../../src/ingest/fetch/conditional-state.js';
import type { InputItem } from '../../../src/ingest/read-inputs.js';
import { followSources } from '../../../src/ingest/sources/read-source.js';
import type { FetchPolicy, SourceSpec } from '../../../src/ingest/sources/types.js';
import { startServer, type LocalServer } from '../fetch/helpers/local-server.js';

const policy: FetchPolicy = { allowPrivate: true, timeoutMs: 3000, maxBytes: 1024 * 1024, maxRedirects: 5, userAgent: 'marsad-test' };

let server: LocalServer;
/** What the feed currently lists; the test adds items between polls. */
const items: string[] = ['a', 'b'];
let version = 1;

function feedXml(): string {
  return (
    `<?xml version="1.0"?><rss version="2.0"><channel><title>Live</title>` +
    items.map((id) => `<item><guid>${id}</guid><title>Item ${id}</title><description>Text of ${id}.</description></item>`).join('') +
    `</channel></rss>`
  );
}

beforeAll(async () => {
  server = await startServer({
    '/live.xml': (req, res) => {
      const etag = `"v${version}"`;
      res.setHeader('etag', etag);
      if (req.headers['if-none-match'] === etag) {
        res.statusCode = 304;
        res.end();
        return;
      }
      res.setHeader('content-type', 'application/rss+xml');
      res.end(feedXml());
    },
    '/down.xml': (_req, res) => {
      res.statusCode = 503;
      res.end();
    },
  });
});

afterAll(async () => {
  await server.close();
});

function docId(item: InputItem): string {
  return item.kind === 'document' ? item.doc.inputId : `error:${item.input}`;
}

describe('followSources', () => {
  it('yields what is new on each poll and stops when aborted', { timeout: 15_000 }, async () => {
    const ac = new AbortController();
    const specs: SourceSpec[] = [{ name: 'live', kind: 'feed', url: server.url('/live.xml'), intervalSeconds: 0.15 }];
    const seen: string[] = [];
    const guard = setTimeout(() => ac.abort(), 8000); // the test can never hang
    for await (const item of followSources(specs, policy, new MemoryConditionalState(), { signal: ac.signal })) {
      seen.push(docId(item));
      if (seen.length === 2) {
        // The second poll gets a 304 (nothing), then the feed changes: the next poll brings c only.
        setTimeout(() => {
          items.push('c');
          version++;
        }, 300);
      }
      if (seen.length === 3) setTimeout(() => ac.abort(), 350);
    }
    clearTimeout(guard);
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(ac.signal.aborted).toBe(true);
    expect(server.hits('/live.xml')).toBeGreaterThanOrEqual(3);
  });

  // The interval is an hour: only an abort that wakes the sleep ends this within the limit.
  it('keeps polling through errors and ends promptly on abort while waiting', { timeout: 10_000 }, async () => {
    const ac = new AbortController();
    const specs: SourceSpec[] = [{ name: 'down', kind: 'feed', url: server.url('/down.xml'), intervalSeconds: 3600 }];
    const out: InputItem[] = [];
    setTimeout(() => ac.abort(), 300);
    for await (const item of followSources(specs, policy, new MemoryConditionalState(), { signal: ac.signal })) out.push(item);
    expect(out).toEqual([{ kind: 'error', input: server.url('/down.xml'), message: 'HTTP 503 Service Unavailable' }]);
  });

  it('watches folder sources beside polled feeds', { timeout: 15_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'marsad-follow-'));
    try {
      const ac = new AbortController();
      const guard = setTimeout(() => ac.abort(), 8000);
      const specs: SourceSpec[] = [
        { name: 'live', kind: 'feed', url: server.url('/live.xml'), intervalSeconds: 3600 },
        { name: 'drop', kind: 'folder', path: dir, intervalSeconds: 0.2, language: 'en' },
      ];
      const got: InputItem[] = [];
      setTimeout(() => writeFileSync(join(dir, 'dropped.txt'), 'Dropped report.'), 200);
      for await (const item of followSources(specs, policy, new MemoryConditionalState(), { signal: ac.signal, settleMs: 100 })) {
        got.push(item);
        if (item.kind === 'document' && item.doc.text === 'Dropped report.') ac.abort();
      }
      clearTimeout(guard);
      const dropped = got.find((i) => i.kind === 'document' && i.doc.text === 'Dropped report.');
      expect(dropped).toBeDefined();
      if (dropped?.kind === 'document') {
        expect(dropped.doc.source).toBe('drop');
        expect(dropped.doc.language).toBe('en');
      }
      expect(got.filter((i) => i.kind === 'document' && i.doc.source === 'Live').length).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
