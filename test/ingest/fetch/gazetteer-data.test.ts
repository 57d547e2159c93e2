import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchGazetteerData, pickShapefileResource, type GazetteerDataOptions } from '../../../src/ingest/fetch/gazetteer-data.js';
import type { FetchPolicy } from '../../../src/ingest/sources/types.js';
import { startServer, type LocalServer } from './helpers/local-server.js';
import { codAbEntries, codAbZip, hasSharedData, warnIfMissing, wofFile } from './helpers/shared-data.js';
import { buildZip } from './helpers/zip-writer.js';

warnIfMissing('gazetteer data download tests');

const policy: FetchPolicy = { allowPrivate: true, timeoutMs: 20_000, maxBytes: 20 * 1024 * 1024, maxRedirects: 5, userAgent: 'marsad-test' };

function sha256(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

describe.skipIf(!hasSharedData)('fetchGazetteerData against a local server', () => {
  let server: LocalServer;
  let wof: Buffer;
  let zip: Buffer;
  const homes: string[] = [];
  const newHome = (): string => {
    const h = mkdtempSync(join(tmpdir(), 'marsad-datafetch-'));
    homes.push(h);
    return h;
  };
  const run = (home: string, over: GazetteerDataOptions['origins'], p: FetchPolicy = policy) =>
    fetchGazetteerData({ home, policy: p, origins: { wof: { url: server.url('/wof.geojsonl.gz') }, 'cod-ab': { url: server.url('/cod-ab.zip') }, ...over } });

  beforeAll(async () => {
    wof = readFileSync(wofFile);
    zip = codAbZip();
    const serve = (body: Buffer, type: string) => (_req: unknown, res: import('node:http').ServerResponse) => {
      res.setHeader('content-type', type);
      res.setHeader('content-length', String(body.length));
      res.end(body);
    };
    server = await startServer({
      '/wof.geojsonl.gz': serve(wof, 'application/gzip'),
      '/cod-ab.zip': serve(zip, 'application/zip'),
      '/api/3/action/package_show': (_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            success: true,
            result: {
              resources: [
                { name: 'syr_admin_boundaries.pdf', format: 'PDF', url: server.url('/map.pdf') },
                { name: 'syr_admin_boundaries.shp.zip', format: 'SHP', url: server.url('/cod-ab.zip') },
              ],
            },
          }),
        );
      },
      '/evil.zip': serve(buildZip([...codAbEntries(''), { name: '../../escaped.shp', data: Buffer.from('x') }]), 'application/zip'),
      '/partial.zip': serve(buildZip(codAbEntries('', (n) => !n.startsWith('syr_admin3'))), 'application/zip'),
      '/badcrc.zip': serve(buildZip(codAbEntries('').map((e) => (e.name === 'syr_admin1.dbf' ? { ...e, badCrc: true } : e))), 'application/zip'),
      '/truncated.gz': serve(wof.subarray(0, Math.floor(wof.length / 2)), 'application/gzip'),
      '/SY.zip': serve(
        buildZip([
          // Random ids keep the archive above the "too small to be the dataset" floor.
          { name: 'SY.txt', data: Buffer.from(`163345\tIdlib\tIdlib\t\t35.93062\t36.63393\tP\tPPLA\tSY\n${randomBytes(12_000).toString('hex')}\n`) },
          { name: 'readme.txt', data: Buffer.from('GeoNames readme') },
        ]),
        'application/zip',
      ),
      // A server that ignores "Accept-Encoding: identity" and gzips in transit: the client
      // unpacks it, and the fetch must store a .gz again.
      '/wof-transport-gzip': (_req, res) => {
        res.setHeader('content-type', 'application/geo+json-seq');
        res.setHeader('content-encoding', 'gzip');
        res.end(wof);
      },
      '/error-page': serve(Buffer.from(`<html><body>${'Service temporarily unavailable. '.repeat(5000)}</body></html>`), 'text/html'),
    });
  });

  afterAll(async () => {
    await server.close();
    for (const h of homes) rmSync(h, { recursive: true, force: true });
  });

  it('downloads, verifies and lays out both datasets (COD-AB through an HDX dataset description)', async () => {
    const home = newHome();
    const summary = await run(home, { 'cod-ab': { url: server.url('/api/3/action/package_show?id=cod-ab-syr') } });
    expect(summary.folder).toBe(join(home, 'data'));
    const [w, c] = summary.datasets;
    expect(w!.sha256).toBe(sha256(wof));
    expect(w!.bytes).toBe(wof.length);
    expect(c!.fileUrl).toBe(server.url('/cod-ab.zip'));
    expect(c!.sha256).toBe(sha256(zip));
    expect(readFileSync(join(home, 'data', 'wof-sy', 'whosonfirst-data-admin-sy.geojsonl.gz')).equals(wof)).toBe(true);
    const cod = readdirSync(join(home, 'data', 'cod-ab-sy')).sort();
    expect(cod).toContain('syr_admin3.shp');
    expect(cod).toContain('syr_adminpoints.dbf');
    expect(cod).not.toContain('README.txt'); // only the expected files are extracted
    expect(cod.length).toBe(30);
    expect(readFileSync(join(home, 'data', 'cod-ab-sy', 'syr_admin3.dbf')).equals(codAbEntries('').find((e) => e.name === 'syr_admin3.dbf')!.data)).toBe(true);
    const manifest = JSON.parse(readFileSync(join(home, 'data', 'sources.json'), 'utf8'));
    expect(manifest.datasets.map((d: { origin: string }) => d.origin)).toEqual(['wof', 'cod-ab']);
    // No staging folder or partial file is left behind.
    expect(readdirSync(join(home, 'data')).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('checks a pinned SHA-256 and keeps the previous data when verification fails', async () => {
    const home = newHome();
    await run(home, { wof: { url: server.url('/wof.geojsonl.gz'), sha256: sha256(wof) } });
    const before = readFileSync(join(home, 'data', 'wof-sy', 'whosonfirst-data-admin-sy.geojsonl.gz'));
    await expect(run(home, { wof: { url: server.url('/wof.geojsonl.gz'), sha256: '0'.repeat(64) } })).rejects.toThrow(
      /Who's On First Syria: .* has SHA-256 [0-9a-f]{64}, not the expected 0{64}/,
    );
    expect(readFileSync(join(home, 'data', 'wof-sy', 'whosonfirst-data-admin-sy.geojsonl.gz')).equals(before)).toBe(true);
    expect(existsSync(join(home, 'data', 'cod-ab-sy', 'syr_admin1.shp'))).toBe(true);
  });

  it('refuses a zip with a path-traversal entry and writes nothing outside', async () => {
    const home = newHome();
    await expect(run(home, { 'cod-ab': { url: server.url('/evil.zip') } })).rejects.toThrow(/OCHA COD-AB Syria: .*refused: .*\.\.\/\.\.\/escaped\.shp/);
    expect(existsSync(join(home, 'escaped.shp'))).toBe(false);
    expect(existsSync(join(home, 'data', 'cod-ab-sy'))).toBe(false);
  });

  it('names the shapefiles an archive lacks', async () => {
    await expect(run(newHome(), { 'cod-ab': { url: server.url('/partial.zip') } })).rejects.toThrow(/the archive lacks syr_admin3\.shp, syr_admin3\.dbf/);
  });

  it('detects a corrupt archive entry by its CRC', async () => {
    await expect(run(newHome(), { 'cod-ab': { url: server.url('/badcrc.zip') } })).rejects.toThrow(/syr_admin1\.dbf: CRC-32 mismatch/);
  });

  it('stores a .gz even when the server unpacked it in transit', async () => {
    const home = newHome();
    await run(home, { wof: { url: server.url('/wof-transport-gzip') } });
    const stored = readFileSync(join(home, 'data', 'wof-sy', 'whosonfirst-data-admin-sy.geojsonl.gz'));
    expect(stored.subarray(0, 2).equals(Buffer.from([0x1f, 0x8b]))).toBe(true);
    expect(gunzipSync(stored).equals(gunzipSync(wof))).toBe(true);
  });

  it('detects a truncated gzip and an error page instead of data', async () => {
    await expect(run(newHome(), { wof: { url: server.url('/truncated.gz') } })).rejects.toThrow(/Who's On First Syria: corrupt gzip data/);
    await expect(run(newHome(), { wof: { url: server.url('/error-page') } })).rejects.toThrow(/Who's On First Syria: the download is not gzip data/);
  });

  it('fetches GeoNames when its URL is given', async () => {
    const home = newHome();
    const summary = await run(home, { geonames: { url: server.url('/SY.zip') } });
    expect(summary.datasets.map((d) => d.origin)).toEqual(['wof', 'cod-ab', 'geonames']);
    expect(readdirSync(join(home, 'data', 'geonames')).sort()).toEqual(['SY.txt', 'readme.txt']);
    expect(readFileSync(join(home, 'data', 'geonames', 'SY.txt'), 'utf8')).toMatch(/^163345\tIdlib/);
  });

  it('refuses the local server without allowPrivate', async () => {
    const home = newHome();
    await expect(run(home, {}, { ...policy, allowPrivate: false })).rejects.toThrow(
      `Who's On First Syria: ${server.url('/wof.geojsonl.gz')}: refused: 127.0.0.1 is a loopback address (set allowPrivate to fetch it)`,
    );
    expect(existsSync(join(home, 'data', 'wof-sy'))).toBe(false);
  });
});

describe('pickShapefileResource', () => {
  it('picks the zipped shapefile among HDX resources', () => {
    const desc = {
      result: {
        resources: [
          { name: 'syr_adm_gazetteer.xlsx', format: 'XLSX', url: 'https://hdx.example/gaz.xlsx' },
          { name: 'syr_admin_boundaries.geojson.zip', format: 'GeoJSON', url: 'https://hdx.example/geo.zip' },
          { name: 'syr_admin_boundaries.shp.zip', format: 'SHP', url: 'https://hdx.example/shp.zip' },
        ],
      },
    };
    expect(pickShapefileResource(desc)).toBe('https://hdx.example/shp.zip');
    expect(pickShapefileResource({ result: { resources: [] } })).toBeNull();
    expect(pickShapefileResource('nonsense')).toBeNull();
  });
});
