import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { RawDocument } from '../model/document.js';
import { decodeBytes, looksBinary } from './decode.js';
import { gunzipBounded, isGzip, megabytes } from './gunzip.js';
import { recordToDocument } from './json-record.js';
import { htmlDocument, textDocument } from './raw-document.js';

/**
 * Everything `marsad extract <input>` can read, as a stream of documents and per-input errors:
 * a bad file or line is reported and the rest is read, so one broken record in an archive of
 * thousands costs one error line, not the run.
 */

export type InputItem = { kind: 'document'; doc: RawDocument } | { kind: 'error'; input: string; message: string };

export interface ReadOptions {
  /** What '-' reads (default process.stdin); tests pass a Readable. */
  stdin?: AsyncIterable<Uint8Array | string>;
  /** Files (and stdin) larger than this are an error item. Default 50 MB. */
  maxFileBytes?: number;
  /** A .gz that inflates to more than this is refused. Default 200 MB. */
  maxDecompressedBytes?: number;
}

export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 200 * 1024 * 1024;

type Format = 'text' | 'html' | 'json' | 'jsonl';

const FORMAT_BY_EXTENSION: ReadonlyMap<string, Format> = new Map([
  ['.txt', 'text'],
  ['.html', 'html'],
  ['.htm', 'html'],
  ['.json', 'json'],
  ['.jsonl', 'jsonl'],
  ['.ndjson', 'jsonl'],
]);

const SUPPORTED = '.txt, .html, .htm, .json, .jsonl, or a .gz of one';

interface FileKind {
  format: Format;
  gzip: boolean;
}

/** The format of a path by its extension, looking through one ".gz". */
export function fileKind(path: string): FileKind | null {
  const lower = path.toLowerCase();
  const gzip = lower.endsWith('.gz');
  const inner = gzip ? lower.slice(0, -3) : lower;
  const format = FORMAT_BY_EXTENSION.get(extname(inner));
  return format ? { format, gzip } : null;
}

interface Limits {
  maxFileBytes: number;
  maxDecompressedBytes: number;
}

function errorItem(input: string, message: string): InputItem {
  return { kind: 'error', input, message };
}

function errorMessage(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'ENOENT') return 'no such file or directory';
  if (e?.code === 'EACCES' || e?.code === 'EPERM') return 'permission denied';
  if (e?.code === 'EISDIR') return 'is a directory';
  return e instanceof Error ? e.message : String(err);
}

export async function* readInputs(target: string, opts: ReadOptions = {}): AsyncGenerator<InputItem> {
  const limits: Limits = {
    maxFileBytes: opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    maxDecompressedBytes: opts.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES,
  };
  if (target === '-') {
    yield* readStdin(opts.stdin ?? process.stdin, limits);
    return;
  }
  let info;
  try {
    info = await stat(target);
  } catch (err) {
    yield errorItem(target, errorMessage(err));
    return;
  }
  if (info.isDirectory()) {
    yield* readFolder(target, limits);
    return;
  }
  const kind = fileKind(target);
  if (!kind) {
    yield errorItem(target, `unsupported file type "${extname(target) || '(none)'}" (expected ${SUPPORTED})`);
    return;
  }
  yield* readOneFile(target, kind, limits);
}

// --- folders ---------------------------------------------------------------------------------

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Files under `dir`, depth first in code-unit name order; hidden entries skipped. */
async function* walk(dir: string, seen: Set<string>): AsyncGenerator<{ path: string } | { error: InputItem }> {
  let names: string[];
  try {
    const real = await realpath(dir);
    // A symlink back up the tree would otherwise walk forever.
    if (seen.has(real)) return;
    seen.add(real);
    names = (await readdir(dir)).filter((n) => !n.startsWith('.')).sort(byName);
  } catch (err) {
    yield { error: errorItem(dir, errorMessage(err)) };
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    let isDir: boolean;
    try {
      isDir = (await stat(path)).isDirectory();
    } catch (err) {
      yield { error: errorItem(path, errorMessage(err)) };
      continue;
    }
    if (isDir) yield* walk(path, seen);
    else yield { path };
  }
}

async function* readFolder(dir: string, limits: Limits): AsyncGenerator<InputItem> {
  for await (const entry of walk(dir, new Set())) {
    if ('error' in entry) {
      yield entry.error;
      continue;
    }
    // Other files in a folder (images, notes, .DS_Store) are not inputs: skipped silently.
    const kind = fileKind(entry.path);
    if (kind) yield* readOneFile(entry.path, kind, limits);
  }
}

// --- one file --------------------------------------------------------------------------------

async function* readOneFile(path: string, kind: FileKind, limits: Limits): AsyncGenerator<InputItem> {
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    // A FIFO or device named like a text file would block or never end.
    if (!info.isFile()) {
      yield errorItem(path, 'not a regular file');
      return;
    }
    const size = info.size;
    if (size > limits.maxFileBytes) {
      yield errorItem(path, `file is ${megabytes(size)}, over the ${megabytes(limits.maxFileBytes)} limit (maxFileBytes)`);
      return;
    }
    bytes = await readFile(path);
  } catch (err) {
    yield errorItem(path, errorMessage(err));
    return;
  }
  if (kind.gzip) {
    const out = await gunzipBounded(bytes, limits.maxDecompressedBytes);
    if (!out.ok) {
      yield errorItem(path, out.message);
      return;
    }
    bytes = out.bytes;
  }
  yield* readContent(path, bytes, kind.format);
}

