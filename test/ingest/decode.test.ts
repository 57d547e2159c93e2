import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBytes, looksBinary } from '../../src/ingest/decode.js';

const ARABIC = 'قالت مصادر محلية إن قوات الحكومة قصفت بلدة كفرنبودة في ريف حماة الشمالي صباح الأربعاء.';

describe('decodeBytes', () => {
  it('reads UTF-8 and strips its BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ARABIC, 'utf8')]);
    expect(decodeBytes(bytes)).toEqual({ text: ARABIC, encoding: 'utf-8' });
    expect(decodeBytes(Buffer.from(ARABIC, 'utf8')).text).toBe(ARABIC);
  });

  it('reads UTF-16 LE and BE with a BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(ARABIC, 'utf-16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(ARABIC, 'utf-16be')]);
    expect(decodeBytes(le)).toEqual({ text: ARABIC, encoding: 'utf-16le' });
    expect(decodeBytes(be)).toEqual({ text: ARABIC, encoding: 'utf-16be' });
  });

  it('reads UTF-16 LE without a BOM by its zero bytes', () => {
    const le = iconv.encode('Shelling hit the town of Saraqeb on Monday, residents said.', 'utf-16le');
    expect(decodeBytes(le).text).toBe('Shelling hit the town of Saraqeb on Monday, residents said.');
  });

  it('reads windows-1256 Arabic, short and long', () => {
    for (const text of [ARABIC, 'حلب - سانا', `${ARABIC}\n`.repeat(50)]) {
      const decoded = decodeBytes(iconv.encode(text, 'windows-1256'));
      expect(decoded.text).toBe(text);
      expect(decoded.encoding).toBe('windows-1256');
    }
  });

  it('reads ISO-8859-6 Arabic', () => {
    const text = 'قصف مدفعي على قرى ريف حماة الشمالي';
    expect(decodeBytes(iconv.encode(text, 'iso-8859-6')).text).toBe(text);
  });

  it('does not read Latin-1 French as Arabic', () => {
    const text = 'Les forces gouvernementales ont repris la ville après des frappes aériennes près de la frontière.';
    expect(decodeBytes(iconv.encode(text, 'windows-1252')).text).toBe(text);
  });

  it('honours an HTML meta charset when the bytes are not UTF-8', () => {
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256"></head><body><p>${ARABIC}</p></body></html>`;
    const decoded = decodeBytes(iconv.encode(html, 'windows-1256'), { html: true });
    expect(decoded.encoding).toBe('windows-1256');
    expect(decoded.text).toContain(ARABIC);
  });

  it('prefers valid UTF-8 over a stale meta charset', () => {
    const html = `<meta charset="windows-1256"><p>${ARABIC}</p>`;
    expect(decodeBytes(Buffer.from(html, 'utf8'), { html: true }).text).toBe(html);
  });
});

describe('looksBinary', () => {
  it('flags NUL bytes but not UTF-16 text', () => {
    expect(looksBinary(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0x99, 0x12]))).toBe(true);
    expect(looksBinary(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(ARABIC, 'utf-16le')]))).toBe(false);
    expect(looksBinary(Buffer.from(ARABIC, 'utf8'))).toBe(false);
  });
});
