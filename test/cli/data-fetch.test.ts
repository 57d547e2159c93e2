import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerDataFetch } from '../../src/cli/commands/data-fetch.js';
import { CliError } from '../../src/cli/errors.js';
import { gazetteerDir } from '../../src/config/home.js';
import { startServer, type LocalServer } from '../ingest/fetch/helpers/local-server.js';
import { codAbZip, hasSharedData, warnIfMissing, wofFile } from '../ingest/fetch/helpers/shared-data.js';

/**
 * `marsad data fetch` end to end against a local HTTP server: Who's On First served as is from
 * ../shared/data, the COD-AB shapefiles zipped in the test (as HDX ships them, in a folder).
 */

warnIfMissing('marsad data fetch tests');

function program(): Command {
  const p = new Command().exitOverride();
  const data = p.command('data');
  registerDataFetch(data);
  return p;
}

async function runCli(args: string[]): Promise<string> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await program().parseAsync(['node', 'marsad', 'data', 'fetch', ...args]);
  } finally {
    spy.mockRestore();
  }
  return out;
}

describe.skipIf(!hasSharedData)('marsad data fetch', () => {
  let server: LocalServer;
  const home = mkdtempSync(join(tmpdir(), 'marsad-cli-fetch-'));
  const savedEnv = process.env['MARSAD_ALLOW_PRIVATE_FETCH'];

  beforeAll(async () => {
    delete process.env['MARSAD_ALLOW_PRIVATE_FETCH'];
    const wof = readFileSync(wofFile);
    const zip = codAbZip();
    server = await startServer({
      '/wof/whosonfirst-data-admin-sy.geojsonl.gz': (_req, res) => {
        res.setHeader('content-type', 'application/gzip');
        res.end(wof);
      },
      '/cod-ab/syr_admin_shp.zip': (_req, res) => {
        res.setHeader('content-type', 'application/zip');
        res.end(zip);
      },
    });
  });

  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
    if (savedEnv !== undefined) process.env['MARSAD_ALLOW_PRIVATE_FETCH'] = savedEnv;
  });

  const urls = (): string[] => [
    '--url-wof', server.url('/wof/whosonfirst-data-admin-sy.geojsonl.gz'),
    '--url-cod-ab', server.url('/cod-ab/syr_admin_shp.zip'),
  ];

  it('refuses the loopback server without --allow-private', async () => {
    const err = await runCli(['--home', home, '--no-progress', ...urls()]).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).message).toBe(
      `data fetch: Who's On First Syria: ${server.url('/wof/whosonfirst-data-admin-sy.geojsonl.gz')}: refused: 127.0.0.1 is a loopback address (set allowPrivate to fetch it)`,
    );
    expect(existsSync(join(home, 'data', 'wof-sy'))).toBe(false);
  });

  // The import builds the whole gazetteer index (10-20 s on a shared machine).
  it('downloads, verifies, stores and imports with --allow-private', { timeout: 180_000 }, async () => {
    const out = await runCli(['--home', home, '--no-progress', '--allow-private', ...urls()]);
    expect(out).toMatch(/data stored in .*data\n/);
    expect(out).toMatch(/Who's On First Syria .* sha256 [0-9a-f]{64}/);
    expect(out).toMatch(/gazetteer index written to /);
    expect(existsSync(join(home, 'data', 'cod-ab-sy', 'syr_admin3.shp'))).toBe(true);
    const meta = JSON.parse(readFileSync(join(gazetteerDir(home), 'meta.json'), 'utf8')) as { counts: Record<string, number>; sources: Record<string, string> };
    expect(meta.counts['admin1']).toBe(14);
    expect(meta.counts['admin3']).toBe(272);
    expect(meta.counts['locality']).toBeGreaterThan(10_000);
    expect(meta.sources['wof']).toBe(join(home, 'data', 'wof-sy', 'whosonfirst-data-admin-sy.geojsonl.gz'));
  });

  it('rejects a malformed --sha256 option', async () => {
    await expect(runCli(['--home', home, '--sha256-wof', 'xyz', ...urls()])).rejects.toThrow(/--sha256-wof must be 64 hex digits/);
  });
});
