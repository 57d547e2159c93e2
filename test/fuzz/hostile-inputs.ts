import { closeSync, openSync, writeFileSync, writeSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';

/**
 * The hostile-input corpus, generated at test time in a temporary folder (never committed: some
 * of these are 100 MB or inflate to gigabytes). Each entry says what a correct reading is: an
 * error whose message matches, or documents.
 */

export type Expect = { error: RegExp } | { documents: number | 'some' } | { errorsOrDocuments: true };

export interface HostileFile {
  name: string;
  what: string;
  expect: Expect;
}

const ARABIC_PARAGRAPH =
  'قالت مصادر محلية إن الطيران الحربي شن غارات جوية على بلدة كفرنبل في ريف إدلب الجنوبي صباح اليوم، ما أدى إلى مقتل ثلاثة مدنيين وإصابة آخرين.';
const ENGLISH_PARAGRAPH = 'Russian jets struck the town of Saraqib in Idlib province on Monday, killing two civilians, a monitor said.';

/** A gzip that inflates to `totalBytes` of spaces, built from repeated members so it costs ~1 KB per 1 MB. */
function gzipBomb(totalBytes: number): Buffer {
  const chunk = 16 * 1024 * 1024;
  const member = gzipSync(Buffer.alloc(chunk, 0x20), { level: 9 });
  return Buffer.concat(Array.from({ length: Math.ceil(totalBytes / chunk) }, () => member));
}

/** A file of `bytes` whose head is text and whose rest is a hole: 100 MB that costs no disk. */
function sparseFile(path: string, bytes: number, head: string): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, head);
    ftruncateSync(fd, bytes);
  } finally {
    closeSync(fd);
  }
}

export const HUGE_FILE_BYTES = 100 * 1024 * 1024;
export const BOMB_BYTES = 4 * 1024 * 1024 * 1024;
export const DEEP_HTML_LEVELS = 100_000;

