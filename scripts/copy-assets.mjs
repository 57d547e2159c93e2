// After tsc: make the bin executable, and store the YAML lexicons that `marsad extract` loads at
// every start as JSON (see src/extract/lexicon/lexicon-data.ts), so start-up needs no YAML parser.
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

chmodSync(new URL('../dist/cli/main.js', import.meta.url), 0o755);

const COMPILED_LEXICONS = ['triggers.yaml', 'modality.yaml', 'roles.yaml'];
const outDir = new URL('../dist/lexicon/', import.meta.url);
mkdirSync(outDir, { recursive: true });
for (const name of COMPILED_LEXICONS) {
  const text = readFileSync(new URL(`../lexicon/${name}`, import.meta.url), 'utf8');
  const sha256 = createHash('sha256').update(text, 'utf8').digest('hex');
  writeFileSync(new URL(`${name}.json`, outDir), JSON.stringify({ sha256, data: parse(text) }));
}
