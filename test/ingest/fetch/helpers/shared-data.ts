import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildZip, type ZipEntryInput } from './zip-writer.js';

/** ../shared/data beside the repository: the originals the download tests serve. */
export const repoRoot = resolve(fileURLToPath(new URL('../../../..', import.meta.url)));
export const sharedData = join(resolve(repoRoot, '../shared'), 'data');
export const wofFile = join(sharedData, 'wof-sy', 'whosonfirst-data-admin-sy.geojsonl.gz');
export const codAbDir = join(sharedData, 'cod-ab-sy');
export const hasSharedData = existsSync(wofFile) && existsSync(codAbDir);

export function warnIfMissing(suite: string): void {
  if (!hasSharedData) console.warn(`\n*** ${suite}: SKIPPED — ${sharedData} (wof-sy/, cod-ab-sy/) is missing ***\n`);
}

/** The COD-AB shapefiles as zip entries under `folder/` (HDX zips nest them in a folder). */
export function codAbEntries(folder = 'syr_admin_shp', filter: (name: string) => boolean = () => true): ZipEntryInput[] {
  return readdirSync(codAbDir)
    .filter(filter)
    .sort()
    .map((name) => ({ name: folder ? `${folder}/${name}` : name, data: readFileSync(join(codAbDir, name)) }));
}

export function codAbZip(folder = 'syr_admin_shp'): Buffer {
  return buildZip([...codAbEntries(folder), { name: `${folder}/README.txt`, data: Buffer.from('not extracted') }]);
}
