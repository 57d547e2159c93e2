import { describe, expect, it } from 'vitest';
import { recordToDocument } from '../../src/ingest/json-record.js';

describe('recordToDocument', () => {
  it('maps record fields onto a RawDocument', () => {
    const r = recordToDocument(
      { id: 'r-1', text: 'نص\r\nالخبر', url: 'https://x.test/a', title: 'عنوان', published: '2019-06-05T08:00:00Z', source: 'سانا', byline: ' ', lang: 'ar-SY', extra: 1 },
      'file.json',
    );
    expect(r).toEqual({
      ok: true,
      doc: {
        inputId: 'r-1', text: 'نص\nالخبر', url: 'https://x.test/a', title: 'عنوان', byline: null, source: 'سانا',
        dateline: null, published: '2019-06-05', language: 'ar', fromHtml: false,
      },
    });
  });

  it('uses the fallback id, and a numeric id as a string', () => {
    expect(recordToDocument({ text: 'x' }, 'a.jsonl:3')).toMatchObject({ ok: true, doc: { inputId: 'a.jsonl:3' } });
    expect(recordToDocument({ id: 42, text: 'x' }, 'a.jsonl:3')).toMatchObject({ ok: true, doc: { inputId: '42' } });
  });

  it('extracts an html record and lets the record’s own fields win', () => {
    const html = '<html lang="en"><head><title>Page title</title><meta property="og:site_name" content="Site"></head><body><p>Body text of the page.</p></body></html>';
    const r = recordToDocument({ html, title: 'Record title' }, 'f.json');
    expect(r).toMatchObject({ ok: true, doc: { text: 'Body text of the page.', title: 'Record title', source: 'Site', language: 'en', fromHtml: true } });
  });

  it('reports wrong types by field', () => {
    const r = recordToDocument({ text: 'x', title: 7, published: ['2019'] }, 'f.json');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toMatch(/field "title": expected string, received number/);
      expect(r.message).toMatch(/field "published": expected string, received array/);
    }
  });

  it('requires text (or html), non-empty, in an object', () => {
    expect(recordToDocument({ title: 'x' }, 'f')).toEqual({ ok: false, message: 'missing field "text" (a string; or "html")' });
    expect(recordToDocument({ text: '  ' }, 'f')).toEqual({ ok: false, message: 'field "text" is empty' });
    expect(recordToDocument({ text: 5 }, 'f')).toMatchObject({ ok: false, message: expect.stringContaining('field "text"') });
    expect(recordToDocument(['x'], 'f')).toMatchObject({ ok: false, message: expect.stringContaining('got an array') });
  });
});