/** Decoded content of one container, by format. `name` is the input id fallback and error label. */
function* readContent(name: string, bytes: Uint8Array, format: Format): Generator<InputItem> {
  if (looksBinary(bytes)) {
    yield errorItem(name, 'binary data (NUL bytes in the first 8 KB), not text');
    return;
  }
  yield* guarded(name, () => readDecoded(name, decodeBytes(bytes, { html: format === 'html' }).text, format));
}

/**
 * The items of one input, with anything it throws turned into an error item for that input: a
 * parser failing on a hostile file must cost that file, not the run.
 */
function* guarded(name: string, read: () => Generator<InputItem>): Generator<InputItem> {
  let items: Generator<InputItem>;
  try {
    items = read();
  } catch (err) {
    yield errorItem(name, `could not be read: ${errorMessage(err)}`);
    return;
  }
  for (;;) {
    let r: IteratorResult<InputItem>;
    try {
      r = items.next();
    } catch (err) {
      yield errorItem(name, `could not be read: ${errorMessage(err)}`);
      return;
    }
    if (r.done) return;
    yield r.value;
  }
}

function* readDecoded(name: string, text: string, format: Format): Generator<InputItem> {
  if (text.trim().length === 0) {
    yield errorItem(name, 'empty: no text');
    return;
  }
  switch (format) {
    case 'text':
      yield { kind: 'document', doc: textDocument(name, text) };
      return;
    case 'html': {
      const doc = htmlDocument(name, text);
      yield doc.text.trim().length > 0 ? { kind: 'document', doc } : errorItem(name, 'no readable text in the HTML');
      return;
    }
    case 'json':
      yield* readJson(name, text);
      return;
    case 'jsonl':
      yield* readJsonLines(name, text);
      return;
  }
}

function* readJson(name: string, text: string): Generator<InputItem> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    yield errorItem(name, `invalid JSON: ${errorMessage(err)}`);
    return;
  }
  if (!Array.isArray(value)) {
    const r = recordToDocument(value, name);
    yield r.ok ? { kind: 'document', doc: r.doc } : errorItem(name, r.message);
    return;
  }
  for (let i = 0; i < value.length; i++) {
    const label = `${name}[${i}]`;
    const r = recordToDocument(value[i], label);
    yield r.ok ? { kind: 'document', doc: r.doc } : errorItem(label, r.message);
  }
}

function* readJsonLines(name: string, text: string): Generator<InputItem> {
  let lineNo = 0;
  let pos = 0;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const line = text.slice(pos, nl).trim();
    pos = nl + 1;
    lineNo++;
    if (line.length === 0) continue;
    const label = `${name}:${lineNo}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      yield errorItem(label, `invalid JSON: ${errorMessage(err)}`);
      continue;
    }
    const r = recordToDocument(value, label);
    yield r.ok ? { kind: 'document', doc: r.doc } : errorItem(label, r.message);
  }
}

// --- stdin -----------------------------------------------------------------------------------

async function* readStdin(stream: AsyncIterable<Uint8Array | string>, limits: Limits): AsyncGenerator<InputItem> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const b = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
      total += b.length;
      if (total > limits.maxFileBytes) {
        yield errorItem('-', `standard input is over the ${megabytes(limits.maxFileBytes)} limit (maxFileBytes)`);
        return;
      }
      chunks.push(b);
    }
  } catch (err) {
    yield errorItem('-', `cannot read standard input: ${errorMessage(err)}`);
    return;
  }
  let bytes: Uint8Array = Buffer.concat(chunks);
  if (isGzip(bytes)) {
    const out = await gunzipBounded(bytes, limits.maxDecompressedBytes);
    if (!out.ok) {
      yield errorItem('-', out.message);
      return;
    }
    bytes = out.bytes;
  }
  if (looksBinary(bytes)) {
    yield errorItem('-', 'binary data (NUL bytes in the first 8 KB), not text');
    return;
  }
  yield* guarded('-', () => {
    const text = decodeBytes(bytes, { html: true }).text;
    return readDecoded('-', text, sniffFormat(text));
  });
}

/**
 * stdin has no extension: JSON when it opens with "{" (one object, or one per line) or "[",
 * HTML when it opens with "<", text otherwise.
 */
function sniffFormat(text: string): Format {
  const first = /\S/.exec(text)?.[0];
  if (first === '[') return 'json';
  if (first === '<') return 'html';
  if (first === '{') {
    // A single pretty-printed object spans lines; JSON.parse stops at the first bad character,
    // so this costs one record's parse on JSON-lines input.
    try {
      JSON.parse(text);
      return 'json';
    } catch {
      return 'jsonl';
    }
  }
  return 'text';
}
