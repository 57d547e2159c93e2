import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultCorpusDir } from '../../src/demo/build-demo-store.js';
import { readInputs, type InputItem } from '../../src/ingest/read-inputs.js';

/** examples/demo: reports written for the demo, every one marked synthetic, all readable. */

interface DemoRecord {
  id?: unknown;
  synthetic?: unknown;
  source?: unknown;
  published?: unknown;
  text?: unknown;
  url?: unknown;
}

const dir = defaultCorpusDir();
const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl') || f.endsWith('.json'));

function records(): DemoRecord[] {
  const out: DemoRecord[] = [];
  for (const f of files) {
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      if (line.trim() !== '') out.push(JSON.parse(line) as DemoRecord);
    }
  }
  return out;
}

describe('demo corpus (examples/demo)', () => {
  it('has 40–60 reports, every one marked synthetic in its metadata and its source name', () => {
    const recs = records();
    expect(files.length).toBeGreaterThan(0);
    expect(recs.length).toBeGreaterThanOrEqual(40);
    expect(recs.length).toBeLessThanOrEqual(60);
    for (const r of recs) {
      expect(r.synthetic, String(r.id)).toBe(true);
      expect(String(r.source), String(r.id)).toMatch(/^Marsad demo.*\(synthetic\)$/);
      // Links must never point at a real site.
      if (r.url !== undefined) expect(String(r.url), String(r.id)).toMatch(/^https:\/\/demo\.marsad\.invalid\//);
    }
    expect(new Set(recs.map((r) => r.id)).size).toBe(recs.length);
  });

  it('dates every report between 2019-04-01 and 2019-06-30, Arabic mostly, some English', async () => {
    const docs: InputItem[] = [];
    for await (const item of readInputs(dir)) docs.push(item);
    const errors = docs.filter((d) => d.kind === 'error');
    expect(errors).toEqual([]);
    const raw = docs.flatMap((d) => (d.kind === 'document' ? [d.doc] : []));
    expect(raw.length).toBe(records().length);
    for (const d of raw) {
      expect(d.published, d.inputId).not.toBeNull();
      expect(d.published! >= '2019-04-01' && d.published! <= '2019-06-30', `${d.inputId} ${d.published}`).toBe(true);
    }
    const arabic = raw.filter((d) => /[\u0600-\u06ff]/.test(d.text.slice(0, 200))).length;
    expect(arabic).toBeGreaterThan(raw.length / 2);
    expect(arabic).toBeLessThan(raw.length);
  });
});
