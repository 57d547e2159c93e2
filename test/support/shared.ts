import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gazetteerDir } from '../../src/config/home.js';
import { importGazetteer } from '../../src/geo/import/index.js';
import { loadResources, type PipelineResources } from '../../src/pipeline.js';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const sharedDir = resolve(repoRoot, '../shared');
export const hasShared = existsSync(join(sharedDir, 'data', 'wof-sy')) && existsSync(join(sharedDir, 'eval'));

/** Compiling the Arabic word list takes seconds: test files share one cache in the temp folder. */
export const TEST_WORD_CACHE = join(tmpdir(), 'marsad-test-cache');

/**
 * Suites that need ../shared say so loudly when it is missing, and fail instead in CI, where it
 * always exists: a skipped suite there would hide a broken set-up.
 */
export function announceShared(suite: string): boolean {
  if (hasShared) return true;
  const msg = `${suite}: SKIPPED — ${sharedDir} (data/wof-sy, eval/) is missing`;
  if (process.env['CI'] === 'true') throw new Error(`${msg}; CI must have it`);
  console.warn(`\n*** ${msg} ***\n`);
  return false;
}

export interface ImportedHome {
  home: string;
  resources: PipelineResources;
  cleanup(): void;
}

/** A temporary MARSAD_HOME with the gazetteer imported from ../shared/data, and resources loaded. */
export async function importedHome(): Promise<ImportedHome> {
  const home = mkdtempSync(join(tmpdir(), 'marsad-test-home-'));
  await importGazetteer(join(sharedDir, 'data'), home);
  const resources = loadResources({ gazetteerDir: gazetteerDir(home), wordCacheDir: TEST_WORD_CACHE });
  return { home, resources, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}
