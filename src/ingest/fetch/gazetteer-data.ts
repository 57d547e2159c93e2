import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { megabytes } from '../gunzip.js';
import type { FetchPolicy } from '../sources/types.js';
import {
  COD_AB_LAYERS,
  COD_AB_OPTIONAL_EXTENSIONS,
  COD_AB_REQUIRED_EXTENSIONS,
  DATA_LAYOUT,
  DEFAULT_DATA_ORIGINS,
  type DataOrigin,
  type DataOriginId,
} from './data-origins.js';
import { downloadToFile, type DownloadResult } from './download.js';
import type { HostResolver } from './resolve-host.js';
import { extractZip, ZipError } from './unzip.js';

/**
 * Download, verify and lay out the gazetteer's source data under MARSAD_HOME/data, in the
 * layout `marsad data import` reads (wof-sy/, cod-ab-sy/, geonames/). Everything is fetched
 * into a staging folder first and moved into place only when every dataset verified, so a
 * failed or interrupted fetch leaves the previous data as it was. Importing is the caller's
 * job (the gazetteer is a later stage than ingest).
 */

export interface GazetteerDataOptions {
  home: string;
  /** The fetch policy (private addresses, redirects); its size limit is raised per dataset. */
  policy: FetchPolicy;
  /** URL / SHA-256 overrides per dataset. */
  origins?: Partial<Record<DataOriginId, { url?: string; sha256?: string }>>;
  /** Fetch GeoNames too (also implied by a GeoNames URL override). */
  geonames?: boolean;
  signal?: AbortSignal;
  resolver?: HostResolver;
  onProgress?: (e: DataFetchProgress) => void;
}

export interface DataFetchProgress {
  origin: DataOriginId;
  stage: 'download' | 'verify' | 'extract';
  bytes: number;
  total: number | null;
}

export interface FetchedDataset {
  origin: DataOriginId;
  label: string;
  /** The URL given, and the file's own URL when the given one described a dataset (HDX). */
  url: string;
  fileUrl: string;
  bytes: number;
  sha256: string;
  /** Files written, relative to the data folder. */
  files: string[];
}

export interface GazetteerDataSummary {
  /** MARSAD_HOME/data: pass to importGazetteer. */
  folder: string;
  datasets: FetchedDataset[];
}

export class DataFetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataFetchError';
  }
}

/** Largest single file taken out of a zip, and all of them together. */
const MAX_ENTRY_BYTES = 1024 * 1024 * 1024;
const MAX_EXTRACTED_BYTES = 2 * 1024 * 1024 * 1024;
/** Who's On First Syria inflates to tens of MB; past this it is not that file. */
const MAX_WOF_INFLATED_BYTES = 4 * 1024 * 1024 * 1024;
/** A dataset description (HDX CKAN JSON) larger than this is not one. */
const MAX_DESCRIPTION_BYTES = 5 * 1024 * 1024;
/** Downloads are big and slow links exist: the whole-request deadline is longer than for feeds. */
const DOWNLOAD_TIMEOUT_MS = 30 * 60 * 1000;

function originOf(id: DataOriginId, opts: GazetteerDataOptions): DataOrigin {
  const o = { ...DEFAULT_DATA_ORIGINS[id] };
  const over = opts.origins?.[id];
  if (over?.url) o.url = over.url;
  if (over?.sha256) o.sha256 = over.sha256.toLowerCase();
  return o;
}

async function fetchFile(origin: DataOrigin, url: string, dest: string, opts: GazetteerDataOptions): Promise<DownloadResult> {
  const policy: FetchPolicy = { ...opts.policy, maxBytes: origin.maxBytes, timeoutMs: Math.max(opts.policy.timeoutMs, DOWNLOAD_TIMEOUT_MS) };
  try {
    return await downloadToFile(url, dest, policy, {
      signal: opts.signal,
      resolver: opts.resolver,
      onProgress: (bytes, total) => opts.onProgress?.({ origin: origin.id, stage: 'download', bytes, total }),
    });
  } catch (err) {
    throw new DataFetchError(`${origin.label}: ${(err as Error).message}`);
  }
}

function checkDownload(origin: DataOrigin, d: DownloadResult): void {
  if (d.bytes < origin.minBytes) {
    throw new DataFetchError(`${origin.label}: ${d.url} gave ${d.bytes} bytes, too small to be the dataset (at least ${origin.minBytes} expected; an error page?)`);
  }
  if (origin.sha256 && origin.sha256 !== d.sha256) {
    throw new DataFetchError(`${origin.label}: ${d.url} has SHA-256 ${d.sha256}, not the expected ${origin.sha256}`);
  }
}

