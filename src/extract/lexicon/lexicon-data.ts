import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename } from 'node:path';

// This module is dist/extract/lexicon/lexicon-data.js in a build, so ../../lexicon/ is dist/lexicon/.
const DEFAULT_COMPILED_DIR = new URL('../../lexicon/', import.meta.url);

const requireHere = createRequire(import.meta.url);

/**
 * The parsed content of a YAML lexicon file (triggers, modality cues, role cues).
 *
 * `npm run build` (scripts/copy-assets.mjs) stores each lexicon/*.yaml parsed, as JSON, in
 * dist/lexicon/<name>.yaml.json (or `compiledDir`) together with the SHA-256 of the YAML text. When the hash
 * matches the file read now, the JSON is used: that spares loading the YAML parser and running
 * it on every start of `marsad extract` (~0.1 s of a start-up of well under a second). An
 * edited lexicon, or a run from src/ (tests, tsx), has no matching JSON and is parsed as YAML,
 * so the result is always the file's current content.
 */
export function readLexiconData(path: string, compiledDir: URL = DEFAULT_COMPILED_DIR): unknown {
  const text = readFileSync(path, 'utf8');
  const compiled = readCompiled(new URL(`${basename(path)}.json`, compiledDir), yamlHash(text));
  if (compiled !== undefined) return compiled;
  return (requireHere('yaml') as typeof import('yaml')).parse(text) as unknown;
}

/** The hash stored beside the compiled JSON; copy-assets.mjs computes it the same way. */
export function yamlHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

interface CompiledLexicon {
  sha256: string;
  data: unknown;
}

function readCompiled(file: URL, hash: string): unknown {
  let parsed: CompiledLexicon;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as CompiledLexicon;
  } catch {
    return undefined;
  }
  return parsed.sha256 === hash ? parsed.data : undefined;
}
