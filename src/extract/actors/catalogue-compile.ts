import { createRequire } from 'node:module';
import type { ZodIssue } from 'zod';
import type { InterCode } from '../../model/event.js';
import { normaliseText } from '../../text/normalise.js';
import { tokenize } from '../../text/tokens.js';
import { ACTOR_KINDS, type ActorEntry } from './actor-entry.js';

/**
 * Validation and compilation of actor catalogue files. Only runs when the compiled form is not
 * cached, so `yaml` and `zod` (together ~50 ms to import) are required lazily from here.
 */

export interface SourceFile {
  path: string;
  text: string;
}

/** [entry index, 0 name | 1 person | 2 not-an-alias, caseMask, normalised tokens]. */
export type CompiledAliasRow = [number, 0 | 1 | 2, number, string[]];

/** The serialisable result of compiling: what the disk cache stores. */
export interface CompiledCatalogue {
  entries: ActorEntry[];
  aliases: CompiledAliasRow[];
  /** [normalised single-token demonym, entry index]. */
  demonyms: [string, number][];
}

const require = createRequire(import.meta.url);

type Zod = typeof import('zod');
type Yaml = typeof import('yaml');

const LIST_FIELDS = ['aliases_ar', 'aliases_en', 'people', 'demonyms_ar', 'demonyms_en', 'not_aliases'] as const;
type ListField = (typeof LIST_FIELDS)[number];

interface PartialEntry {
  id: string;
  name?: string;
  inter?: number;
  country?: string | null;
  kind?: ActorEntry['kind'];
  parent?: string | null;
  note?: string | null;
  aliases_ar?: string[];
  aliases_en?: string[];
  people?: string[];
  demonyms_ar?: string[];
  demonyms_en?: string[];
  not_aliases?: string[];
}

function schemas(z: Zod['z']) {
  const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case kebab-case, e.g. "syria-government-forces"');
  const list = z.array(z.string().trim().min(1, 'empty alias')).optional();
  const partial = z
    .object({
      id,
      name: z.string().trim().min(1).optional(),
      inter: z.number().int().min(1).max(8).optional(),
      country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code in capitals, or null').nullable().optional(),
      kind: z.enum(ACTOR_KINDS).optional(),
      parent: id.nullable().optional(),
      note: z.string().nullable().optional(),
      aliases_ar: list,
      aliases_en: list,
      people: list,
      demonyms_ar: list,
      demonyms_en: list,
      not_aliases: list,
    })
    .strict();
  const full = partial.required({ name: true, inter: true, country: true, kind: true });
  return { partial, full };
}

function fail(file: string, msg: string): never {
  throw new Error(`actor catalogue ${file}: ${msg}`);
}

function describeEntry(index: number, raw: unknown): string {
  const id = raw && typeof raw === 'object' && 'id' in raw ? (raw as { id: unknown }).id : undefined;
  return `entry #${index + 1}${typeof id === 'string' ? ` (id "${id}")` : ''}`;
}

function describeIssues(issues: readonly ZodIssue[]): string {
  return issues
    .map((i) => {
      const field = i.path.length > 0 ? `field "${i.path.join('.')}"` : 'entry';
      if (i.code === 'unrecognized_keys') return `unknown field(s) ${i.keys.map((k) => `"${k}"`).join(', ')}`;
      return `${field}: ${i.message}`;
    })
    .join('; ');
}

function parseYaml(file: SourceFile, yaml: Yaml): unknown[] {
  let data: unknown;
  try {
    data = yaml.parse(file.text, { prettyErrors: true });
  } catch (e) {
    const pos = (e as { linePos?: { line: number; col: number }[] }).linePos?.[0];
    const where = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    fail(file.path, `invalid YAML${where}: ${msg}`);
  }
  if (data === null || data === undefined) return [];
  if (!Array.isArray(data)) fail(file.path, 'expected a YAML list of actor entries (each starting with "- id: ...")');
  return data;
}

interface Item {
  text: string;
  /** Index of the file that declared it: a later file wins a conflict. */
  file: number;
}

interface MergedEntry {
  id: string;
  name: string;
  inter: number;
  country: string | null;
  kind: ActorEntry['kind'];
  parent: string | null;
  note: string | null;
  lists: Record<ListField, Item[]>;
  file: number;
  /** The file that last set `parent`, for blaming the right file when it dangles. */
  parentFile: number;
}

/** Validate, merge (base first, then user files in order) and compile into an alias table. */
export function compileCatalogue(files: readonly SourceFile[]): CompiledCatalogue {
  const { z } = require('zod') as Zod;
  const yaml = require('yaml') as Yaml;
  const { partial, full } = schemas(z);

  const merged = new Map<string, MergedEntry>();
  files.forEach((file, fileIndex) => {
    const raws = parseYaml(file, yaml);
    const seen = new Set<string>();
    raws.forEach((raw, i) => {
      const p = partial.safeParse(raw);
      if (!p.success) fail(file.path, `${describeEntry(i, raw)}: ${describeIssues(p.error.issues)}`);
      const e: PartialEntry = p.data;
      if (seen.has(e.id)) fail(file.path, `${describeEntry(i, raw)}: duplicate id "${e.id}" in the same file`);
      seen.add(e.id);
      const existing = merged.get(e.id);
      if (existing) {
        mergeInto(existing, e, fileIndex);
        return;
      }
      const f = full.safeParse(raw);
      if (!f.success) {
        const hint = fileIndex === 0 ? '' : ' (a new id needs name, inter, country and kind)';
        fail(file.path, `${describeEntry(i, raw)}: ${describeIssues(f.error.issues)}${hint}`);
      }
      const d = f.data;
      const lists = {} as Record<ListField, Item[]>;
      for (const k of LIST_FIELDS) lists[k] = (d[k] ?? []).map((text) => ({ text, file: fileIndex }));
      merged.set(e.id, {
        id: d.id, name: d.name, inter: d.inter, country: d.country, kind: d.kind,
        parent: d.parent ?? null, note: d.note ?? null, lists, file: fileIndex, parentFile: fileIndex,
      });
    });
  });

  for (const [id, e] of merged) {
    const where = files[e.parentFile]!.path;
    if (e.parent && !merged.has(e.parent)) fail(where, `id "${id}": parent "${e.parent}" is not in the catalogue`);
    const chain = [id];
    for (let p = e.parent; p; p = merged.get(p)?.parent ?? null) {
      if (chain.includes(p)) fail(where, `id "${id}": parent cycle ${[...chain, p].join(' → ')}`);
      chain.push(p);
    }
    if (LIST_FIELDS.every((k) => k === 'not_aliases' || e.lists[k].length === 0)) fail(files[e.file]!.path, `id "${id}": no aliases, people or demonyms`);
  }

  return compileAliases(files, merged);
}