async function firstBytes(path: string, n: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/**
 * The whole gzip stream inflates without error (its CRC and length trailer are checked by
 * zlib at the end), stays under a ceiling, and its first line is a GeoJSON Feature.
 */
async function verifyWof(origin: DataOrigin, path: string, opts: GazetteerDataOptions): Promise<void> {
  let magic = await firstBytes(path, 2);
  if (magic[0] === 0x7b) {
    // Plain GeoJSON lines (a mirror that stores it uncompressed, or a server that unpacked it
    // in transit): compressed here so the folder has the layout the importer expects.
    const gz = `${path}.gz.part`;
    await pipeline(createReadStream(path), createGzip(), createWriteStream(gz));
    await rename(gz, path);
    magic = await firstBytes(path, 2);
  }
  if (magic[0] !== 0x1f || magic[1] !== 0x8b) throw new DataFetchError(`${origin.label}: the download is not gzip data (expected ${DATA_LAYOUT.wofFile})`);
  let inflated = 0;
  let head = '';
  let lines = 0;
  try {
    const gunzip = createReadStream(path).pipe(createGunzip());
    for await (const chunk of gunzip) {
      const b = chunk as Buffer;
      inflated += b.length;
      if (inflated > MAX_WOF_INFLATED_BYTES) {
        gunzip.destroy();
        throw new DataFetchError(`${origin.label}: inflates past ${megabytes(MAX_WOF_INFLATED_BYTES)}; refused`);
      }
      if (head.length < 1 << 20 && !head.includes('\n')) head += b.toString('utf8', 0, Math.min(b.length, 1 << 20));
      for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) lines++;
      opts.onProgress?.({ origin: origin.id, stage: 'verify', bytes: inflated, total: null });
    }
  } catch (err) {
    if (err instanceof DataFetchError) throw err;
    throw new DataFetchError(`${origin.label}: corrupt gzip data (${(err as Error).message})`);
  }
  const firstLine = head.split('\n', 1)[0] ?? '';
  let feature: unknown;
  try {
    feature = JSON.parse(firstLine);
  } catch {
    throw new DataFetchError(`${origin.label}: the first line is not JSON (expected one GeoJSON feature per line)`);
  }
  if ((feature as { type?: unknown })?.type !== 'Feature') {
    throw new DataFetchError(`${origin.label}: the first line is not a GeoJSON Feature (expected one per line)`);
  }
  if (lines < 10) throw new DataFetchError(`${origin.label}: only ${lines} lines; not the Syria dataset`);
}

interface CkanResource {
  name?: unknown;
  url?: unknown;
  format?: unknown;
}

/**
 * The shapefile zip among an HDX (CKAN package_show) dataset's resources: the one that says
 * it is a shapefile and a zip, admin boundaries preferred.
 */
export function pickShapefileResource(description: unknown): string | null {
  const resources = (description as { result?: { resources?: unknown } })?.result?.resources;
  if (!Array.isArray(resources)) return null;
  let best: { url: string; score: number } | null = null;
  for (const r of resources as CkanResource[]) {
    const url = typeof r.url === 'string' ? r.url : '';
    if (!url) continue;
    const name = typeof r.name === 'string' ? r.name.toLowerCase() : '';
    const format = typeof r.format === 'string' ? r.format.toLowerCase() : '';
    const path = (() => {
      try {
        return new URL(url).pathname.toLowerCase();
      } catch {
        return '';
      }
    })();
    const isZip = path.endsWith('.zip') || name.endsWith('.zip') || format.includes('zip');
    const isShp = /shp|shapefile/.test(format) || /shp|shapefile/.test(name) || /shp/.test(path);
    if (!isZip || !isShp) continue;
    const score = (/admin|adm/.test(name) || /admin|adm/.test(path) ? 2 : 0) + (/bound|bnda/.test(name + path) ? 1 : 0);
    if (!best || score > best.score) best = { url, score };
  }
  return best?.url ?? null;
}

function codAbWanted(name: string): boolean {
  const lower = name.toLowerCase();
  return COD_AB_LAYERS.some((layer) => [...COD_AB_REQUIRED_EXTENSIONS, ...COD_AB_OPTIONAL_EXTENSIONS].some((ext) => lower === `${layer}${ext}`));
}

