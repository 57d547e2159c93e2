import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTriggerLexicon } from '../../../src/extract/triggers/trigger-lexicon.js';
import { normaliseText } from '../../../src/text/normalise.js';
import { tokenize } from '../../../src/text/tokens.js';

const dir = mkdtempSync(join(tmpdir(), 'marsad-triggers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function lexicon(yaml: string) {
  const path = join(dir, `t${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(path, yaml);
  return loadTriggerLexicon(path);
}

const ENTRY = (phrases: string) => `- id: drop
  sub: Air/drone strike
  plover: ASSAULT
  mode: aerial
  places: each
  ar: [${phrases}]
`;

describe('trigger lexicon: gapped phrases', () => {
  it('keeps every tail of one head under one entry', () => {
    const index = lexicon(ENTRY('القت ... براميل, القت ... قنابل, غاره'));
    const tokens = tokenize(normaliseText('ألقت الطائرات قنابل'));
    const m = index.matchAt(tokens, 0);
    expect(m?.value.def.id).toBe('drop');
    expect(m?.value.tails).toEqual([['براميل'], ['قنابل']]);
    expect(index.matchAt(tokenize(normaliseText('غارة')), 0)?.value.tails).toBeNull();
  });

  it('refuses a phrase without words on both sides of one gap, naming the entry', () => {
    expect(() => lexicon(ENTRY('القت ...'))).toThrow(/entry drop: "القت \.\.\." needs words on both sides/);
    expect(() => lexicon(ENTRY('... براميل'))).toThrow(/entry drop/);
    expect(() => lexicon(ENTRY('القت ... براميل ... متفجره'))).toThrow(/entry drop/);
  });
});