function mergeInto(target: MergedEntry, add: PartialEntry, file: number): void {
  if (add.name !== undefined) target.name = add.name;
  if (add.inter !== undefined) target.inter = add.inter;
  if (add.country !== undefined) target.country = add.country;
  if (add.kind !== undefined) target.kind = add.kind;
  if (add.parent !== undefined) {
    target.parent = add.parent;
    target.parentFile = file;
  }
  if (add.note !== undefined) target.note = add.note;
  for (const k of LIST_FIELDS) for (const text of add[k] ?? []) target.lists[k].push({ text, file });
}

interface Owner {
  id: string;
  field: ListField;
  item: Item;
}

function compileAliases(files: readonly SourceFile[], merged: Map<string, MergedEntry>): CompiledCatalogue {
  const ids = [...merged.keys()];
  const indexOf = new Map(ids.map((id, i) => [id, i]));
  const aliasRows = new Map<string, Owner & { row: CompiledAliasRow }>();
  const demonymRows = new Map<string, Owner & { row: [string, number] }>();
  const keyOf = new Map<Item, string>();

  const claim = <T extends Owner>(table: Map<string, T>, key: string, next: T, sameActor?: (prev: T) => void): void => {
    const prev = table.get(key);
    if (!prev) {
      table.set(key, next);
    } else if (prev.id === next.id) {
      sameActor?.(prev);
    } else if (prev.item.file === next.item.file) {
      fail(files[next.item.file]!.path,
        `"${next.item.text}" (${next.field} of "${next.id}") and "${prev.item.text}" (${prev.field} of "${prev.id}") ` +
          'are the same once normalised; a name can belong to only one actor');
    } else if (next.item.file > prev.item.file) {
      table.set(key, next);
    }
  };

  for (const [id, e] of merged) {
    const entryIndex = indexOf.get(id)!;
    for (const field of LIST_FIELDS) {
      for (const item of e.lists[field]) {
        const toks = tokenize(normaliseText(item.text));
        const where = files[item.file]!.path;
        if (toks.length === 0) fail(where, `id "${id}": ${field} "${item.text}" has no letters or digits`);
        const tokens = toks.map((t) => t.norm);
        const key = tokens.join(' ');
        keyOf.set(item, key);
        if (field === 'demonyms_ar' || field === 'demonyms_en') {
          if (tokens.length !== 1) fail(where, `id "${id}": ${field} "${item.text}" must be a single word`);
          claim(demonymRows, key, { id, field, item, row: [key, entryIndex] });
          continue;
        }
        let caseMask = 0;
        toks.forEach((t, k) => {
          if (k < 31 && isAcronym(item.text.slice(t.start, t.end))) caseMask |= 1 << k;
        });
        // The same name twice for one actor keeps the laxer capitalisation ("Isis" beside "ISIS").
        claim(aliasRows, key, { id, field, item, row: [entryIndex, field === 'people' ? 1 : field === 'not_aliases' ? 2 : 0, caseMask, tokens] },
          (prev) => { prev.row[2] &= caseMask; });
      }
    }
  }

  // An entry lists only the names it still owns once later files have moved some away.
  const ownerOf = (field: ListField, key: string): string | undefined =>
    (field === 'demonyms_ar' || field === 'demonyms_en' ? demonymRows.get(key) : aliasRows.get(key))?.id;
  const entries: ActorEntry[] = ids.map((id) => {
    const e = merged.get(id)!;
    const listOf = (field: ListField): string[] => [
      ...new Set(e.lists[field].filter((it) => ownerOf(field, keyOf.get(it)!) === id).map((it) => it.text)),
    ];
    return {
      id,
      name: e.name,
      inter: e.inter as InterCode,
      country: e.country,
      kind: e.kind,
      parent: e.parent,
      aliases_ar: listOf('aliases_ar'),
      aliases_en: listOf('aliases_en'),
      people: listOf('people'),
      demonyms_ar: listOf('demonyms_ar'),
      demonyms_en: listOf('demonyms_en'),
      not_aliases: listOf('not_aliases'),
      note: e.note,
    };
  });

  return {
    entries,
    aliases: [...aliasRows.values()].map((o) => o.row),
    demonyms: [...demonymRows.values()].map((o) => o.row),
  };
}

/**
 * An all-capitals short token in an alias (US, IS, WHO, SAA) is an acronym: in text it must be
 * capitalised too, or it would match the pronoun "us" or the verb "is".
 */
function isAcronym(original: string): boolean {
  return original.length <= 5 && /^[A-Z0-9]*[A-Z][A-Z0-9]*$/.test(original);
}
