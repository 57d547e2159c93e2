import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractHtml, languageTag, stripSiteName } from '../../src/ingest/html.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

describe('extractHtml', () => {
  it('reads an Arabic article: main text in blocks, metadata from the head', () => {
    const page = extractHtml(fixture('article-ar.html'));
    expect(page.readability).toBe(true);
    const blocks = page.text.split('\n\n');
    expect(blocks).toContain('مخاوف من التصعيد');
    expect(blocks.find((b) => b.startsWith('قالت مصادر محلية'))).toMatch(/المحيطة بالقرى\.$/);
    // Page furniture and code stay out.
    for (const junk of ['الرئيسية', 'الأكثر قراءة', 'جميع الحقوق', 'tracking', 'color']) expect(page.text).not.toContain(junk);
    expect(page.title).toBe('قصف مدفعي على قرى في ريف حماة الشمالي');
    expect(page.source).toBe('شبكة المرصد التجريبية');
    expect(page.byline).toBe('سامر الخطيب');
    expect(page.published).toBe('2021-03-14');
    expect(page.url).toBe('https://example.org/ar/2021/03/14/shelling-hama');
    expect(page.language).toBe('ar');
  });

  it('reads JSON-LD dates and authors, and strips a leading site name from the title', () => {
    const page = extractHtml(fixture('article-en.html'));
    expect(page.title).toBe('Talks on de-escalation resume in Geneva');
    expect(page.byline).toBe('Jane Doe');
    expect(page.source).toBe('Example Wire');
    expect(page.published).toBe('2021-11-09');
    expect(page.url).toBe('https://www.examplewire.test/world/talks-resume');
    expect(page.language).toBe('en');
    expect(page.text.startsWith('Delegations of the two sides')).toBe(true);
    expect(page.text).not.toContain('Copyright');
  });

  it('falls back to the body without nav/aside/footer/script on a short page', () => {
    const page = extractHtml(fixture('short-page.html'));
    expect(page.readability).toBe(false);
    expect(page.text).toBe('Office closed today.');
    expect(page.published).toBe('2020-01-02');
    expect(page.title).toBe('Notice');
  });

  it('takes the host of the canonical URL as source when the site has no name', () => {
    const page = extractHtml('<html><head><link rel="canonical" href="https://www.news.example/a"></head><body><p>Short item.</p></body></html>');
    expect(page.source).toBe('news.example');
    expect(page.text).toBe('Short item.');
  });

  it('survives broken JSON-LD and empty documents', () => {
    const page = extractHtml('<html><head><script type="application/ld+json">{not json</script></head><body></body></html>');
    expect(page.text).toBe('');
    expect(page.published).toBeNull();
  });
});

describe('stripSiteName', () => {
  it('drops a known site name at either end, only when known', () => {
    expect(stripSiteName('عنوان الخبر - موقع الأخبار', ['موقع الاخبار'])).toBe('عنوان الخبر');
    expect(stripSiteName('Site | Headline here', ['Site'])).toBe('Headline here');
    expect(stripSiteName('Ceasefire holds - for now', ['Other Site'])).toBe('Ceasefire holds - for now');
    expect(stripSiteName('Ceasefire holds - for now', [])).toBe('Ceasefire holds - for now');
  });
});

describe('languageTag', () => {
  it('maps declared tags to ar/en/und', () => {
    expect(languageTag('ar-SY')).toBe('ar');
    expect(languageTag('en_GB')).toBe('en');
    expect(languageTag('fr')).toBe('und');
    expect(languageTag('')).toBeNull();
  });
});
