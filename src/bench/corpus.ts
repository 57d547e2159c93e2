import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A benchmark corpus of news-length documents assembled from the Arabic sentences under
 * ../shared/eval (never copied into the repository: written to a temporary file per run).
 * Sentences are packed in a fixed pseudo-random order into documents of about `docChars`.
 */
export interface CorpusOptions {
  sharedDir: string;
  targetBytes: number;
  docChars: number;
  maxDocs?: number;
}

export function collectSentences(sharedDir: string): string[] {
  const out: string[] = [];
  const gsr = join(sharedDir, 'eval', 'arabic-event-gsr');
  if (existsSync(gsr)) {
    for (const f of readdirSync(gsr).filter((n) => n.endsWith('.jsonl')).sort()) {
      for (const line of readFileSync(join(gsr, f), 'utf8').split('\n')) {
        if (!line.trim()) continue;
        const rec = JSON.parse(line) as { text?: unknown };
        if (typeof rec.text === 'string' && rec.text.length > 20) out.push(rec.text.trim());
      }
    }
  }
  const seed = join(sharedDir, 'eval', 'seed', 'seed-article.txt');
  if (existsSync(seed)) {
    for (const p of readFileSync(seed, 'utf8').split('\n')) if (p.trim().length > 40) out.push(p.trim());
  }
  return out;
}

/** Writes the corpus as JSON lines and returns the number of documents and bytes. */
export function writeCorpus(path: string, opts: CorpusOptions): { docs: number; bytes: number } {
  const sentences = collectSentences(opts.sharedDir);
  if (sentences.length === 0) throw new Error(`no sentences found under ${opts.sharedDir}/eval to build a corpus from`);
  let state = 0x9e3779b9;
  const next = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % sentences.length;
  };
  const lines: string[] = [];
  let bytes = 0;
  let n = 0;
  while (bytes < opts.targetBytes && (opts.maxDocs === undefined || n < opts.maxDocs)) {
    const parts: string[] = [];
    let len = 0;
    while (len < opts.docChars) {
      const s = sentences[next()]!;
      parts.push(s);
      len += s.length + 2;
    }
    const day = String((n % 28) + 1).padStart(2, '0');
    const line = JSON.stringify({ id: `bench-${n}`, published: `2019-06-${day}`, text: parts.join('\n\n') });
    lines.push(line);
    bytes += Buffer.byteLength(line) + 1;
    n++;
  }
  writeFileSync(path, lines.join('\n') + '\n');
  return { docs: n, bytes };
}