async function fetchCodAb(origin: DataOrigin, staging: string, opts: GazetteerDataOptions): Promise<FetchedDataset> {
  const first = await fetchFile(origin, origin.url, join(staging, 'cod-ab.download'), opts);
  let zip = first;
  const head = (await firstBytes(first.path, 4)).toString('latin1');
  if (!head.startsWith('PK')) {
    // Not a zip: a dataset description naming the zip (the HDX default), or an error page.
    if (first.bytes > MAX_DESCRIPTION_BYTES || !(first.contentType?.includes('json') || head.trimStart().startsWith('{'))) {
      throw new DataFetchError(`${origin.label}: ${origin.url} is neither a zip archive nor an HDX dataset description`);
    }
    let description: unknown;
    try {
      description = JSON.parse(await readFile(first.path, 'utf8'));
    } catch (err) {
      throw new DataFetchError(`${origin.label}: ${origin.url}: invalid JSON (${(err as Error).message})`);
    }
    const zipUrl = pickShapefileResource(description);
    if (!zipUrl) throw new DataFetchError(`${origin.label}: ${origin.url} lists no zipped shapefile resource`);
    await rm(first.path, { force: true });
    zip = await fetchFile(origin, zipUrl, join(staging, 'cod-ab.zip'), opts);
    if (!(await firstBytes(zip.path, 2)).toString('latin1').startsWith('PK')) {
      throw new DataFetchError(`${origin.label}: ${zipUrl} is not a zip archive`);
    }
  }
  checkDownload(origin, zip);
  const dir = join(staging, DATA_LAYOUT.codAbDir);
  await mkdir(dir, { recursive: true });
  opts.onProgress?.({ origin: origin.id, stage: 'extract', bytes: 0, total: null });
  let names: string[];
  try {
    names = await extractZip(zip.path, dir, { want: codAbWanted, maxEntryBytes: MAX_ENTRY_BYTES, maxTotalBytes: MAX_EXTRACTED_BYTES });
  } catch (err) {
    throw new DataFetchError(`${origin.label}: ${err instanceof ZipError ? err.message : (err as Error).message}`);
  }
  const have = new Set(names.map((n) => n.toLowerCase()));
  const missing = COD_AB_LAYERS.flatMap((l) => COD_AB_REQUIRED_EXTENSIONS.map((e) => `${l}${e}`)).filter((f) => !have.has(f));
  if (missing.length > 0) {
    throw new DataFetchError(`${origin.label}: the archive lacks ${missing.join(', ')} (expected the COD-AB Syria admin0–3, points and capitals shapefiles)`);
  }
  await rm(zip.path, { force: true });
  return {
    origin: origin.id,
    label: origin.label,
    url: origin.url,
    fileUrl: zip.url,
    bytes: zip.bytes,
    sha256: zip.sha256,
    files: names.sort().map((n) => `${DATA_LAYOUT.codAbDir}/${n}`),
  };
}

async function fetchWof(origin: DataOrigin, staging: string, opts: GazetteerDataOptions): Promise<FetchedDataset> {
  const dir = join(staging, DATA_LAYOUT.wofDir);
  await mkdir(dir, { recursive: true });
  const d = await fetchFile(origin, origin.url, join(dir, DATA_LAYOUT.wofFile), opts);
  checkDownload(origin, d);
  await verifyWof(origin, d.path, opts);
  return { origin: 'wof', label: origin.label, url: origin.url, fileUrl: d.url, bytes: d.bytes, sha256: d.sha256, files: [`${DATA_LAYOUT.wofDir}/${DATA_LAYOUT.wofFile}`] };
}

async function fetchGeonames(origin: DataOrigin, staging: string, opts: GazetteerDataOptions): Promise<FetchedDataset> {
  const dir = join(staging, DATA_LAYOUT.geonamesDir);
  await mkdir(dir, { recursive: true });
  const d = await fetchFile(origin, origin.url, join(staging, 'geonames.zip'), opts);
  checkDownload(origin, d);
  let names: string[];
  try {
    names = await extractZip(d.path, dir, { want: (n) => /^[A-Z]{2}\.txt$|^readme\.txt$/i.test(n), maxEntryBytes: MAX_ENTRY_BYTES, maxTotalBytes: MAX_EXTRACTED_BYTES });
  } catch (err) {
    throw new DataFetchError(`${origin.label}: ${(err as Error).message}`);
  }
  if (!names.some((n) => /^[A-Z]{2}\.txt$/i.test(n) && n.toLowerCase() !== 'readme.txt')) {
    throw new DataFetchError(`${origin.label}: the archive has no country file (expected SY.txt)`);
  }
  await rm(d.path, { force: true });
  return { origin: 'geonames', label: origin.label, url: origin.url, fileUrl: d.url, bytes: d.bytes, sha256: d.sha256, files: names.sort().map((n) => `${DATA_LAYOUT.geonamesDir}/${n}`) };
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/** Replace data/<dir> with the staged one: the old copy is moved aside first and removed last. */
async function swapIn(dataDir: string, staging: string, dir: string): Promise<void> {
  const target = join(dataDir, dir);
  const old = join(dataDir, `.old-${dir}-${process.pid}`);
  const hadOld = await exists(target);
  if (hadOld) await rename(target, old);
  await rename(join(staging, dir), target);
  if (hadOld) await rm(old, { recursive: true, force: true });
}

export async function fetchGazetteerData(opts: GazetteerDataOptions): Promise<GazetteerDataSummary> {
  const dataDir = join(opts.home, 'data');
  const staging = join(dataDir, `.incoming-${process.pid}-${Date.now()}`);
  await mkdir(staging, { recursive: true });
  const wantGeonames = opts.geonames === true || opts.origins?.geonames?.url !== undefined;
  try {
    const datasets: FetchedDataset[] = [];
    datasets.push(await fetchWof(originOf('wof', opts), staging, opts));
    datasets.push(await fetchCodAb(originOf('cod-ab', opts), staging, opts));
    if (wantGeonames) datasets.push(await fetchGeonames(originOf('geonames', opts), staging, opts));

    await swapIn(dataDir, staging, DATA_LAYOUT.wofDir);
    await swapIn(dataDir, staging, DATA_LAYOUT.codAbDir);
    if (wantGeonames) await swapIn(dataDir, staging, DATA_LAYOUT.geonamesDir);
    const manifest = { fetched: new Date().toISOString(), datasets };
    await writeFile(join(dataDir, 'sources.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    return { folder: dataDir, datasets };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
