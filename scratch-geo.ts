// Scratch benchmark for findPlaceMentions (delete when done).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { normaliseText } from './src/text/normalise.js';
import { tokenize, type Token } from './src/text/tokens.js';
import type { PlaceMention } from './src/geo/types.js';
import * as cur from './src/geo/place-mentions.js';
import * as curGaz from './src/geo/gazetteer.js';
// The geo code as committed (HEAD), run on the same frozen tokens for the reference output.
const orig = (await import('/tmp/geoh/orig/src/geo/place-mentions.js')) as typeof cur;
const origGaz = (await import('/tmp/geoh/orig/src/geo/gazetteer.js')) as typeof curGaz;

// Tokens frozen once: other helpers edit src/text while this runs.
const frozen = '/tmp/geoh/docs-tokens.json';
if (!existsSync(frozen)) {
  const docs = readFileSync('/tmp/c2k.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { text: string }).text);
  writeFileSync(frozen, JSON.stringify(docs.map((text) => ({ text, tokens: tokenize(normaliseText(text)) }))));
}
const prepared = JSON.parse(readFileSync(frozen, 'utf8')) as { text: string; tokens: Token[] }[];

const useOrig = process.env.IMPL === 'orig';
const impl = useOrig ? orig : cur;
const t0 = performance.now();
const gaz = (useOrig ? origGaz : curGaz).Gazetteer.load('/tmp/mh/gazetteer');
const tLoad = performance.now() - t0;
if (process.env.PRELATIN) { const t = performance.now(); (gaz as curGaz.Gazetteer).latinHead('x'); console.log(`latin load ${(performance.now() - t).toFixed(1)} ms`); }

function view(ms: PlaceMention[]) {
  return ms.map((m) => ({ ts: m.tokenStart, te: m.tokenEnd, s: m.start, e: m.end, t: m.text, c: m.clitic, r: m.region ?? null, ids: m.candidates.map((p) => p.id) }));
}
const passes = Number(process.env.PASSES ?? 3);
const outs: string[] = [];
let count = 0;
let totalCpu = 0;
for (let p = 0; p < passes; p++) {
  const all: PlaceMention[][] = [];
  const s = performance.now();
  const c = process.cpuUsage();
  for (const d of prepared) all.push(impl.findPlaceMentions(d.tokens, gaz as never, d.text));
  const cu = process.cpuUsage(c);
  totalCpu += cu.user + cu.system;
  const us = ((performance.now() - s) * 1000) / prepared.length;
  console.log(`pass ${p}: wall ${us.toFixed(1)} µs/doc, cpu ${((cu.user + cu.system) / prepared.length).toFixed(1)} µs/doc`);
  outs.push(JSON.stringify(all.map(view)));
  count = all.reduce((a, m) => a + m.length, 0);
}
console.log(`${useOrig ? 'ORIG' : 'NEW'}: load ${tLoad.toFixed(0)} ms; all passes cpu ${(totalCpu / passes / prepared.length).toFixed(1)} µs/doc; mentions ${count}`);
if (process.env.CHECK !== '0') {
  for (const o of outs) if (o !== outs[0]) throw new Error('passes differ');
  const og = origGaz.Gazetteer.load('/tmp/mh/gazetteer');
  const ref = JSON.stringify(prepared.map((d) => view(orig.findPlaceMentions(d.tokens, og, d.text))));
  const refNo = JSON.stringify(prepared.map((d) => view(orig.findPlaceMentions(d.tokens, og))));
  // Fresh index, documents in reverse order: results must not depend on what was cached.
  const g2 = curGaz.Gazetteer.load('/tmp/mh/gazetteer');
  const rev = JSON.stringify([...prepared].reverse().map((d) => view(cur.findPlaceMentions(d.tokens, g2, d.text))).reverse());
  const g3 = curGaz.Gazetteer.load('/tmp/mh/gazetteer');
  const noText = JSON.stringify(prepared.map((d) => view(cur.findPlaceMentions(d.tokens, g3))));
  const ok = outs[0] === ref && rev === ref && noText === refNo;
  console.log(ok ? `IDENTICAL to original (${JSON.parse(ref).flat().length} mentions with text, ${JSON.parse(refNo).flat().length} without)` : `DIFFERENT: timed=${outs[0] === ref} reversed=${rev === ref} noText=${noText === refNo}`);
  if (!ok) { writeFileSync('/tmp/geoh/ref.json', ref); writeFileSync('/tmp/geoh/new.json', outs[0]!); writeFileSync('/tmp/geoh/refno.json', refNo); writeFileSync('/tmp/geoh/newno.json', noText); process.exitCode = 1; }
}
