import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gazetteerDir } from '../../src/config/home.js';
import { announceShared, importedHome, repoRoot, sharedDir, TEST_WORD_CACHE, type ImportedHome } from '../support/shared.js';

/**
 * `marsad extract` as a user runs it. Its output is written in batches of ~64 KB: every document
 * must still come out once, whole, in input order, whether the input is a file or stdin.
 */
describe.skipIf(!announceShared('extract CLI'))('marsad extract', () => {
  let env: ImportedHome;
  let corpus: string;
  const DOCS = 200;

  beforeAll(async () => {
    env = await importedHome();
    const seed = readFileSync(join(sharedDir, 'eval', 'seed', 'seed-article.txt'), 'utf8');
    const paragraphs = seed.split('\n').filter((p) => p.trim().length > 40);
    const lines: string[] = [];
    for (let i = 0; i < DOCS; i++) {
      const text = [0, 1, 2, 3].map((k) => paragraphs[(i + k) % paragraphs.length]!).join('\n\n');
      lines.push(JSON.stringify({ id: `doc-${i}`, published: '2019-06-05', text }));
    }
    corpus = join(env.home, 'corpus.jsonl');
    writeFileSync(corpus, lines.join('\n') + '\n');
  }, 120_000);
  afterAll(() => env?.cleanup());

  const run = (input: string, stdin?: string) =>
    spawnSync(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'src/cli/main.ts'), 'extract', input, '--gazetteer', gazetteerDir(env.home), '--no-progress'],
      {
        cwd: repoRoot,
        env: { ...process.env, MARSAD_HOME: env.home, MARSAD_CACHE_DIR: TEST_WORD_CACHE },
        encoding: 'utf8',
        input: stdin,
        maxBuffer: 1 << 26,
        timeout: 120_000,
      },
    );

  it('writes one whole JSON line per document of a file, in order, past several output batches', () => {
    const r = run(corpus);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(2 * 65536);
    const lines = r.stdout.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => (JSON.parse(l) as { doc: { input_id: string } }).doc.input_id)).toEqual(
      Array.from({ length: DOCS }, (_, i) => `doc-${i}`),
    );
  }, 120_000);

  it('gives stdin input the same lines', () => {
    const fromFile = run(corpus).stdout.split('\n').slice(0, 3);
    const r = run('-', readFileSync(corpus, 'utf8').split('\n').slice(0, 2).join('\n') + '\n');
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.length).toBe(3);
    expect(lines.slice(0, 2)).toEqual(fromFile.slice(0, 2));
  }, 120_000);
});
