import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** MARSAD_HOME holds the gazetteer index, the store and configuration (never the repository). */
export function marsadHome(): string {
  const env = process.env['MARSAD_HOME'];
  return env && env.length > 0 ? resolve(env) : join(homedir(), '.marsad');
}

export function gazetteerDir(home = marsadHome()): string {
  return join(home, 'gazetteer');
}

/** The package root, where `lexicon/` lives, whether running from src/ (tsx, vitest) or dist/. */
export function packageRoot(): string {
  return resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
}

export function lexiconPath(...parts: string[]): string {
  return join(packageRoot(), 'lexicon', ...parts);
}
