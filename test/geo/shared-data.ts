import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shared data the geo tests import from: ../shared/data next to the repository. */
export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const dataDir = join(resolve(repoRoot, '../shared'), 'data');
export const hasShared = existsSync(join(dataDir, 'wof-sy')) && existsSync(join(dataDir, 'cod-ab-sy'));

if (!hasShared) {
  console.warn(`\n*** geo data tests SKIPPED: ${dataDir} (wof-sy/, cod-ab-sy/) is missing ***\n`);
}
