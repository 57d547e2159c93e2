import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInputs, type InputItem } from '../../src/ingest/read-inputs.js';
import { textDocument } from '../../src/ingest/raw-document.js';
import { processDocument } from '../../src/pipeline.js';
import { ingestItems } from '../../src/store/ingest/index.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { dumpStore, type StoreDump } from '../store/ingest/dump-store.js';
import { announceShared, hasShared, importedHome, repoRoot, TEST_WORD_CACHE, type ImportedHome } from '../support/shared.js';
import { ARABIC_PARAGRAPH, ENGLISH_PARAGRAPH, writeHostileCorpus, type HostileFile } from './hostile-inputs.js';
import { checkEvents } from './check-events.js';

/**
 * The hostile corpus, read as `marsad extract` and `marsad ingest` read files: each input ends in
 * a clear error naming it or in documents whose events point inside their text, within a time
 * bound; what a store already holds is untouched; memory stays bounded.
 */

const run = announceShared('hostile inputs');

async function collect(gen: AsyncIterable<InputItem>): Promise<InputItem[]> {
  const out: InputItem[] = [];
  for await (const x of gen) out.push(x);
  return out;
}

/**
 * Every stored document and event of `before` is in `after`, unchanged (rows compared whole, as
 * JSON). Incidents are left out: new reports of the same strike rightly join and regrade them.
 */
function expectRowsKept(before: StoreDump, after: StoreDump): void {
  const tables: (keyof StoreDump)[] = ['documents', 'events', 'fingerprints', 'bands', 'documentTerms', 'eventTerms'];
  for (const table of tables) {
    const now = new Set(after[table].map((r) => JSON.stringify(r)));
    const lost = before[table].filter((r) => !now.has(JSON.stringify(r)));
    expect(lost, `rows of ${table} changed or lost`).toEqual([]);
  }
}

