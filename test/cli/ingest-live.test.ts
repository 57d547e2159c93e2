import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAARAT_AR, SARAQIB_AR, SARAQIB_EN } from '../store/ingest/reports.js';
import { announceShared, hasShared, importedHome, repoRoot, TEST_WORD_CACHE, type ImportedHome } from '../support/shared.js';

/**
 * `marsad ingest` on sources that do not end: a watched folder and a followed feed (served on
 * loopback, allowed with --allow-private). A signal makes the command finish what it holds,
 * print its summary and exit 0.
 */

const run = announceShared('ingest --watch / --feed / --follow');

function rss(items: { guid: string; title: string; text: string }[]): string {
  const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test Wire</title><link>http://wire.test/</link><language>ar</language>
${items.map((i) => `<item><guid>${i.guid}</guid><title>${esc(i.title)}</title><link>http://wire.test/${i.guid}</link>
<pubDate>Tue, 04 Jun 2019 10:00:00 GMT</pubDate><description>${esc(i.text)}</description></item>`).join('\n')}
</channel></rss>`;
}

function page(text: string): string {
  const [title, ...rest] = text.split('\n');
  const paras = rest.filter((l) => l.trim() !== '').map((l) => `<p>${l}</p>`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<meta property="og:site_name" content="Test Wire"></head><body><nav><a href="/">Home</a></nav>
<article><h1>${title}</h1>${paras}</article><footer>© Test Wire</footer></body></html>`;
}

describe.skipIf(!hasShared || !run)('marsad ingest on live sources', () => {
  let home: ImportedHome;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let server: Server;
  let feedUrl = '';
  let feedBody = '';
  let n = 0;

  beforeAll(async () => {
    home = await importedHome();
    dir = mkdtempSync(join(tmpdir(), 'marsad-cli-live-'));
    env = { ...process.env, MARSAD_HOME: home.home, FORCE_COLOR: '0' };
    delete env['MARSAD_STORE'];
    delete env['MARSAD_ALLOW_PRIVATE_FETCH'];
    if (existsSync(TEST_WORD_CACHE)) cpSync(TEST_WORD_CACHE, join(home.home, 'cache'), { recursive: true });
    server = createServer((req, res) => {
      if (req.url === '/feed.xml') {
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
        res.end(feedBody);
      } else if (req.url === '/2019/06/04/saraqib.html') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(page(SARAQIB_EN));
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
    home?.cleanup();
  });

  const cliArgs = (cmd: string[]): string[] => ['--import', 'tsx', join(repoRoot, 'src/cli/main.ts'), ...cmd];

  function documentsIn(path: string): number {
    try {
      const db = new Database(path, { readonly: true, fileMustExist: true });
      try {
        return (db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
      } finally {
        db.close();
      }
    } catch {
      return 0;
    }
  }

  async function until(what: string, test: () => boolean, ms = 60_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!test()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(50);
    }
  }

  /** Run a command to its end without blocking this process (it serves the feed). */
  function runCli(cmd: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
    const child = spawn(process.execPath, cliArgs(cmd), { cwd: repoRoot, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    return new Promise((resolve) => child.once('close', (status) => resolve({ status, stdout, stderr })));
  }

  /** Start a long-running ingest; `stop` sends the signal and resolves with its exit and output. */
  function start(cmd: string[]): { stop: (signal: NodeJS.Signals) => Promise<{ code: number | null; stdout: string; stderr: string }> } {
    const child = spawn(process.execPath, cliArgs(cmd), { cwd: repoRoot, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return {
      stop: async (signal) => {
        child.kill(signal);
        const code = await exited;
        return { code, stdout, stderr };
      },
    };
  }

  it('--watch ingests files as they appear and stops cleanly on SIGTERM', async () => {
    const watched = join(dir, `watched-${++n}`);
    mkdirSync(watched);
    writeFileSync(join(watched, '01.txt'), SARAQIB_AR);
    const store = join(dir, `store-${++n}.db`);
    const ingest = start(['ingest', '--watch', watched, '--store', store, '--no-progress']);
    await until('the file already there', () => documentsIn(store) === 1);
    writeFileSync(join(watched, '02.txt'), SARAQIB_EN);
    await until('the new file', () => documentsIn(store) === 2);
    const { code, stdout } = await ingest.stop('SIGTERM');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ingest stopped in/m);
    expect(stdout).toMatch(/^\s+added\s+2$/m);
    expect(stdout).toMatch(/^store \(sqlite\): 2 documents, \d+ events, 1 incidents/m);
  });

  it('feeds and page URLs: loopback refused unless --allow-private; --follow polls until SIGINT', async () => {
    feedBody = rss([{ guid: 'a1', title: 'غارات روسية على سراقب', text: SARAQIB_AR }]);
    const refused = join(dir, `store-${++n}.db`);
    const r = await runCli(['ingest', '--feed', feedUrl, '--store', refused]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/127\.0\.0\.1/);
    expect(documentsIn(refused)).toBe(0);

    const once = join(dir, `store-${++n}.db`);
    const ok = await runCli(['ingest', '--feed', feedUrl, '--allow-private', '--store', once]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^\s+added\s+1$/m);

    // A page URL as an input, beside a feed.
    const pageUrl = feedUrl.replace('/feed.xml', '/2019/06/04/saraqib.html');
    const both = join(dir, `store-${++n}.db`);
    const mixed = await runCli(['ingest', pageUrl, '--feed', feedUrl, '--allow-private', '--store', both, '--list']);
    expect(mixed.status, mixed.stderr).toBe(0);
    expect(mixed.stdout).toMatch(/^\s+added\s+2$/m);
    expect(mixed.stdout).toContain(`\t${pageUrl}`);

    const sources = join(dir, 'sources.yaml');
    writeFileSync(sources, `sources:\n  - name: Test Wire\n    url: ${feedUrl}\n    language: ar\n    interval: 1s\n`);
    const followed = join(dir, `store-${++n}.db`);
    const follow = start(['ingest', '--sources', sources, '--follow', '--allow-private', '--store', followed, '--no-progress']);
    await until('the first poll', () => documentsIn(followed) === 1);
    // A later poll finds the item the feed gained meanwhile.
    feedBody = rss([
      { guid: 'a2', title: 'غارات روسية على معرة النعمان', text: MAARAT_AR },
      { guid: 'a1', title: 'غارات روسية على سراقب', text: SARAQIB_AR },
    ]);
    await until('a later poll', () => documentsIn(followed) === 2);
    const { code, stdout, stderr } = await follow.stop('SIGINT');
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^ingest stopped in/m);
    expect(stdout).toMatch(/^\s+added\s+2$/m);
    expect(stdout).toMatch(/^store \(sqlite\): 2 documents/m);
  });
});
