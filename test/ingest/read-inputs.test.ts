import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInputs, type InputItem, type ReadOptions } from '../../src/ingest/read-inputs.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name));

const REPORT_AR = 'قصف على أطراف البلدة\n\nحماة – شبكة الرصد\n\nقصفت قوات الحكومة أطراف البلدة صباح اليوم.\n';
const REPORT_CP1256 = 'اشتباكات في ريف اللاذقية\nاللاذقية - سانا\nدارت اشتباكات عنيفة على محاور عدة في ريف اللاذقية الشمالي.';
const REPORT_UTF16 = 'توتر على خطوط التماس\nحلب - رويترز\nقال سكان إن القصف تجدد ليلا.';
const REPORT_EN = 'Talks resume\nGENEVA (Reuters) -\nDelegations met again on Monday.';

async function collect(target: string, opts?: ReadOptions): Promise<InputItem[]> {
  const out: InputItem[] = [];
  for await (const item of readInputs(target, opts)) out.push(item);
  return out;
}

const summary = (items: InputItem[]) =>
  items.map((i) => (i.kind === 'document' ? `doc ${i.doc.inputId}` : `error ${i.input}: ${i.message}`));

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'marsad-ingest-'));
  const f = join(dir, 'in');
  mkdirSync(join(f, 'sub'), { recursive: true });
  mkdirSync(join(f, '.git'));
  writeFileSync(join(f, '01-report.txt'), REPORT_AR);
  writeFileSync(join(f, '02-page.html'), fixture('article-ar.html'));
  writeFileSync(join(f, '03-records.json'), JSON.stringify([{ id: 'rec-a', text: 'Report A.' }, { text: 'Report B.', title: 'B' }]));
  writeFileSync(
    join(f, '04-lines.jsonl'),
    [
      JSON.stringify({ id: 'line-1', text: 'First report.', published: '2019-06-05' }),
      '{"id": "line-2", "text": "broken',
      JSON.stringify({ id: 'line-3', text: 'Third', title: 12 }),
      '',
      JSON.stringify({ text: 'Fifth report, no id.' }),
    ].join('\r\n'),
  );
  writeFileSync(join(f, '05-archive.jsonl.gz'), gzipSync(Buffer.from(`${JSON.stringify({ id: 'gz-1', text: 'From the archive.' })}\n`)));
  writeFileSync(join(f, '06-cp1256.txt'), iconv.encode(REPORT_CP1256, 'windows-1256'));
  writeFileSync(join(f, '07-utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(REPORT_UTF16, 'utf-16le')]));
  writeFileSync(join(f, '09-binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48]));
  writeFileSync(join(f, '10-empty.txt'), '  \n');
  writeFileSync(join(f, '.hidden.txt'), 'hidden');
  writeFileSync(join(f, '.git', 'x.txt'), 'hidden folder');
  writeFileSync(join(f, 'notes.pdf'), '%PDF-1.4');
  writeFileSync(join(f, 'sub', '08-en.txt.gz'), gzipSync(Buffer.from(REPORT_EN)));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readInputs on a folder of mixed formats', () => {
  it('reads every supported file in sorted order, one error per bad file or line', async () => {
    const f = join(dir, 'in');
    const items = await collect(f);
    expect(summary(items)).toEqual([
      `doc ${join(f, '01-report.txt')}`,
      `doc ${join(f, '02-page.html')}`,
      'doc rec-a',
      `doc ${join(f, '03-records.json')}[1]`,
      'doc line-1',
      expect.stringMatching(new RegExp(`^error ${join(f, '04-lines.jsonl')}:2: invalid JSON`)),
      `error ${join(f, '04-lines.jsonl')}:3: field "title": expected string, received number`,
      `doc ${join(f, '04-lines.jsonl')}:5`,
      'doc gz-1',
      `doc ${join(f, '06-cp1256.txt')}`,
      `doc ${join(f, '07-utf16.txt')}`,
      `error ${join(f, '09-binary.txt')}: binary data (NUL bytes in the first 8 KB), not text`,
      `error ${join(f, '10-empty.txt')}: empty: no text`,
      `doc ${join(f, 'sub', '08-en.txt.gz')}`,
    ]);
  });

  it('keeps the content and metadata of each format', async () => {
    const docs = new Map<string, InputItem & { kind: 'document' }>();
    for (const item of await collect(join(dir, 'in'))) if (item.kind === 'document') docs.set(item.doc.inputId, item);
    const byId = (id: string) => docs.get(id)!.doc;
    const get = (file: string) => byId(join(dir, 'in', file));

    expect(get('01-report.txt')).toMatchObject({ text: REPORT_AR, fromHtml: false, title: null });
    expect(get('02-page.html')).toMatchObject({ fromHtml: true, source: 'شبكة المرصد التجريبية', published: '2021-03-14', language: 'ar' });
    expect(byId('line-1')).toMatchObject({ text: 'First report.', published: '2019-06-05' });
    expect(byId('gz-1').text).toBe('From the archive.');
    expect(get('06-cp1256.txt').text).toBe(REPORT_CP1256);
    expect(get('07-utf16.txt').text).toBe(REPORT_UTF16);
    expect(get(join('sub', '08-en.txt.gz')).text).toBe(REPORT_EN);
  });
});

describe('readInputs on single targets', () => {
  it('reports a missing path, and an explicit unsupported file', async () => {
    expect(summary(await collect(join(dir, 'nope.txt')))).toEqual([`error ${join(dir, 'nope.txt')}: no such file or directory`]);
    const pdf = join(dir, 'in', 'notes.pdf');
    expect(summary(await collect(pdf))).toEqual([`error ${pdf}: unsupported file type ".pdf" (expected .txt, .html, .htm, .json, .jsonl, or a .gz of one)`]);
  });

  it('refuses files over the size limit', async () => {
    const big = join(dir, 'big.txt');
    writeFileSync(big, 'x'.repeat(4096));
    const [item] = await collect(big, { maxFileBytes: 1024 });
    expect(item).toMatchObject({ kind: 'error', input: big, message: expect.stringContaining('over the 0 MB limit') });
  });

  it('refuses a gzip that inflates past the limit without inflating it all', async () => {
    const bomb = join(dir, 'bomb.txt.gz');
    writeFileSync(bomb, gzipSync(Buffer.alloc(16 * 1024 * 1024, 0x61)));
    const before = process.memoryUsage().arrayBuffers;
    const [item] = await collect(bomb, { maxDecompressedBytes: 1024 * 1024 });
    expect(item).toMatchObject({ kind: 'error', input: bomb, message: expect.stringMatching(/decompresses to more than 1 MB.*refused/) });
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(8 * 1024 * 1024);
  });

  it('reports corrupt gzip data', async () => {
    const bad = join(dir, 'bad.jsonl.gz');
    writeFileSync(bad, Buffer.concat([gzipSync(Buffer.from('{"text":"x"}\n')).subarray(0, 12)]));
    const [item] = await collect(bad);
    expect(item).toMatchObject({ kind: 'error', input: bad, message: expect.stringMatching(/^corrupt gzip data/) });
  });

  it('reads a single JSON object file, with the path as id', async () => {
    const one = join(dir, 'one.json');
    writeFileSync(one, JSON.stringify({ text: 'Only one.', lang: 'en' }));
    expect(await collect(one)).toEqual([
      { kind: 'document', doc: expect.objectContaining({ inputId: one, text: 'Only one.', language: 'en' }) },
    ]);
  });
});

describe('readInputs on stdin', () => {
  const stdin = (s: string | Buffer) => ({ stdin: Readable.from([typeof s === 'string' ? Buffer.from(s) : s]) });

  it('sniffs JSON lines', async () => {
    const input = `${JSON.stringify({ text: 'one' })}\n{bad\n${JSON.stringify({ id: 'x', text: 'three' })}\n`;
    expect(summary(await collect('-', stdin(input)))).toEqual(['doc -:1', expect.stringMatching(/^error -:2: invalid JSON/), 'doc x']);
  });

  it('sniffs a pretty-printed single object', async () => {
    const items = await collect('-', stdin(JSON.stringify({ id: 'p', text: 'pretty' }, null, 2)));
    expect(summary(items)).toEqual(['doc p']);
  });

  it('sniffs HTML and plain text', async () => {
    const [html] = await collect('-', stdin(fixture('article-en.html')));
    expect(html).toMatchObject({ kind: 'document', doc: { inputId: '-', fromHtml: true, byline: 'Jane Doe' } });
    const [text] = await collect('-', stdin('  Plain report.\n'));
    expect(text).toMatchObject({ kind: 'document', doc: { inputId: '-', fromHtml: false, text: '  Plain report.\n' } });
  });

  it('decodes windows-1256 on stdin and enforces the size limit', async () => {
    const [doc] = await collect('-', stdin(iconv.encode(REPORT_CP1256, 'windows-1256')));
    expect(doc).toMatchObject({ kind: 'document', doc: { text: REPORT_CP1256 } });
    const [err] = await collect('-', { stdin: Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), maxFileBytes: 1000 });
    expect(err).toMatchObject({ kind: 'error', input: '-', message: expect.stringContaining('over the') });
  });
});
