import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryConditionalState } from '../../../src/ingest/fetch/conditional-state.js';
import type { InputItem } from '../../../src/ingest/read-inputs.js';
import { readSource } from '../../../src/ingest/sources/read-source.js';
import type { FetchPolicy, SourceSpec } from '../../../src/ingest/sources/types.js';
import { startServer, type LocalServer } from '../fetch/helpers/local-server.js';

const policy: FetchPolicy = { allowPrivate: true, timeoutMs: 5000, maxBytes: 5 * 1024 * 1024, maxRedirects: 5, userAgent: 'marsad-test' };

async function collect(gen: AsyncIterable<InputItem>): Promise<InputItem[]> {
  const out: InputItem[] = [];
  for await (const x of gen) out.push(x);
  return out;
}

function docs(items: InputItem[]) {
  return items.flatMap((i) => (i.kind === 'document' ? [i.doc] : []));
}

function errors(items: InputItem[]) {
  return items.flatMap((i) => (i.kind === 'error' ? [i] : []));
}

const ARTICLE = (title: string, body: string): string =>
  `<!doctype html><html lang="ar"><head><title>${title}</title><meta property="og:title" content="${title}"></head>` +
  `<body><nav>القائمة</nav><article><h1>${title}</h1>${body}</article></body></html>`;

const LONG_AR =
  '<p>أفاد مراسلنا في ريف إدلب الجنوبي بأن طائرات حربية استهدفت صباح اليوم بلدة كفرنبل بعدة غارات جوية، ما أدى إلى سقوط قتلى وجرحى بين المدنيين وتدمير عدد من المنازل.</p>' +
  '<p>وقالت مصادر محلية إن فرق الدفاع المدني عملت على انتشال الضحايا من تحت الأنقاض، فيما تواصل القصف المدفعي على القرى المجاورة حتى ساعات المساء.</p>';

function rss(items: Array<{ guid: string; link: string; title: string; desc: string }>, title = 'Local Wire'): string {
  return (
    `<?xml version="1.0"?><rss version="2.0"><channel>${title ? `<title>${title}</title>` : ''}` +
    items.map((i) => `<item><guid>${i.guid}</guid><link>${i.link}</link><title>${i.title}</title><description>${i.desc}</description><pubDate>Tue, 10 Jun 2025 09:00:00 GMT</pubDate></item>`).join('') +
    `</channel></rss>`
  );
}

let server: LocalServer;

beforeAll(async () => {
  server = await startServer();
  server.route('/feed.xml', (req, res) => {
    res.setHeader('content-type', 'application/rss+xml');
    res.setHeader('etag', '"feed-1"');
    if (req.headers['if-none-match'] === '"feed-1"') {
      res.statusCode = 304;
      res.end();
      return;
    }
    res.end(
      rss([
        { guid: 'g1', link: server.url('/a1'), title: 'One', desc: 'Summary one.' },
        { guid: 'g2', link: server.url('/a2'), title: 'Two', desc: 'Summary two.' },
      ]),
    );
  });
  server.route('/untitled.xml', (_req, res) => {
    res.setHeader('content-type', 'text/xml');
    res.end(rss([{ guid: 'u1', link: server.url('/a1'), title: 'U', desc: 'Untitled feed item.' }], ''));
  });
  server.route('/full.xml', (_req, res) => {
    res.setHeader('content-type', 'application/rss+xml');
    res.end(
      rss([
        { guid: 'f1', link: server.url('/a1'), title: 'Full one', desc: 'Short.' },
        { guid: 'f2', link: server.url('/gone'), title: 'Broken link', desc: 'Only the summary survives.' },
      ]),
    );
  });
  server.route('/a1', (_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(ARTICLE('غارات على كفرنبل', LONG_AR));
  });
  server.route('/records.json', (_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify([{ id: 'r1', text: 'First record.' }, { id: 'r2', text: 'Second record.' }, { nope: 1 }]));
  });
  server.route('/records.jsonl', (_req, res) => {
    res.setHeader('content-type', 'application/x-ndjson');
    res.end('{"id":"l1","text":"Line one."}\n{"id":"l2","text":"Line two."}\n');
  });
  server.route('/note.txt', (_req, res) => {
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    res.end('A plain statement.');
  });
  server.route('/cp1256.xml', (_req, res) => {
    // An Arabic feed in windows-1256, saying so only in its XML declaration.
    res.setHeader('content-type', 'application/rss+xml');
    const xml = '<?xml version="1.0" encoding="windows-1256"?><rss version="2.0"><channel><title>وكالة</title>' +
      '<item><guid>w1</guid><title>قصف مدفعي</title><description>قصف مدفعي على أطراف سراقب.</description></item></channel></rss>';
    res.end(iconv.encode(xml, 'windows-1256'));
  });
  server.route('/broken.xml', (_req, res) => {
    res.setHeader('content-type', 'application/rss+xml');
    res.end('<rss><channel><title>x</channel></rss>');
  });
});

afterAll(async () => {
  await server.close();
});

