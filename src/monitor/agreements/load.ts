import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { Agreement } from '../types.js';
import { AgreementError, pathString, type AgreementProblem } from './errors.js';
import { agreementFileSchema } from './format.js';
import { buildAgreement, type BuildOptions } from './validate.js';

export type LoadOptions = BuildOptions;

/**
 * Parse and validate an agreement given as text (YAML, or JSON — YAML's parser reads both).
 * `file` names the input in errors. Throws AgreementError listing every problem with its path
 * in the document and its line.
 */
export function parseAgreement(text: string, file: string, options: LoadOptions = {}): Agreement {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new AgreementError(file, doc.errors.map((e) => ({
      path: '',
      line: lineCounter.linePos(e.pos[0]).line,
      message: `not valid YAML or JSON: ${e.message.split('\n')[0]}`,
    })));
  }
  let data: unknown;
  try {
    // yaml refuses alias expansion past a budget ("billion laughs") by throwing here.
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (err) {
    throw new AgreementError(file, [{ path: '', line: null, message: `cannot be read: ${(err as Error).message}` }]);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new AgreementError(file, [{ path: '', line: null, message: 'the file must hold one agreement: a mapping with id, name, parties, zones, posts and rules' }]);
  }
  const lineOf = (path: readonly (string | number)[]): number | null => lineAt(doc, lineCounter, path);
  const parsed = agreementFileSchema.safeParse(data);
  if (!parsed.success) {
    throw new AgreementError(file, parsed.error.issues.map((issue) => ({
      path: pathString(issue.path),
      line: lineOf(issue.path),
      message: issueMessage(issue.message, issue.code, issue.path),
    })));
  }
  const built = buildAgreement(parsed.data, options);
  if ('problems' in built) {
    throw new AgreementError(file, built.problems.map((p) => ({ ...p, line: p.line ?? lineOf(parsePath(p.path)) })));
  }
  return built.agreement;
}

/** Read and validate one agreement file. */
export function loadAgreementFile(path: string, options: LoadOptions = {}): Agreement {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new AgreementError(path, [{ path: '', line: null, message: `cannot read the file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` }]);
  }
  return parseAgreement(text, path, options);
}

const AGREEMENT_FILE = /\.(ya?ml|json)$/i;

/**
 * Every agreement in a folder (MARSAD_HOME/agreements), sorted by id. A missing folder holds
 * none. Two files with one id is an error: which one rules would be a guess.
 */
export function loadAgreementsDir(dir: string, options: LoadOptions = {}): Agreement[] {
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir).filter((f) => AGREEMENT_FILE.test(f) && statSync(join(dir, f)).isFile()).sort();
  const byId = new Map<string, string>();
  const out: Agreement[] = [];
  for (const f of files) {
    const path = join(dir, f);
    const a = loadAgreementFile(path, options);
    const other = byId.get(a.id);
    if (other) throw new AgreementError(path, [{ path: 'id', line: null, message: `agreement id "${a.id}" is also used by ${other}` }]);
    byId.set(a.id, path);
    out.push(a);
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The line of the node at `path`, or of its nearest ancestor that exists. */
function lineAt(doc: Document, lc: LineCounter, path: readonly (string | number)[]): number | null {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return lc.linePos(range[0]).line;
  }
  return null;
}

function parsePath(s: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of s.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/** Zod's wording for the two commonest slips, made to say what to do. */
function issueMessage(message: string, code: string, path: readonly (string | number)[]): string {
  if (code === 'unrecognized_keys') return `${message} — see docs/agreements.md for the fields`;
  if (message === 'Required') return `"${String(path[path.length - 1] ?? '')}" is required`;
  return message;
}
