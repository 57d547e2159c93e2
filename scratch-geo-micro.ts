import { readFileSync } from 'node:fs';
import type { Token } from './src/text/tokens.js';
import type * as GZ from './src/geo/gazetteer.js';
const which = process.env.IMPL ?? 'new';
const G = (await import(`/tmp/geoh/${which}-js/geo/gazetteer.js`)) as typeof GZ;
const gaz = G.Gazetteer.load('/tmp/mh/gazetteer');
const prepared = JSON.parse(readFileSync('/tmp/geoh/docs-tokens.json', 'utf8')) as { text: string; tokens: Token[] }[];
const toks: Token[] = []; for (const d of prepared) for (const t of d.tokens) toks.push(t);
function isAr(w: string) { const c = w.charCodeAt(0); return c >= 0x600 && c <= 0x6ff; }
for (let r = 0; r < 8; r++) {
  let s = process.cpuUsage(); let x = 0;
  for (let i = 0; i < toks.length; i++) { const w = toks[i]!.norm; if (isAr(w)) x += gaz.arabicHeadReadings(w).length; }
  const a = process.cpuUsage(s);
  s = process.cpuUsage();
  for (let i = 0; i < toks.length; i++) { const w = toks[i]!.norm; if (isAr(w)) x += w.length; }
  const b = process.cpuUsage(s);
  console.log(`readings ${(a.user * 1000 / toks.length).toFixed(1)} ns/token, loop ${(b.user * 1000 / toks.length).toFixed(1)} ns/token`, x > 0);
}
