import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import type { SourceSpec } from './types.js';

/**
 * sources.yaml: the feeds, pages and folders `marsad ingest --sources` reads.
 *
 *   sources:
 *     - name: Example Arabic wire
 *       url: https://example.org/ar/rss.xml   # kind: feed when a url is given
 *       language: ar
 *       interval: 15m                         # or intervalSeconds: 900; 30s, 15m, 2h, 1d
 *       fullText: true                        # fetch each item's page
 *     - name: Press release page
 *       kind: url
 *       url: https://example.org/statement
 *     - name: Drop folder
 *       path: ./incoming                      # kind: folder; relative to this file
 *
 * A top-level list (without `sources:`) is accepted too. Unknown keys are errors, so a typo
 * ("intervall") is reported instead of silently polling at the default rate.
 */

const MIN_INTERVAL_SECONDS = 1;
const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400 };

function parseInterval(v: string | number): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$/i.exec(v);
  if (!m) return null;
  return Number(m[1]) * UNIT_SECONDS[(m[2] || 's').toLowerCase()]!;
}

const httpUrl = z
  .string()
  .trim()
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an http or https URL');

const EntrySchema = z
  .object({
    name: z.string().trim().min(1, 'must not be empty'),
    kind: z.enum(['feed', 'url', 'folder']).optional(),
    url: httpUrl.optional(),
    path: z.string().trim().min(1, 'must not be empty').optional(),
    language: z.enum(['ar', 'en', 'und']).optional(),
    interval: z.union([z.string(), z.number()]).optional(),
    intervalSeconds: z.number().optional(),
    fullText: z.boolean().optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    const kind = e.kind ?? (e.url ? 'feed' : e.path ? 'folder' : undefined);
    if (!kind) ctx.addIssue({ code: 'custom', message: 'needs a url (feed or url) or a path (folder)' });
    if ((kind === 'feed' || kind === 'url') && !e.url) ctx.addIssue({ code: 'custom', path: ['url'], message: `required for kind ${kind}` });
    if (kind === 'folder' && !e.path) ctx.addIssue({ code: 'custom', path: ['path'], message: 'required for kind folder' });
    if (kind === 'folder' && e.url) ctx.addIssue({ code: 'custom', path: ['url'], message: 'not used by kind folder (use path)' });
    if (kind !== 'folder' && kind !== undefined && e.path) ctx.addIssue({ code: 'custom', path: ['path'], message: `not used by kind ${kind} (use url)` });
    if (kind !== 'feed' && e.fullText !== undefined) ctx.addIssue({ code: 'custom', path: ['fullText'], message: 'only feeds have items to fetch in full' });
    if (e.interval !== undefined && e.intervalSeconds !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['interval'], message: 'give interval or intervalSeconds, not both' });
    }
    const seconds = e.intervalSeconds ?? (e.interval !== undefined ? parseInterval(e.interval) : undefined);
    if (seconds === null) ctx.addIssue({ code: 'custom', path: ['interval'], message: 'expected seconds or a duration like 30s, 15m, 2h, 1d' });
    else if (seconds !== undefined && !(seconds >= MIN_INTERVAL_SECONDS)) {
      ctx.addIssue({ code: 'custom', path: [e.intervalSeconds !== undefined ? 'intervalSeconds' : 'interval'], message: `must be at least ${MIN_INTERVAL_SECONDS} s` });
    }
  });

type Entry = z.infer<typeof EntrySchema>;

function entryLabel(raw: unknown, i: number): string {
  const name = (raw as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name.trim() ? `sources[${i}] ("${name.trim()}")` : `sources[${i}]`;
}

function toSpec(e: Entry, baseDir: string): SourceSpec {
  const kind = e.kind ?? (e.url ? 'feed' : 'folder');
  const spec: SourceSpec = { name: e.name, kind };
  if (e.url) spec.url = e.url;
  if (e.path) spec.path = isAbsolute(e.path) ? e.path : resolve(baseDir, e.path);
  if (e.language) spec.language = e.language;
  const seconds = e.intervalSeconds ?? (e.interval !== undefined ? parseInterval(e.interval) : null);
  if (seconds !== null && seconds !== undefined) spec.intervalSeconds = seconds;
  if (e.fullText !== undefined) spec.fullText = e.fullText;
  return spec;
}

/** Read and validate a sources file; errors name the file, the entry and the field. */
export function loadSourcesFile(path: string): SourceSpec[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(`${path}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const where = e.linePos?.[0] ? ` at line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '';
    throw new Error(`${path}: invalid YAML${where}: ${e.message.split('\n')[0]}`);
  }
  // A small alias budget: a YAML "billion laughs" of nested aliases fails instead of expanding.
  let root: unknown;
  try {
    root = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw new Error(`${path}: invalid YAML: ${(err as Error).message}`);
  }
  const list: unknown = Array.isArray(root) ? root : (root as { sources?: unknown } | null)?.sources;
  if (!Array.isArray(list)) {
    throw new Error(`${path}: expected a "sources:" list (or a top-level list) of sources`);
  }
  if (root !== null && !Array.isArray(root) && typeof root === 'object') {
    const extra = Object.keys(root).filter((k) => k !== 'sources');
    if (extra.length > 0) throw new Error(`${path}: unknown top-level key${extra.length > 1 ? 's' : ''} ${extra.map((k) => `"${k}"`).join(', ')} (expected "sources")`);
  }
  if (list.length === 0) throw new Error(`${path}: the sources list is empty`);

  const problems: string[] = [];
  const specs: SourceSpec[] = [];
  const names = new Map<string, number>();
  const baseDir = dirname(resolve(path));
  list.forEach((raw, i) => {
    // Duplicates are checked on the raw name, so they are reported beside other problems.
    const rawName = (raw as { name?: unknown } | null)?.name;
    if (typeof rawName === 'string' && rawName.trim()) {
      const seen = names.get(rawName.trim());
      if (seen !== undefined) problems.push(`${entryLabel(raw, i)}: name already used by sources[${seen}]`);
      else names.set(rawName.trim(), i);
    }
    const parsed = EntrySchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
        const msg = issue.code === 'unrecognized_keys' ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
        problems.push(`${entryLabel(raw, i)}: ${field}${msg}`);
      }
      return;
    }
    specs.push(toSpec(parsed.data, baseDir));
  });
  if (problems.length > 0) throw new Error(`${path}: ${problems.length === 1 ? problems[0] : `\n  ${problems.join('\n  ')}`}`);
  return specs;
}
