import { describe, expect, it } from 'vitest';
import { documentId } from '../../src/ingest/document-id.js';

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
});
