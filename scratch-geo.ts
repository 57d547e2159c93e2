// Scratch benchmark for findPlaceMentions (delete when done).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { normaliseText } from './src/text/normalise.js';
import { tokenize, type Token } from './src/text/tokens.js';
import type { PlaceMention } from './src/geo/types.js';
import type * as PM from './src/geo/place-mentions.js';
import type * as GZ from './src/geo/gazetteer.js';
// Compiled with tsc (/tmp/geoh/build.sh) as dist runs it: tsx wraps closures in __name calls.
// orig: the geo code as committed (HEAD), run on the same frozen tokens for the reference output.
const cur = (await import(process.env.SRC ? './src/geo/place-mentions.js' : '/tmp/geoh/new-js/geo/place-mentions.js')) as typeof PM;
const curGaz = (await import(process.env.SRC ? './src/geo/gazetteer.js' : '/tmp/geoh/new-js/geo/gazetteer.js')) as typeof GZ;
const orig = (await import('/tmp/geoh/orig-js/geo/place-mentions.js')) as typeof PM;
const origGaz = (await import('/tmp/geoh/orig-js/geo/gazetteer.js')) as typeof GZ;

// Tokens frozen once: other helpers edit src/text while this runs.
const frozen = '/tmp/geoh/docs-tokens.json';
if (!existsSync(frozen)) {
  const docs = readFileSync('/tmp/c2k.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { text: string }).text);
  writeFileSync(frozen, JSON.stringify(docs.map((text) => ({ text, tokens: tokenize(normaliseText(text)) }))));
}
const prepared = JSON.parse(readFileSync(frozen, 'utf8')) as { text: string; tokens: Token[] }[];

const useOrig = process.env.IMPL === 'orig';
// FRESH=1: tokenize each document right before the call with the text code frozen at build time.
const fresh = process.env.FRESH
  ? {
      ...((await import('/tmp/geoh/orig-js/text/normalise.js')) as { normaliseText: typeof normaliseText }),
      ...((await import('/tmp/geoh/orig-js/text/tokens.js')) as { tokenize: typeof tokenize }),
    }
  : null;
if (fresh && JSON.stringify(fresh.tokenize(fresh.normaliseText(prepared[7]!.text))) !== JSON.stringify(prepared[7]!.tokens)) throw new Error('frozen tokenizer differs from the frozen tokens');
const impl = useOrig ? orig : cur;
const t0 = performance.now();
const gaz = (useOrig ? origGaz : curGaz).Gazetteer.load('/tmp/mh/gazetteer');
const tLoad = performance.now() - t0;
if (process.env.PRELATIN) { const t = performance.now(); (gaz as GZ.Gazetteer).latinHead('x'); console.log(`latin load ${(performance.now() - t).toFixed(1)} ms`); }

function view(ms: PlaceMention[]) {
  return ms.map((m) => ({ ts: m.tokenStart, te: m.tokenEnd, s: m.start, e: m.end, t: m.text, c: m.clitic, r: m.region ?? null, ids: m.candidates.map((p) => p.id) }));
}
const passes = Number(process.env.PASSES ?? 3);
const outs: string[] = [];
let count = 0;
let totalCpu = 0;
let minCpu = Infinity;
for (let p = 0; p < passes; p++) {
  const all: PlaceMention[][] = [];
  const s = performance.now();
  const c = process.cpuUsage();
  let cu: { user: number; system: number };
  if (fresh) {
    // Tokens made just before the call, as the pipeline does: in cache, strings not yet hashed.
    let t = 0;
    for (const d of prepared) {
      const toks = fresh.tokenize(fresh.normaliseText(d.text));
      const a = performance.now();
      all.push(impl.findPlaceMentions(toks, gaz as never, d.text));
      t += performance.now() - a;
    }
    cu = { user: t * 1000, system: 0 };
  } else {
    for (const d of prepared) all.push(impl.findPlaceMentions(d.tokens, gaz as never, d.text));
    cu = process.cpuUsage(c);
  }
  totalCpu += cu.user + cu.system;
  if (p > 0) minCpu = Math.min(minCpu, cu.user + cu.system);
  const us = ((performance.now() - s) * 1000) / prepared.length;
  if (!process.env.QUIET) console.log(`pass ${p}: wall ${us.toFixed(1)} µs/doc, cpu ${((cu.user + cu.system) / prepared.length).toFixed(1)} µs/doc`);
  outs.push(JSON.stringify(all.map(view)));
  count = all.reduce((a, m) => a + m.length, 0);
}
console.log(`${useOrig ? 'ORIG' : 'NEW'}: load ${tLoad.toFixed(0)} ms; all passes cpu ${(totalCpu / passes / prepared.length).toFixed(1)} µs/doc; min warm ${(minCpu / prepared.length).toFixed(1)}; mentions ${count}`);
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
