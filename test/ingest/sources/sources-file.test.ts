import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSourcesFile } from '../../../src/ingest/sources/read-source.js';

const dir = mkdtempSync(join(tmpdir(), 'marsad-sources-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function file(text: string): string {
  const p = join(dir, `sources-${n++}.yaml`);
  writeFileSync(p, text);
  return p;
}

describe('loadSourcesFile', () => {
  it('reads feeds, pages and folders, inferring kinds and parsing intervals', () => {
    const p = file(`
sources:
  - name: Arabic wire
    url: https://wire.example/ar/rss.xml
    language: ar
    interval: 15m
    fullText: true
  - name: Statement page
    kind: url
    url: https://gov.example/statement
    intervalSeconds: 3600
  - name: Drop folder
    path: ./incoming
`);
    expect(loadSourcesFile(p)).toEqual([
      { name: 'Arabic wire', kind: 'feed', url: 'https://wire.example/ar/rss.xml', language: 'ar', intervalSeconds: 900, fullText: true },
      { name: 'Statement page', kind: 'url', url: 'https://gov.example/statement', intervalSeconds: 3600 },
      { name: 'Drop folder', kind: 'folder', path: join(dir, 'incoming') },
    ]);
  });

  it('accepts a top-level list', () => {
    const p = file(`- name: a\n  url: http://a.example/feed\n  interval: 2h\n`);
    expect(loadSourcesFile(p)).toEqual([{ name: 'a', kind: 'feed', url: 'http://a.example/feed', intervalSeconds: 7200 }]);
  });

  it('names the file, the entry and the field in every problem', () => {
    const p = file(`
sources:
  - name: no url
    kind: feed
  - name: bad scheme
    url: ftp://files.example/feed
  - name: typo
    url: https://t.example/rss
    intervall: 10m
  - name: bad language
    url: https://l.example/rss
    language: fr
  - name: bad interval
    url: https://i.example/rss
    interval: soon
  - name: typo
    url: https://dup.example/rss
  - url: https://nameless.example/rss
`);
    let message = '';
    try {
      loadSourcesFile(p);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message.startsWith(`${p}: `)).toBe(true);
    expect(message).toContain('sources[0] ("no url"): url: required for kind feed');
    expect(message).toContain('sources[1] ("bad scheme"): url: must be an http or https URL');
    expect(message).toContain('sources[2] ("typo"): unknown key "intervall"');
    expect(message).toMatch(/sources\[3\] \("bad language"\): language: .*'ar' \| 'en' \| 'und'/);
    expect(message).toContain('sources[4] ("bad interval"): interval: expected seconds or a duration like 30s, 15m, 2h, 1d');
    expect(message).toContain('sources[5] ("typo"): name already used by sources[2]');
    expect(message).toMatch(/sources\[6\]: name: required/i);
  });

  it('reports invalid YAML with its line, and files that are not source lists', () => {
    expect(() => loadSourcesFile(file('sources:\n  - name: a\n   url: [unclosed\n'))).toThrow(/sources-\d+\.yaml: invalid YAML at line \d+/);
    expect(() => loadSourcesFile(file('feeds:\n  - name: a\n'))).toThrow(/expected a "sources:" list/);
    expect(() => loadSourcesFile(file('sources: []\n'))).toThrow(/the sources list is empty/);
    expect(() => loadSourcesFile(join(dir, 'missing.yaml'))).toThrow(/missing\.yaml: no such file/);
    expect(() => loadSourcesFile(file('sources:\n  - name: f\n    path: ./x\n    fullText: true\n'))).toThrow(/fullText: only feeds have items/);
    expect(() => loadSourcesFile(file('sources:\n  - name: f\n    url: https://x.example/\n    interval: 0\n'))).toThrow(/interval: must be at least 1 s/);
  });
});
