import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findActorMentions } from '../../../src/extract/actors/actor-mentions.js';
import { ActorCatalogue } from '../../../src/extract/actors/catalogue.js';
import { normaliseText } from '../../../src/text/normalise.js';
import { tokenize } from '../../../src/text/tokens.js';

// findActorMentions rules most tokens out by bit filters before looking them up; it must never
// rule out a one-word alias of the catalogue, bare or behind any proclitic it strips.
describe('actor mentions: first-word filter', () => {
  const cat = ActorCatalogue.load([], { cacheDir: join(mkdtempSync(join(tmpdir(), 'marsad-actors-filter-')), 'cache') });

  it('finds every one-word alias under every proclitic', () => {
    const missed: string[] = [];
    let tried = 0;
    for (const [first, list] of cat.aliasIndex.byFirst) {
      // One-word name aliases only; a blocking alias of the same word would rightly hide it.
      if (list.some((a) => a.via === 'block' && a.tokens.length === 1)) continue;
      if (!list.some((a) => a.tokens.length === 1 && a.via !== 'block' && a.caseMask === 0)) continue;
      const prefixes = /^[\u0600-\u06ff]/.test(first) ? ['', 'و', 'ف', 'ب', 'ل', 'ك', 'وب', 'ول', 'فك'] : [''];
      for (const p of prefixes) {
        const nt = normaliseText(p + first);
        const tokens = tokenize(nt);
        if (tokens.length !== 1 || tokens[0]!.norm !== p + first) continue;
        tried++;
        if (!findActorMentions(tokens, cat, nt).some((m) => m.tokenStart === 0)) missed.push(p + first);
      }
    }
    expect(tried).toBeGreaterThan(100);
    expect(missed).toEqual([]);
  });
});
