import type { Language, RawDocument } from '../model/document.js';

/** One BullMQ queue carries every kind of Marsad job; the job name says which. */
export const QUEUE_NAME = 'marsad-documents';

/** A raw document to extract and store (the payload is the document as read, JSON). */
export interface DocumentJobData {
  raw: RawDocument;
  /** The `--published` and `--lang` of the ingest that enqueued it. */
  published: string | null;
  lang: Language | null;
}

/** Stored documents to extract again (`marsad reprocess` with a queue). */
export interface ReprocessJobData {
  docIds: string[];
}

export type JobName = 'document' | 'reprocess';

/**
 * The job id of a document: its stable id, so the same document enqueued twice is one job.
 * (BullMQ refuses ids that read as integers, which a hex hash can; the prefix avoids that.)
 */
export function documentJobId(docId: string): string {
  return `doc-${docId}`;
}

const LANGS = new Set(['ar', 'en', 'und']);

function strOrNull(v: unknown): v is string | null {
  return v === null || typeof v === 'string';
}

/** The payload of a document job, checked: Redis content is input like any other. */
export function parseDocumentJob(data: unknown): DocumentJobData {
  const d = data as Partial<DocumentJobData> | null;
  const raw = d?.raw as Partial<RawDocument> | undefined;
  if (typeof raw !== 'object' || raw === null || typeof raw.text !== 'string' || typeof raw.inputId !== 'string') {
    throw new Error('document job: payload has no raw document with text and inputId');
  }
  for (const k of ['url', 'title', 'byline', 'source', 'dateline', 'published'] as const) {
    if (!strOrNull(raw[k] ?? null)) throw new Error(`document job ${raw.inputId}: raw.${k} must be a string or null`);
  }
  const language = raw.language ?? null;
  if (language !== null && !LANGS.has(language)) throw new Error(`document job ${raw.inputId}: raw.language ${String(language)} is unknown`);
  const lang = d?.lang ?? null;
  if (lang !== null && !LANGS.has(lang)) throw new Error(`document job ${raw.inputId}: lang ${String(lang)} is unknown`);
  const published = d?.published ?? null;
  if (!strOrNull(published)) throw new Error(`document job ${raw.inputId}: published must be a string or null`);
  return {
    raw: {
      inputId: raw.inputId, text: raw.text, url: raw.url ?? null, title: raw.title ?? null, byline: raw.byline ?? null,
      source: raw.source ?? null, dateline: raw.dateline ?? null, published: raw.published ?? null, language,
      fromHtml: raw.fromHtml === true,
    },
    published,
    lang,
  };
}

export function parseReprocessJob(data: unknown): ReprocessJobData {
  const ids = (data as Partial<ReprocessJobData> | null)?.docIds;
  if (!Array.isArray(ids) || !ids.every((x) => typeof x === 'string')) throw new Error('reprocess job: payload has no docIds list');
  return { docIds: ids };
}
