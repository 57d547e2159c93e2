import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeedGold, scoreSeed, lineOf } from '../../src/eval/seed.js';
import { haversineKm } from '../../src/geo/geo-math.js';
import type { RawDocument } from '../../src/model/document.js';
import { processDocument, type ProcessedDocument } from '../../src/pipeline.js';
import { announceShared, importedHome, sharedDir, type ImportedHome } from '../support/shared.js';

const seedDir = join(sharedDir, 'eval', 'seed');

describe.skipIf(!announceShared('seed end-to-end'))('the seed page, end to end', () => {
  let env: ImportedHome;
  let text: string;
  let out: ProcessedDocument;
  const gold = () => loadSeedGold(join(seedDir, 'seed-gold.json'));

  beforeAll(async () => {
    env = await importedHome();
    text = readFileSync(join(seedDir, 'seed-article.txt'), 'utf8');
    const raw: RawDocument = {
      inputId: 'seed-article.txt', text, url: null, title: null, byline: null, source: null,
      dateline: null, published: null, language: null, fromHtml: false,
    };
    out = processDocument(raw, env.resources, { published: '2019-06-05' });
  });
  afterAll(() => env?.cleanup());

  it('finds the three villages taken by government forces, and nothing the gold forbids', () => {
    const score = scoreSeed(gold(), text, out.doc, out.events);
    expect(score.missed).toEqual([]);
    expect(score.mustNotViolations).toEqual([]);
    expect(score.events.recall).toBe(1);
    const regains = out.events.filter((e) => e.sub_event_type === 'Government regains territory');
    expect(regains).toHaveLength(3);
    for (const e of regains) {
      expect(e.actor1?.id).toBe('syria-government-forces');
      expect(e.actor2?.id).toBe('syria-opposition');
      expect(e.date).toEqual({ start: '2019-04-26', end: '2019-06-05', precision: 3 });
      expect(e.location?.geo_precision).toBe(1);
      expect(lineOf(text, e.evidence[0]!.start)).toBe(21);
    }
    for (const g of gold().events.filter((x) => !x.optional)) {
      const nearest = Math.min(...regains.map((e) => haversineKm(g.location.lat!, g.location.lon!, e.location!.lat, e.location!.lon)));
      expect(nearest).toBeLessThan(10);
    }
  });

  it('reads title, dateline, source and byline off the page, removes its furniture and repairs broken words', () => {
    const score = scoreSeed(gold(), text, out.doc, out.events);
    for (const check of score.checks) expect({ check: check.name, ok: check.ok, detail: check.detail }).toMatchObject({ ok: true });
    expect(out.doc.language).toBe('ar');
    expect(out.doc.published).toBe('2019-06-05');
    expect(out.doc.published_from).toBe('override');
  });

  it('gives evidence offsets that point at the words of the original text', () => {
    for (const e of out.events) {
      for (const ev of e.evidence) expect(text.slice(ev.start, ev.end)).toBe(ev.text);
      if (e.actor1) expect(text).toContain(e.actor1.text);
      if (e.location) expect(text).toContain(e.location.text);
    }
  });

  it('keeps the spokeswoman\'s chemical-weapons allegation a claim, not an event', () => {
    expect(out.events.some((e) => e.sub_event_type === 'Chemical weapon')).toBe(false);
    expect(out.events.some((e) => [11, 13, 15].includes(lineOf(text, e.evidence[0]!.start)))).toBe(false);
  });

  it('gives the same ids and events when run twice', () => {
    const again = processDocument(
      { inputId: 'x', text, url: null, title: null, byline: null, source: null, dateline: null, published: null, language: null, fromHtml: false },
      env.resources,
      { published: '2019-06-05' },
    );
    expect(again.doc.id).toBe(out.doc.id);
    expect(again.events).toEqual(out.events);
  });
});
