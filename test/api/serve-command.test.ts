import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerServeCommand } from '../../src/cli/commands/serve.js';
import { apiFixture, bearer, type ApiFixture } from './fixtures.js';

let f: ApiFixture;
beforeAll(async () => { f = await apiFixture(); }, 120_000);
afterAll(async () => { await f?.cleanup(); });

describe('marsad serve', () => {
  it('serves the store until interrupted, with public reads when asked', async () => {
    const program = new Command().exitOverride();
    registerServeCommand(program);
    let err = '';
    const se = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => { err += String(c); return true; });
    try {
      const done = program.parseAsync(['node', 'marsad', 'serve', '--port', '0', '--public-reads', '--no-web',
        '--store', f.storeConfig.kind === 'sqlite' ? f.storeConfig.path! : '', '--home', f.home]);
      let url: string | null = null;
      for (let i = 0; i < 200 && url === null; i++) {
        url = /serving (http:\/\/[^/\s]+)\//.exec(err)?.[1] ?? null;
        if (url === null) await new Promise((r) => setTimeout(r, 25));
      }
      expect(url, err).not.toBeNull();
      const incidents = await fetch(`${url}/api/incidents?limit=2`);
      expect(incidents.status).toBe(200);
      expect(((await incidents.json()) as { items: unknown[] }).items).toHaveLength(2);
      const write = await fetch(`${url}/api/incidents/inc-01/confirm`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(write.status).toBe(401);
      const keyed = await fetch(`${url}/api/me`, { headers: bearer(f.keys.admin) });
      expect(await keyed.json()).toEqual({ user: 'ada', role: 'admin', party: null });
      process.emit('SIGINT');
      await done;
      expect(err).toContain('stopping');
      await expect(fetch(`${url}/api/health`)).rejects.toThrow();
    } finally {
      se.mockRestore();
    }
  }, 30_000);
});
