import { parentPort, workerData } from 'node:worker_threads';
import { loadResources, processDocument } from '../pipeline.js';
import { readCorpus, toRaw } from './phases.js';

const { path, gazetteerDir, k, n } = workerData as { path: string; gazetteerDir?: string; k: number; n: number };
const t0 = performance.now();
const res = loadResources(gazetteerDir ? { gazetteerDir } : {});
const loadSeconds = (performance.now() - t0) / 1000;
let docs = 0;
let events = 0;
const all = readCorpus(path);
for (let i = k; i < all.length; i += n) {
  events += processDocument(toRaw(all[i]!), res).events.length;
  docs++;
}
parentPort!.postMessage({ docs, events, loadSeconds });
