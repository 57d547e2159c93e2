import type { InputItem } from '../ingest/read-inputs.js';
import type { Language } from '../model/document.js';
import { documentId } from '../ingest/document-id.js';
import { documentJobId, type DocumentJobData, type ReprocessJobData } from './job-types.js';
import type { MarsadQueue } from './job-queue.js';

export interface EnqueueOptions {
  published?: string | null;
  lang?: Language | null;
  signal?: AbortSignal;
  /** An input that could not be read (reported, the rest goes on). */
  onError?: (input: string, message: string) => void;
  /** Every document handed to the queue. */
  onEnqueued?: (inputId: string, jobId: string) => void;
  /** Jobs per round trip to Redis (default 200). */
  chunk?: number;
  /** A partial chunk is sent when the inputs keep us waiting this long (default 200 ms): live feeds. */
  flushMs?: number;
}

export interface EnqueueSummary {
  read: number;
  enqueued: number;
  errors: number;
  stopped: boolean;
}

type DocJob = { name: 'document'; data: DocumentJobData; opts: { jobId: string } };

/**
 * `marsad ingest` with a queue: every document read becomes a job whose id is the document's
 * stable id (so the same document enqueued twice is one job) and whose payload is the raw
 * document. Nothing is extracted here; workers do that.
 */
export async function enqueueDocuments(queue: MarsadQueue, items: AsyncIterable<InputItem>, o: EnqueueOptions = {}): Promise<EnqueueSummary> {
  const out: EnqueueSummary = { read: 0, enqueued: 0, errors: 0, stopped: false };
  const chunkSize = o.chunk ?? 200;
  const flushMs = o.flushMs ?? 200;
  let chunk: DocJob[] = [];
  const flush = async (): Promise<void> => {
    if (chunk.length === 0) return;
    const jobs = chunk;
    chunk = [];
    await queue.addBulk(jobs);
    out.enqueued += jobs.length;
    for (const j of jobs) o.onEnqueued?.(j.data.raw.inputId, j.opts.jobId);
  };
  const it = items[Symbol.asyncIterator]();
  let next: Promise<IteratorResult<InputItem>> | null = null;
  for (;;) {
    if (o.signal?.aborted) {
      out.stopped = true;
      break;
    }
    next ??= it.next();
    let r: IteratorResult<InputItem> | 'wait';
    if (chunk.length === 0) {
      r = await next;
    } else {
      let timer: NodeJS.Timeout | undefined;
      r = await Promise.race([next, new Promise<'wait'>((res) => { timer = setTimeout(() => res('wait'), flushMs); })]);
      clearTimeout(timer);
    }
    if (r === 'wait') {
      await flush();
      continue;
    }
    next = null;
    if (r.done === true) break;
    const item = r.value;
    if (item.kind === 'error') {
      out.errors++;
      o.onError?.(item.input, item.message);
      continue;
    }
    out.read++;
    if (typeof item.doc.text !== 'string' || item.doc.text.trim() === '') {
      out.errors++;
      o.onError?.(item.doc.inputId, 'the document has no text');
      continue;
    }
    const jobId = documentJobId(documentId(item.doc.text));
    chunk.push({ name: 'document', data: { raw: item.doc, published: o.published ?? null, lang: o.lang ?? null }, opts: { jobId } });
    if (chunk.length >= chunkSize) await flush();
  }
  await flush();
  if (out.stopped) void it.return?.(undefined)?.catch(() => undefined);
  return out;
}

/** `marsad reprocess` with a queue: one job per batch of stored document ids. */
export async function enqueueReprocess(queue: MarsadQueue, batches: AsyncIterable<string[]>, runId: string): Promise<{ jobs: number; documents: number }> {
  let jobs = 0;
  let documents = 0;
  for await (const docIds of batches) {
    if (docIds.length === 0) continue;
    const data: ReprocessJobData = { docIds };
    await queue.add('reprocess', data, { jobId: `reprocess-${runId}-${jobs}` });
    jobs++;
    documents += docIds.length;
  }
  return { jobs, documents };
}
