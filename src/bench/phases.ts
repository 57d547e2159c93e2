import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { loadResources, processDocument } from '../pipeline.js';
import { normaliseText } from '../text/normalise.js';
import { tokenize } from '../text/tokens.js';
import type { RawDocument } from '../model/document.js';

export interface PhaseResult {
  phase: string;
  docs: number;
  events: number;
  seconds: number;
  loadSeconds: number;
  threads: number;
  maxRssMb: number;
}

export function readCorpus(path: string): { id: string; published: string; text: string }[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as { id: string; published: string; text: string });
}

export function toRaw(rec: { id: string; published: string; text: string }): RawDocument {
  return {
    inputId: rec.id, text: rec.text, url: null, title: null, byline: null, source: null, dateline: null,
    published: rec.published, language: null, fromHtml: false,
  };
}

function maxRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** Baseline: the same documents read, normalised and split into words, without extraction. */
export function runBaseline(path: string): PhaseResult {
  const t0 = performance.now();
  const docs = readCorpus(path);
  let words = 0;
  for (const d of docs) words += tokenize(normaliseText(d.text)).length;
  const seconds = (performance.now() - t0) / 1000;
  return { phase: 'baseline', docs: docs.length, events: words, seconds, loadSeconds: 0, threads: 1, maxRssMb: maxRssMb() };
}

export function runExtract(path: string, gazetteerDir: string | undefined): PhaseResult {
  const t0 = performance.now();
  const res = loadResources(gazetteerDir ? { gazetteerDir } : {});
  const loadSeconds = (performance.now() - t0) / 1000;
  const docs = readCorpus(path);
  let events = 0;
  for (const d of docs) events += processDocument(toRaw(d), res).events.length;
  const seconds = (performance.now() - t0) / 1000;
  return { phase: 'extract', docs: docs.length, events, seconds, loadSeconds, threads: 1, maxRssMb: maxRssMb() };
}

/** Extraction on `threads` worker threads, each loading its own resources and taking every n-th document. */
export async function runWorkers(path: string, gazetteerDir: string | undefined, threads: number): Promise<PhaseResult> {
  const t0 = performance.now();
  const workerUrl = new URL('./worker.js', import.meta.url);
  const results = await Promise.all(
    Array.from({ length: threads }, (_, k) =>
      new Promise<{ docs: number; events: number; loadSeconds: number }>((resolve, reject) => {
        const w = new Worker(workerUrl, { workerData: { path, gazetteerDir, k, n: threads } });
        w.once('message', resolve);
        w.once('error', reject);
      }),
    ),
  );
  const seconds = (performance.now() - t0) / 1000;
  return {
    phase: `extract-${threads}-threads`,
    docs: results.reduce((a, r) => a + r.docs, 0),
    events: results.reduce((a, r) => a + r.events, 0),
    seconds,
    loadSeconds: Math.max(...results.map((r) => r.loadSeconds)),
    threads,
    maxRssMb: maxRssMb(),
  };
}
