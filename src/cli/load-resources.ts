import { existsSync } from 'node:fs';
import { gazetteerDir } from '../config/home.js';
import { loadResources, type LoadOptions, type PipelineResources } from '../pipeline.js';
import { CliError } from './errors.js';

/** Pipeline resources, with the missing-gazetteer case turned into advice the user can follow. */
export function loadResourcesForCli(opts: LoadOptions): PipelineResources {
  const dir = opts.gazetteerDir ?? gazetteerDir();
  if (!existsSync(dir)) {
    throw new CliError(
      `no gazetteer index at ${dir}: run "marsad data import <folder with wof-sy/ and cod-ab-sy/>" first ` +
        `(or pass --gazetteer <dir>)`,
    );
  }
  try {
    return loadResources({ ...opts, gazetteerDir: dir });
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err));
  }
}
