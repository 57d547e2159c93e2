import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryConditionalState } from '../../src/ingest/fetch/conditional-state.js';
import type { InputItem } from '../../src/ingest/read-inputs.js';
import { readSource } from '../../src/ingest/sources/read-source.js';
import type { FetchPolicy, SourceSpec } from '../../src/ingest/sources/types.js';
import { startServer, type LocalServer } from '../ingest/fetch/helpers/local-server.js';
import { ARABIC_PARAGRAPH, bigFeed } from './hostile-inputs.js';

/**
 * Hostile feeds from a local server: thousands of items, an item whose HTML is nested 100,000
 * deep, an entity bomb, a feed over the size limit, garbage bytes. Each gives its documents or
 * an error naming the feed, promptly and in bounded memory.
 */

const policy: FetchPolicy = { allowPrivate: true, timeoutMs: 10_000, maxBytes: 20 * 1024 * 1024, maxRedirects: 3, userAgent: 'marsad-fuzz' };
const ITEMS = 10_000;

async function collect(gen: AsyncIterable<InputItem>): Promise<InputItem[]> {
  const out: InputItem[] = [];
  for await (const x of gen) out.push(x);
  return out;
}

let server: LocalServer;

function serve(path: string, body: string | Buffer, type = 'application/rss+xml'): void {
  server.route(path, (_req, res) => {
    res.setHeader('content-type', type);
    res.end(body);
  });
}

beforeAll(async () => {
  server = await startServer();
  serve('/big.xml', bigFeed(ITEMS, (i) => server.url(`/a/${i}`)));
  const deep = `${'<div>'.repeat(100_000)}${ARABIC_PARAGRAPH}${'</div>'.repeat(100_000)}`;
  serve(
    '/deep.xml',
    `<?xml version="1.0"?><rss version="2.0"><channel><title>Deep</title><item><guid>deep-1</guid><title>عمق</title><description><![CDATA[${deep}]]></description></item>` +
      `<item><guid>ok-1</guid><title>ok</title><description>${ARABIC_PARAGRAPH}</description></item></channel></rss>`,
  );
  serve(
    '/laughs.xml',
    `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>` +
      `<rss version="2.0"><channel><title>&lol3;</title><item><title>&lol3;</title></item></channel></rss>`,
  );
  serve('/huge.xml', Buffer.alloc(30 * 1024 * 1024, 0x20));
  serve('/garbage.xml', Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 31 + 7) % 256)));
  serve('/nested.xml', `<?xml version="1.0"?><rss version="2.0"><channel>${'<x>'.repeat(50_000)}${'</x>'.repeat(50_000)}</channel></rss>`);
});

afterAll(async () => {
  await server?.close();
});

const spec = (path: string): SourceSpec => ({ name: `fuzz ${path}`, kind: 'feed', url: server.url(path) });

describe('hostile feeds', () => {
  it(`reads a feed of ${ITEMS} items into ${ITEMS} documents, quickly`, async () => {
    const started = Date.now();
    const items = await collect(readSource(spec('/big.xml'), policy, new MemoryConditionalState()));
    const docs = items.filter((i) => i.kind === 'document');
    expect(docs).toHaveLength(ITEMS);
    expect(new Set(docs.map((d) => d.kind === 'document' && d.doc.inputId)).size).toBe(ITEMS);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('reads an item whose HTML is nested 100,000 deep, and the items after it', async () => {
    const items = await collect(readSource(spec('/deep.xml'), policy, new MemoryConditionalState()));
    const texts = items.flatMap((i) => (i.kind === 'document' ? [i.doc.text] : []));
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain(ARABIC_PARAGRAPH);
  });

  it('refuses an entity bomb, a feed over the size limit, garbage and deeply nested XML with errors naming the feed', async () => {
    for (const path of ['/laughs.xml', '/huge.xml', '/garbage.xml', '/nested.xml']) {
      const started = Date.now();
      const items = await collect(readSource(spec(path), policy, new MemoryConditionalState()));
      const errors = items.filter((i) => i.kind === 'error');
      expect(items.filter((i) => i.kind === 'document'), path).toEqual([]);
      expect(errors.length, path).toBeGreaterThan(0);
      for (const e of errors) {
        expect(e.kind === 'error' && e.input).toContain(path);
        expect(e.kind === 'error' && e.message.length).toBeGreaterThan(5);
      }
      expect(Date.now() - started, path).toBeLessThan(10_000);
    }
  });
});
