import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeBytes, looksBinary } from '../../src/ingest/decode.js';
import { recordToDocument } from '../../src/ingest/json-record.js';
import { readInputs, type InputItem } from '../../src/ingest/read-inputs.js';
import { anyString, fcOptions, mixedText } from './arbitraries.js';

/**
 * Whatever bytes arrive, reading them ends in documents or in error items that name the input
 * and say what is wrong — never in an exception that would end a run over thousands of files.
 */

const dir = mkdtempSync(join(tmpdir(), 'marsad-fuzz-inputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect(gen: AsyncIterable<InputItem>): Promise<InputItem[]> {
  const out: InputItem[] = [];
  for await (const x of gen) out.push(x);
  return out;
}

function checkItems(items: InputItem[], input: string): void {
  expect(items.length).toBeGreaterThan(0);
  for (const it of items) {
    if (it.kind === 'error') {
      expect(it.input.startsWith(input)).toBe(true);
      expect(it.message.trim().length).toBeGreaterThan(3);
    } else {
      expect(typeof it.doc.text).toBe('string');
      expect(it.doc.text.trim().length).toBeGreaterThan(0);
      expect(typeof it.doc.inputId).toBe('string');
    }
  }
}

/** Bytes that look like something: random, UTF-8 text with junk, cp1256 Arabic, UTF-16, JSON-ish, HTML-ish. */
const bytesLike: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 2000 }),
  mixedText(400).map((s) => new Uint8Array(Buffer.from(s, 'utf8'))),
  fc.tuple(mixedText(200), fc.uint8Array({ maxLength: 20 }), mixedText(200)).map(([a, b, c]) => new Uint8Array(Buffer.concat([Buffer.from(a), Buffer.from(b), Buffer.from(c)]))),
  anyString(200).map((s) => new Uint8Array(Buffer.from(s, 'utf16le'))),
  fc.tuple(fc.constantFrom('{"text":', '[{"text":', '{"html":"<p>', '<html><head><meta charset="windows-1256">', '\ufeff', '{"id":', '\u0000'), mixedText(200))
    .map(([a, b]) => new Uint8Array(Buffer.from(a + b, 'utf8'))),
);

const EXTENSIONS = ['.txt', '.html', '.json', '.jsonl', '.txt.gz', '.jsonl.gz', '.html.gz'] as const;

let n = 0;

describe('decoding random bytes', () => {
  it('decodeBytes and looksBinary never throw and always give a string', () => {
    fc.assert(
      fc.property(bytesLike, fc.boolean(), (b, html) => {
        looksBinary(b);
        const d = decodeBytes(b, { html });
        expect(typeof d.text).toBe('string');
        expect(d.encoding.length).toBeGreaterThan(0);
      }),
      fcOptions(),
    );
  });

  it('readInputs on a file of random bytes, any extension, yields documents or errors naming the file', async () => {
    await fc.assert(
      fc.asyncProperty(bytesLike, fc.constantFrom(...EXTENSIONS), fc.boolean(), async (b, ext, corruptGzip) => {
        const path = join(dir, `f${++n}${ext}`);
        let body: Uint8Array = b;
        if (ext.endsWith('.gz')) {
          body = gzipSync(b);
          // A truncated archive, as a half-finished download leaves it.
          if (corruptGzip) body = body.subarray(0, Math.max(2, body.length - 5));
        }
        writeFileSync(path, body);
        checkItems(await collect(readInputs(path)), path);
      }),
      fcOptions(100),
    );
  });

  it('readInputs on standard input of random bytes yields documents or errors for "-"', async () => {
    await fc.assert(
      fc.asyncProperty(bytesLike, async (b) => {
        checkItems(await collect(readInputs('-', { stdin: Readable.from([Buffer.from(b)]) })), '-');
      }),
      fcOptions(100),
    );
  });
});

/** Any JSON value that is not a string (nor null/undefined, which mean "absent"). */
const notAString: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

const STRING_FIELDS = ['text', 'html', 'url', 'title', 'published', 'source', 'byline', 'dateline', 'language', 'lang'] as const;

describe('JSON records with wrong types', () => {
  it('a field of the wrong type is refused with a message naming that field', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STRING_FIELDS), notAString, mixedText(100), (field, bad, text) => {
        const record: Record<string, unknown> = { text: `خبر ${text}`, [field]: bad };
        const r = recordToDocument(record, 'input.jsonl:1');
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.message).toContain(`"${field}"`);
      }),
      fcOptions(),
    );
  });

  it('a bad id (empty, fractional, object) is refused naming "id"', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constant(''), fc.double({ noInteger: true }), fc.boolean(), fc.object({ maxDepth: 1 })), (id) => {
        const r = recordToDocument({ id, text: 'نص' }, 'x.json');
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.message).toContain('"id"');
      }),
      fcOptions(),
    );
  });

  it('a record that is not an object says what it got', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.integer())), (v) => {
        const r = recordToDocument(v, 'x.json');
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.message).toMatch(/expected a JSON object/);
      }),
      fcOptions(),
    );
  });

  it('prototype-pollution keys in a record change nothing outside it', async () => {
    const path = join(dir, 'proto.jsonl');
    writeFileSync(
      path,
      [
        '{"__proto__": {"polluted": "yes"}, "text": "غارة على إدلب"}',
        '{"constructor": {"prototype": {"polluted": "yes"}}, "text": "قصف"}',
        '{"text": "x", "__proto__": "str"}',
        '{"text": {"__proto__": {"polluted": 1}}}',
      ].join('\n'),
    );
    const items = await collect(readInputs(path));
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(items.map((i) => i.kind)).toEqual(['document', 'document', 'document', 'error']);
    const bad = items[3]!;
    expect(bad.kind === 'error' && bad.message).toContain('"text"');
    expect(bad.kind === 'error' && bad.input).toBe(`${path}:4`);
  });
});