/** Writes the corpus into `dir` and lists it. */
export function writeHostileCorpus(dir: string): HostileFile[] {
  const files: HostileFile[] = [];
  const add = (name: string, body: string | Uint8Array, what: string, expect: Expect): void => {
    writeFileSync(join(dir, name), body);
    files.push({ name, what, expect });
  };

  // Binary: a PNG header and random bytes, named like text.
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))]);
  add('binary.txt', png, 'a PNG named .txt', { error: /binary data/ });
  add('binary.jsonl', Buffer.from([0x7b, 0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x7d]), 'NUL bytes in a .jsonl', { errorsOrDocuments: true });

  // 100 MB: refused before it is read.
  sparseFile(join(dir, 'huge.txt'), HUGE_FILE_BYTES, `${ARABIC_PARAGRAPH}\n`);
  files.push({ name: 'huge.txt', what: 'a 100 MB text file', expect: { error: /over the .* limit/ } });

  // Deeply nested HTML, closed and unclosed.
  add(
    'deep.html',
    `<html lang="ar"><head><title>عمق</title></head><body>${'<div>'.repeat(DEEP_HTML_LEVELS)}<p>${ARABIC_PARAGRAPH}</p>${'</div>'.repeat(DEEP_HTML_LEVELS)}</body></html>`,
    `HTML nested ${DEEP_HTML_LEVELS} deep`,
    { documents: 1 },
  );
  add('deep-unclosed.html', `<html><body>${'<span><b>'.repeat(DEEP_HTML_LEVELS / 2)}${ENGLISH_PARAGRAPH}`, 'unclosed inline tags 100,000 deep', { documents: 1 });
  add('many-paragraphs.html', `<html><body>${`<p>${ENGLISH_PARAGRAPH}`.repeat(1_000)}</body></html>`, '1,000 unclosed <p> (see the report: resolvePlaces is quadratic in place mentions)', { documents: 1 });

  // Invalid UTF-8: overlong forms, lone continuation bytes, truncated sequences, 0xFF.
  const arabic = Buffer.from(ARABIC_PARAGRAPH, 'utf8');
  add(
    'invalid-utf8.txt',
    Buffer.concat([arabic.subarray(0, 41), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x90, 0x28, 0xff, 0xc0, 0xaf]), arabic.subarray(41), Buffer.from([0xd8])]),
    'Arabic UTF-8 with invalid sequences',
    { documents: 1 },
  );

  // Mixed encodings: a windows-1256 paragraph and a UTF-8 one in one file.
  add(
    'mixed-encodings.txt',
    Buffer.concat([iconv.encode(`${ARABIC_PARAGRAPH}\n\n`, 'windows-1256'), Buffer.from(`${ARABIC_PARAGRAPH}\n`, 'utf8')]),
    'windows-1256 and UTF-8 in one file',
    { documents: 1 },
  );
  add('windows-1256.html', Buffer.concat([Buffer.from('<html><head><meta charset="windows-1256"></head><body><p>'), iconv.encode(ARABIC_PARAGRAPH, 'windows-1256'), Buffer.from('</p></body></html>')]), 'a windows-1256 page', { documents: 1 });
  add('utf16-no-bom.txt', Buffer.from(`${ENGLISH_PARAGRAPH}\n${ARABIC_PARAGRAPH}`, 'utf16le'), 'UTF-16 without a BOM', { documents: 1 });

  // Zip bomb: 4 GB of spaces in a few MB of gzip; and a corrupt gzip.
  add('bomb.txt.gz', gzipBomb(BOMB_BYTES), 'a gzip inflating to 4 GB', { error: /decompresses to more than/ });
  add('truncated.jsonl.gz', gzipSync(Buffer.from(`{"text": "${ARABIC_PARAGRAPH}"}\n`)).subarray(0, 20), 'a truncated gzip', { error: /corrupt gzip|unexpected end/i });

  // JSON with wrong types, and deeply nested JSON.
  add(
    'wrong-types.jsonl',
    [
      JSON.stringify({ id: 'ok-1', text: ARABIC_PARAGRAPH }),
      JSON.stringify({ id: 'bad-text', text: 42 }),
      JSON.stringify({ id: 'bad-title', text: ENGLISH_PARAGRAPH, title: ['a', 'b'] }),
      JSON.stringify({ id: { nested: true }, text: ENGLISH_PARAGRAPH }),
      JSON.stringify({ id: 'bad-published', text: ENGLISH_PARAGRAPH, published: 20190605 }),
      JSON.stringify({ id: 'bad-lang', text: ENGLISH_PARAGRAPH, lang: false }),
      JSON.stringify([1, 2, 3]),
      '"just a string"',
      '{"text": "unterminated',
      JSON.stringify({ id: 'ok-2', text: ENGLISH_PARAGRAPH, published: 'not a date' }),
    ].join('\n'),
    'JSONL with wrong types',
    { errorsOrDocuments: true },
  );
  add('deep.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, 'JSON arrays nested 100,000 deep', { errorsOrDocuments: true });
  add('deep-object.json', `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`, 'JSON objects nested 50,000 deep', { error: /text/ });

  // Pathological text: one 2 MB word, a million separators, control characters.
  add('one-word.txt', 'ب'.repeat(2 * 1024 * 1024), 'one 2 MB word', { documents: 1 });
  add('punctuation.txt', '،. '.repeat(300_000), 'nothing but separators', { documents: 1 });
  add('controls.txt', `${ARABIC_PARAGRAPH}\u0001\u0002\u001b[31m\u0007\u202e${ENGLISH_PARAGRAPH}\u2028\u2029\ufffe`, 'control and bidi-override characters', { documents: 1 });
  add('empty.txt', '   \n\n\t ', 'only white space', { error: /empty/ });
  return files;
}

/** An RSS feed of `n` items (each a short report), for a local server. */
export function bigFeed(n: number, link: (i: number) => string): string {
  const items: string[] = [];
  for (let i = 0; i < n; i++) {
    items.push(
      `<item><guid isPermaLink="false">item-${i}</guid><link>${link(i)}</link><title>خبر رقم ${i}</title>` +
        `<pubDate>Tue, 10 Jun 2025 09:00:00 GMT</pubDate><description><![CDATA[<p>${i % 2 ? ARABIC_PARAGRAPH : ENGLISH_PARAGRAPH} (${i})</p>]]></description></item>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Big Wire</title>${items.join('')}</channel></rss>`;
}

export { ARABIC_PARAGRAPH, ENGLISH_PARAGRAPH };
