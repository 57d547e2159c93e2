import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readLexiconData, yamlHash } from '../../src/extract/lexicon/lexicon-data.js';

describe('readLexiconData', () => {
  const dir = mkdtempSync(join(tmpdir(), 'marsad-lexicon-data-'));
  const compiledDir = pathToFileURL(join(dir, 'compiled') + '/');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const yaml = 'cues:\n  - قال\n  - said\nwindow: 3\n';
  const path = join(dir, 'cues.yaml');
  writeFileSync(path, yaml);

  it('parses the YAML when there is no compiled JSON', () => {
    expect(readLexiconData(path, compiledDir)).toEqual({ cues: ['قال', 'said'], window: 3 });
  });

  it('uses the compiled JSON when its hash is that of the YAML text', () => {
    mkdirSync(join(dir, 'compiled'), { recursive: true });
    // Different content from the YAML, to tell which one was read.
    writeFileSync(join(dir, 'compiled', 'cues.yaml.json'), JSON.stringify({ sha256: yamlHash(yaml), data: { from: 'json' } }));
    expect(readLexiconData(path, compiledDir)).toEqual({ from: 'json' });
  });

  it('ignores compiled JSON made from another version of the file', () => {
    writeFileSync(join(dir, 'compiled', 'cues.yaml.json'), JSON.stringify({ sha256: yamlHash('old: 1\n'), data: { from: 'json' } }));
    expect(readLexiconData(path, compiledDir)).toEqual({ cues: ['قال', 'said'], window: 3 });
  });

  it('reports a broken YAML file as the parser does', () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'a: [1, 2\n');
    expect(() => readLexiconData(bad, compiledDir)).toThrow();
  });
});