describe.skipIf(!hasShared || !run)('hostile inputs', () => {
  let home: ImportedHome;
  let dir: string;
  let corpus: string;
  let files: HostileFile[];

  beforeAll(async () => {
    home = await importedHome();
    dir = mkdtempSync(join(tmpdir(), 'marsad-hostile-'));
    corpus = join(dir, 'corpus');
    mkdirSync(corpus);
    files = writeHostileCorpus(corpus);
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    home?.cleanup();
  });

  it('every input gives a clear error naming it, or documents whose events lie within their text', async () => {
    const failures: string[] = [];
    for (const f of files) {
      const path = join(corpus, f.name);
      const started = Date.now();
      const items = await collect(readInputs(path));
      const errors = items.flatMap((i) => (i.kind === 'error' ? [i] : []));
      const docs = items.flatMap((i) => (i.kind === 'document' ? [i.doc] : []));
      for (const e of errors) {
        if (!e.input.startsWith(path)) failures.push(`${f.name}: error names ${e.input}`);
        if (e.message.trim().length < 5) failures.push(`${f.name}: unclear message ${JSON.stringify(e.message)}`);
      }
      if ('error' in f.expect) {
        if (docs.length > 0 || !errors.some((e) => (f.expect as { error: RegExp }).error.test(e.message))) {
          failures.push(`${f.name} (${f.what}): expected an error matching ${f.expect.error}, got ${JSON.stringify(items.map((i) => (i.kind === 'error' ? i.message : 'document')))}`);
        }
      } else if ('documents' in f.expect) {
        const want = f.expect.documents;
        if (want === 'some' ? docs.length === 0 : docs.length !== want) failures.push(`${f.name} (${f.what}): ${docs.length} documents, ${errors.length} errors`);
      }
      for (const doc of docs) {
        const out = processDocument(doc, home.resources);
        const problems = checkEvents(doc.text, out.events);
        if (problems.length > 0) failures.push(`${f.name}: ${problems.join('; ')}`);
      }
      const ms = Date.now() - started;
      if (ms > 15_000) failures.push(`${f.name} (${f.what}) took ${ms} ms`);
    }
    expect(failures).toEqual([]);
  });

  it('reads the text of deeply nested HTML instead of overflowing the stack', async () => {
    const [deep] = await collect(readInputs(join(corpus, 'deep.html')));
    expect(deep?.kind === 'document' && deep.doc.text).toContain(ARABIC_PARAGRAPH);
    expect(deep?.kind === 'document' && deep.doc.language).toBe('ar');
    const [unclosed] = await collect(readInputs(join(corpus, 'deep-unclosed.html')));
    expect(unclosed?.kind === 'document' && unclosed.doc.text).toContain(ENGLISH_PARAGRAPH);
  });

  it('reads mixed encodings and invalid UTF-8 as the Arabic they are', async () => {
    const [mixed] = await collect(readInputs(join(corpus, 'mixed-encodings.txt')));
    expect(mixed?.kind === 'document' && mixed.doc.text).toBe(`${ARABIC_PARAGRAPH}\n\n${ARABIC_PARAGRAPH}\n`);
    const [broken] = await collect(readInputs(join(corpus, 'invalid-utf8.txt')));
    const text = broken?.kind === 'document' ? broken.doc.text : '';
    // The broken bytes become U+FFFD; the Arabic around them stays Arabic (not cp1256 mojibake).
    expect(text).toContain(ARABIC_PARAGRAPH.slice(30));
    expect(text).toContain('\ufffd');
  });

  it('names each wrong-typed JSON line and field', async () => {
    const path = join(corpus, 'wrong-types.jsonl');
    const items = await collect(readInputs(path));
    const errors = new Map(items.flatMap((i) => (i.kind === 'error' ? [[i.input, i.message] as const] : [])));
    expect(errors.get(`${path}:2`)).toMatch(/field "text"/);
    expect(errors.get(`${path}:3`)).toMatch(/field "title"/);
    expect(errors.get(`${path}:4`)).toMatch(/field "id"/);
    expect(errors.get(`${path}:5`)).toMatch(/field "published"/);
    expect(errors.get(`${path}:6`)).toMatch(/field "lang"/);
    expect(errors.get(`${path}:9`)).toMatch(/invalid JSON/);
    expect(items.filter((i) => i.kind === 'document').map((i) => i.kind === 'document' && i.doc.inputId)).toEqual(['ok-1', 'ok-2']);
  });

  it('ingesting the whole corpus into a store leaves every row it held unchanged', async () => {
    const path = join(dir, 'store.db');
    const store = SqliteStore.open({ path });
    try {
      await store.migrate();
      const base = [
        textDocument('base-1', `حلب - ${ARABIC_PARAGRAPH}`),
        textDocument('base-2', `BEIRUT (Reuters) - ${ENGLISH_PARAGRAPH}`),
      ];
      await ingestItems(
        (async function* () {
          for (const doc of base) yield { kind: 'document' as const, doc };
        })(),
        { store, resources: home.resources, published: '2019-06-05' },
      );
      await store.close();
      const before = dumpStore(path);
      expect(before.documents.length).toBe(2);

      const again = SqliteStore.open({ path });
      try {
        const summary = await ingestItems(readInputs(corpus), { store: again, resources: home.resources, published: '2019-06-05', batchSize: 8 });
        expect(summary.errors).toBeGreaterThan(5);
        expect(summary.added).toBeGreaterThan(5);
        // Hostile text is stored as given: control characters and all.
        const stored = (await again.searchDocuments('Saraqib')).items.length;
        expect(stored).toBeGreaterThan(0);
      } finally {
        await again.close();
      }
      expectRowsKept(before, dumpStore(path));
    } finally {
      await store.close().catch(() => undefined);
    }
  });

  it('the CLI extracts the corpus and exits cleanly, naming every bad input, in bounded memory', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, MARSAD_HOME: home.home, FORCE_COLOR: '0' };
    delete env['MARSAD_STORE'];
    if (existsSync(TEST_WORD_CACHE)) cpSync(TEST_WORD_CACHE, join(home.home, 'cache'), { recursive: true });
    const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
    const node = [process.execPath, '--import', 'tsx', join(repoRoot, 'src/cli/main.ts'), 'extract', corpus, '--no-progress', '--published', '2019-06-05'];
    const cmd = timeBin ? [timeBin, '-v', ...node] : node;
    const r = spawnSync(cmd[0]!, cmd.slice(1), { cwd: repoRoot, env, encoding: 'utf8', timeout: 180_000, maxBuffer: 64 * 1024 * 1024 });
    expect(r.signal).toBeNull();
    // 1: some inputs were bad, the rest was extracted (0 would hide the errors, >1 is a crash).
    expect(r.status, r.stderr.slice(-2000)).toBe(1);
    for (const f of files.filter((x) => 'error' in x.expect)) expect(r.stderr).toContain(join(corpus, f.name));
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { doc: { input_id: string; length: number } });
    expect(lines.length).toBe(files.filter((f) => 'documents' in f.expect).length + 2 /* wrong-types ok-1, ok-2 */);
    if (timeBin) {
      const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN);
      console.info(`hostile corpus: marsad extract peak RSS ${Math.round(kb / 1024)} MB`);
      // The gzip bomb may fill its 200 MB ceiling once; 4 GB would not fit.
      expect(kb).toBeLessThan(1_200_000);
    }
  });

  it('the CLI ingests the corpus into a store that already holds reports, exits cleanly, and changes none of them', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, MARSAD_HOME: home.home, FORCE_COLOR: '0' };
    delete env['MARSAD_STORE'];
    const path = join(dir, 'cli-store.db');
    const seed = join(dir, 'seed');
    mkdirSync(seed);
    writeFileSync(join(seed, 'a.txt'), `حلب - ${ARABIC_PARAGRAPH}`);
    writeFileSync(join(seed, 'b.txt'), `BEIRUT (Reuters) - ${ENGLISH_PARAGRAPH}`);
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'src/cli/main.ts'), 'ingest', ...args, '--store', path, '--no-progress', '--no-monitor', '--published', '2019-06-05'], {
        cwd: repoRoot, env, encoding: 'utf8', timeout: 180_000,
      });
    const first = cli(seed);
    expect(first.status, first.stderr).toBe(0);
    const before = dumpStore(path);
    expect(before.documents.length).toBe(2);
    const r = cli(corpus);
    expect(r.signal).toBeNull();
    expect(r.status, r.stderr.slice(-2000)).toBe(1);
    for (const f of files.filter((x) => 'error' in x.expect)) expect(r.stderr).toContain(join(corpus, f.name));
    expectRowsKept(before, dumpStore(path));
  });

  it('a 100 MB JSONL on standard input is refused at the limit, not buffered whole', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, MARSAD_HOME: home.home, FORCE_COLOR: '0' };
    const line = `${JSON.stringify({ text: ARABIC_PARAGRAPH })}\n`;
    const big = join(dir, 'big.jsonl');
    writeFileSync(big, line.repeat(Math.ceil((100 * 1024 * 1024) / Buffer.byteLength(line))));
    const script = `
      const { readInputs } = await import(${JSON.stringify(join(repoRoot, 'src/ingest/read-inputs.ts'))});
      const fs = await import('node:fs');
      let peak = 0; const items = [];
      const t = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
      for await (const it of readInputs('-', { stdin: fs.createReadStream(${JSON.stringify(big)}) })) items.push(it.kind === 'error' ? it.message : 'doc');
      clearInterval(t); peak = Math.max(peak, process.memoryUsage().rss);
      console.log(JSON.stringify({ items, peak }));`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, env, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { items: string[]; peak: number };
    expect(out.items).toHaveLength(1);
    expect(out.items[0]).toMatch(/standard input is over the 50 MB limit/);
    expect(out.peak).toBeLessThan(600 * 1024 * 1024);
  });
});