describe('readSource: feeds', () => {
  it('yields one document per item, with the feed title as source', async () => {
    const spec: SourceSpec = { name: 'local', kind: 'feed', url: server.url('/feed.xml'), language: 'en' };
    const items = await collect(readSource(spec, policy, new MemoryConditionalState()));
    const d = docs(items);
    expect(d.map((x) => x.inputId)).toEqual(['g1', 'g2']);
    expect(d[0]!.source).toBe('Local Wire');
    expect(d[0]!.language).toBe('en');
    expect(d[0]!.text).toBe('Summary one.');
    expect(d[0]!.published).toBe('2025-06-10');
  });

  it('decodes a feed in the code page its XML declaration names', async () => {
    const spec: SourceSpec = { name: 'cp', kind: 'feed', url: server.url('/cp1256.xml') };
    const d = docs(await collect(readSource(spec, policy, new MemoryConditionalState())));
    expect(d[0]!.title).toBe('قصف مدفعي');
    expect(d[0]!.text).toBe('قصف مدفعي على أطراف سراقب.');
    expect(d[0]!.source).toBe('وكالة');
  });

  it('uses the source name when the feed has no title', async () => {
    const spec: SourceSpec = { name: 'my-source', kind: 'feed', url: server.url('/untitled.xml') };
    const d = docs(await collect(readSource(spec, policy, new MemoryConditionalState())));
    expect(d[0]!.source).toBe('my-source');
  });

  it('remembers the ETag only after the items were consumed, then gets a 304', async () => {
    const state = new MemoryConditionalState();
    const spec: SourceSpec = { name: 'local', kind: 'feed', url: server.url('/feed.xml') };

    // A consumer that stops after the first item (a crash, an abort) must not mark the feed as read.
    for await (const _ of readSource(spec, policy, state)) break;
    expect(state.get(spec.url!)).toBeUndefined();

    expect(docs(await collect(readSource(spec, policy, state)))).toHaveLength(2);
    expect(state.get(spec.url!)).toEqual({ etag: '"feed-1"' });
    const again = await collect(readSource(spec, policy, state));
    expect(again).toEqual([]);
    expect(server.requests.at(-1)!.headers['if-none-match']).toBe('"feed-1"');
  });

  it('reports a malformed feed as one error item naming the URL', async () => {
    const spec: SourceSpec = { name: 'b', kind: 'feed', url: server.url('/broken.xml') };
    const items = await collect(readSource(spec, policy, new MemoryConditionalState()));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'error', input: server.url('/broken.xml') });
    expect(errors(items)[0]!.message).toMatch(/^malformed XML at line 1/);
  });

  it('fetches full pages when fullText is set, and falls back to the summary with an error', async () => {
    const spec: SourceSpec = { name: 'full', kind: 'feed', url: server.url('/full.xml'), fullText: true };
    const items = await collect(readSource(spec, policy, new MemoryConditionalState()));
    const d = docs(items);
    expect(d).toHaveLength(2);
    expect(d[0]!.inputId).toBe('f1');
    expect(d[0]!.text).toMatch(/استهدفت صباح اليوم بلدة كفرنبل/);
    expect(d[0]!.text).not.toMatch(/القائمة/);
    expect(d[0]!.published).toBe('2025-06-10'); // the feed's date
    expect(d[0]!.fromHtml).toBe(true);
    expect(d[1]!.text).toBe('Only the summary survives.');
    const e = errors(items);
    expect(e).toHaveLength(1);
    expect(e[0]!.input).toBe(server.url('/gone'));
    expect(e[0]!.message).toMatch(/full text not fetched: HTTP 404 Not Found; the feed's summary was used/);
  });

  it('refuses a private feed URL when the policy does not allow it', async () => {
    const spec: SourceSpec = { name: 'p', kind: 'feed', url: server.url('/feed.xml') };
    const items = await collect(readSource(spec, { ...policy, allowPrivate: false }, new MemoryConditionalState()));
    expect(items).toEqual([
      { kind: 'error', input: server.url('/feed.xml'), message: 'refused: 127.0.0.1 is a loopback address (set allowPrivate to fetch it)' },
    ]);
  });
});

describe('readSource: pages', () => {
  it('extracts an HTML page', async () => {
    const spec: SourceSpec = { name: 'page', kind: 'url', url: server.url('/a1') };
    const d = docs(await collect(readSource(spec, policy, new MemoryConditionalState())));
    expect(d).toHaveLength(1);
    expect(d[0]!.inputId).toBe(server.url('/a1'));
    expect(d[0]!.title).toBe('غارات على كفرنبل');
    expect(d[0]!.language).toBe('ar');
    expect(d[0]!.text).toMatch(/فرق الدفاع المدني/);
  });

  it('reads JSON records, JSON lines and text by content type', async () => {
    const state = new MemoryConditionalState();
    const json = await collect(readSource({ name: 'j', kind: 'url', url: server.url('/records.json') }, policy, state));
    expect(docs(json).map((d) => d.inputId)).toEqual(['r1', 'r2']);
    expect(errors(json)[0]!.input).toBe(`${server.url('/records.json')}[2]`);
    const jsonl = await collect(readSource({ name: 'l', kind: 'url', url: server.url('/records.jsonl') }, policy, state));
    expect(docs(jsonl).map((d) => d.text)).toEqual(['Line one.', 'Line two.']);
    const text = await collect(readSource({ name: 't', kind: 'url', url: server.url('/note.txt') }, policy, state));
    expect(docs(text)[0]!.text).toBe('A plain statement.');
    expect(docs(text)[0]!.source).toBe('t');
  });
});

describe('readSource: folders', () => {
  it('reads a folder with readInputs and fills the source defaults', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'marsad-src-folder-'));
    try {
      writeFileSync(join(dir, 'a.txt'), 'Report from the folder.');
      const d = docs(await collect(readSource({ name: 'drop', kind: 'folder', path: dir, language: 'en' }, policy, new MemoryConditionalState())));
      expect(d).toHaveLength(1);
      expect(d[0]!.source).toBe('drop');
      expect(d[0]!.language).toBe('en');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
