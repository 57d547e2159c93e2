import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';
import type { StoreConfig } from '../../src/store/open-store.js';
import { repoRoot, sharedDir, TEST_WORD_CACHE } from '../support/shared.js';

/**
 * What the dashboard's browser tests (and the screenshot script) stand on: the demo store in a
 * temporary home, the bundle built by Vite, and the real API server serving both.
 */

export const WEB_ROOT = join(repoRoot, 'dist', 'web');
export const CHROMIUM = process.env['MARSAD_CHROMIUM'] ?? '/usr/bin/chromium';

/** Builds the dashboard bundle into dist/web (Vite, about a second). */
export async function buildDashboard(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: join(repoRoot, 'src', 'web', 'vite.config.ts'), logLevel: 'warn' });
}

export interface DashboardEnv {
  home: string;
  storeConfig: StoreConfig;
  url: string;
  close(): Promise<void>;
}

/**
 * The demo store, built as `marsad demo --no-serve --home DIR` builds it (the synthetic reports of
 * examples/demo, the Idlib agreement, the monitor), in a temporary home with the gazetteer
 * imported from ../shared/data; then the real server on a free loopback port.
 */
export async function startDashboardEnv(opts: { build?: boolean } = {}): Promise<DashboardEnv> {
  if (opts.build !== false || !existsSync(join(WEB_ROOT, 'index.html'))) await buildDashboard();
  const home = mkdtempSync(join(tmpdir(), 'marsad-web-home-'));
  // An empty "user home", so nothing of the developer's own MARSAD_HOME is read.
  const userHome = mkdtempSync(join(tmpdir(), 'marsad-web-user-'));
  const saved = process.env['MARSAD_HOME'];
  process.env['MARSAD_HOME'] = userHome;
  const cleanup = (): void => {
    if (saved === undefined) delete process.env['MARSAD_HOME']; else process.env['MARSAD_HOME'] = saved;
    rmSync(home, { recursive: true, force: true });
    rmSync(userHome, { recursive: true, force: true });
  };
  try {
    const { buildDemoStore } = await import('../../src/demo/build-demo-store.js');
    const demo = await buildDemoStore({ home, userHome, dataDir: join(sharedDir, 'data'), wordCacheDir: TEST_WORD_CACHE });
    const { startServer } = await import('../../src/api/server.js');
    const server = await startServer({ storeConfig: demo.storeConfig, home, publicReads: true, webRoot: WEB_ROOT, port: 0, host: '127.0.0.1' });
    return {
      home,
      storeConfig: demo.storeConfig,
      url: server.url,
      async close() {
        await server.close();
        cleanup();
      },
    };
  } catch (err) {
    cleanup();
    throw err;
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--lang=en-GB'] });
}

/** Collects everything the page reports as an error: console errors and uncaught exceptions. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}

/** A key for a new user of this role, made through the access module as `marsad keys create` does. */
export async function createKey(storeConfig: StoreConfig, user: string, role: 'viewer' | 'analyst' | 'admin'): Promise<string> {
  const [{ openMonitorDb }, { AccessRepo }] = await Promise.all([
    import('../../src/monitor/alerts/monitor-db.js'),
    import('../../src/api/access/access-repo.js'),
  ]);
  const db = openMonitorDb(storeConfig);
  try {
    const access = await AccessRepo.open(db);
    await access.addUser(user, role, null, 'test');
    return (await access.createKey(user, 'browser test', 'test')).key;
  } finally {
    await db.close();
  }
}
