import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { canonicalText, documentId } from '../../src/ingest/document-id.js';

describe('documentId', () => {
  const text = 'قصفت قوات الحكومة بلدة كفرنبودة في ريف حماة الشمالي.\n\nوقال الدفاع المدني إن 3 مدنيين أصيبوا.';

  it('is 16 hex digits and stable', () => {
    expect(documentId(text)).toMatch(/^[0-9a-f]{16}$/);
    expect(documentId(text)).toBe(documentId(text));
  });
  it('ignores spacing, harakat, tatweel, hamza spelling and digit script', () => {
    const resaved = '  قَصَفَت قوات الحكـــومة  بلدة كفرنبودة في ريف حماه الشمالي.\r\nوقال الدفاع المدني ان ٣ مدنيين أصيبوا. ';
    expect(documentId(resaved)).toBe(documentId(text));
  });
  it('differs when the words differ', () => {
    expect(documentId(text.replace('3', '4'))).not.toBe(documentId(text));
  });
  it('is the sha256 of the canonical text as UTF-8, whatever the script (ids stay those already stored)', () => {
    for (const t of [
      text,
      'BEIRUT (Reuters) - Shelling hit Idlib.',
      'Ünïcödé — “quotes” … 中文 🚀 and 𝔸 astral',
      'lone \ud800 high and \udc00 low surrogates',
      'ی پ چ ژ گ Persian, ߐ NKo, ࠀ Samaritan',
      text.repeat(600), // past the reused buffers' first size
    ]) {
      const want = createHash('sha256').update(canonicalText(t), 'utf8').digest('hex').slice(0, 16);
      expect(documentId(t), t).toBe(want);
    }
  });
});
