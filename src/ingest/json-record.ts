import { z } from 'zod';
import type { RawDocument } from '../model/document.js';
import { languageTag } from './html.js';
import { dateFromMetadata } from './published-date.js';
import { htmlDocument, unifyLineEndings } from './raw-document.js';

/**
 * One JSON input record → RawDocument. The record's own fields win; an `html` record (no
 * `text`) is extracted and its page metadata fills what the record left out.
 */

const optionalString = z.string().nullish();

const RecordSchema = z
  .object({
    id: z.union([z.string().min(1), z.number().int()]).nullish(),
    text: optionalString,
    html: optionalString,
    url: optionalString,
    title: optionalString,
    published: optionalString,
    source: optionalString,
    byline: optionalString,
    dateline: optionalString,
    language: optionalString,
    lang: optionalString,
  })
  .passthrough();

type RecordFields = z.infer<typeof RecordSchema>;

const STRING_FIELDS = ['text', 'html', 'url', 'title', 'published', 'source', 'byline', 'dateline', 'language', 'lang'] as const;

/**
 * The schema's check written out, for the record that passes it (nearly all of them): the same
 * answer without zod's per-record cost. Anything else goes through zod for its message.
 */
function wellFormed(value: Record<string, unknown>): RecordFields | null {
  for (const f of STRING_FIELDS) {
    const x = value[f];
    if (x !== undefined && x !== null && typeof x !== 'string') return null;
  }
  const id = value['id'];
  const idOk =
    id === undefined || id === null || (typeof id === 'string' && id.length > 0) || (typeof id === 'number' && Number.isInteger(id));
  return idOk ? (value as RecordFields) : null;
}

export type RecordResult = { ok: true; doc: RawDocument } | { ok: false; message: string };

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function blankToNull(s: string | null | undefined): string | null {
  const t = s?.trim();
  return t ? t : null;
}

/**
 * @param value a parsed JSON value that should be a record
 * @param fallbackId the input id when the record has no `id` (file path, "path:line")
 */
export function recordToDocument(value: unknown, fallbackId: string): RecordResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: `expected a JSON object with a "text" field, got ${describe(value)}` };
  }
  let r = wellFormed(value as Record<string, unknown>);
  if (r === null) {
    const parsed = RecordSchema.safeParse(value);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `field "${i.path.join('.')}": ${i.message.toLowerCase()}`);
      return { ok: false, message: problems.join('; ') };
    }
    r = parsed.data;
  }
  const inputId = r.id !== null && r.id !== undefined ? String(r.id) : fallbackId;
  const meta = {
    url: blankToNull(r.url),
    title: blankToNull(r.title),
    byline: blankToNull(r.byline),
    source: blankToNull(r.source),
    dateline: blankToNull(r.dateline),
    // An unreadable date is dropped rather than failing the record: the text may still date it.
    published: dateFromMetadata(r.published),
    language: languageTag(r.language ?? r.lang),
  };

  if (typeof r.text === 'string') {
    if (r.text.trim().length === 0) return { ok: false, message: 'field "text" is empty' };
    return { ok: true, doc: { inputId, text: unifyLineEndings(r.text), ...meta, fromHtml: false } };
  }
  if (typeof r.html === 'string') {
    const page = htmlDocument(inputId, r.html, meta.url);
    if (page.text.trim().length === 0) return { ok: false, message: 'field "html" has no readable text' };
    return {
      ok: true,
      doc: {
        inputId,
        text: page.text,
        url: meta.url ?? page.url,
        title: meta.title ?? page.title,
        byline: meta.byline ?? page.byline,
        source: meta.source ?? page.source,
        dateline: meta.dateline,
        published: meta.published ?? page.published,
        language: meta.language ?? page.language,
        fromHtml: true,
      },
    };
  }
  return { ok: false, message: 'missing field "text" (a string; or "html")' };
}
