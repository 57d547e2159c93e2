import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InputItem } from '../../../src/ingest/read-inputs.js';
import { watchFolder } from '../../../src/ingest/sources/read-source.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'marsad-watch-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function text(item: InputItem): string {
  return item.kind === 'document' ? item.doc.text : `error: ${item.message}`;
}

describe('watchFolder', () => {
  it('yields existing files, then files written after the start, then stops on abort', { timeout: 15_000 }, async () => {
    writeFileSync(join(dir, 'old.txt'), 'Already there.');
    const ac = new AbortController();
    const guard = setTimeout(() => ac.abort(), 8000);
    const got: string[] = [];
    for await (const item of watchFolder(dir, { signal: ac.signal, settleMs: 150, rescanMs: 200 })) {
      got.push(text(item));
      if (got.length === 1) {
        setTimeout(() => {
          mkdirSync(join(dir, 'sub'));
          writeFileSync(join(dir, 'sub', 'new.txt'), 'Written later.');
          writeFileSync(join(dir, '.partial.txt'), 'hidden files are skipped');
          writeFileSync(join(dir, 'notes.pdf'), 'not an input');
        }, 100);
      }
      if (got.length === 2) setTimeout(() => ac.abort(), 400);
    }
    clearTimeout(guard);
    expect(got).toEqual(['Already there.', 'Written later.']);
  });

  it('waits until a file stops growing before reading it', { timeout: 15_000 }, async () => {
    const ac = new AbortController();
    const guard = setTimeout(() => ac.abort(), 8000);
    const p = join(dir, 'slow.txt');
    const got: string[] = [];
    // Written in three parts, 100 ms apart: with settleMs 600 only the whole file is read.
    setTimeout(() => writeFileSync(p, 'part one. '), 50);
    setTimeout(() => appendFileSync(p, 'part two. '), 150);
    setTimeout(() => appendFileSync(p, 'part three.'), 250);
    setTimeout(() => ac.abort(), 2000);
    for await (const item of watchFolder(dir, { signal: ac.signal, settleMs: 600, rescanMs: 100 })) got.push(text(item));
    clearTimeout(guard);
    expect(got).toEqual(['part one. part two. part three.']);
  });

  it('reads a changed file again', { timeout: 15_000 }, async () => {
    const p = join(dir, 'a.txt');
    writeFileSync(p, 'Version one.');
    const ac = new AbortController();
    const guard = setTimeout(() => ac.abort(), 8000);
    const got: string[] = [];
    for await (const item of watchFolder(dir, { signal: ac.signal, settleMs: 100, rescanMs: 100 })) {
      got.push(text(item));
      if (got.length === 1) setTimeout(() => writeFileSync(p, 'Version two, longer.'), 50);
      if (got.length === 2) ac.abort();
    }
    clearTimeout(guard);
    expect(got).toEqual(['Version one.', 'Version two, longer.']);
  });

  it('reports a missing folder', async () => {
    const ac = new AbortController();
    const out: InputItem[] = [];
    for await (const item of watchFolder(join(dir, 'nope'), { signal: ac.signal })) out.push(item);
    expect(out).toEqual([{ kind: 'error', input: join(dir, 'nope'), message: 'no such folder' }]);
  });
});
