import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** ../shared beside the repository: the seed page and its gold (not copied into the repo). */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const seedDir = resolve(repoRoot, '../shared/eval/seed');
export const hasSeed = existsSync(resolve(seedDir, 'seed-gold.json'));
if (!hasSeed) console.warn(`SKIPPING seed tests: ${seedDir} is missing (the ../shared folder beside the repository)`);

export interface SeedGold {
  doc: {
    boilerplate_lines: number[];
    repairs: { line: number; broken: string; repaired: string; note?: string }[];
  };
}

export function readSeed(): { text: string; gold: SeedGold } {
  return {
    text: readFileSync(resolve(seedDir, 'seed-article.txt'), 'utf8'),
    gold: JSON.parse(readFileSync(resolve(seedDir, 'seed-gold.json'), 'utf8')) as SeedGold,
  };
}

/** 1-based line number of an offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
