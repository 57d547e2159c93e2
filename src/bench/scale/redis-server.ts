import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

const REDIS_SERVER = process.env['MARSAD_REDIS_SERVER'] ?? '/usr/bin/redis-server';

export function hasRedisServer(): boolean {
  return spawnSync(REDIS_SERVER, ['--version'], { encoding: 'utf8' }).status === 0;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForPing(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    r.on('error', () => undefined);
    try {
      await r.connect();
      if ((await r.ping()) === 'PONG') return;
    } catch {
      if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer within ${timeoutMs} ms`);
    } finally {
      r.disconnect();
    }
    await new Promise((res) => setTimeout(res, 50));
  }
}

/**
 * A throwaway redis-server (/usr/bin/redis-server, or MARSAD_REDIS_SERVER) on a free loopback
 * port, its data in a temporary folder with the append-only file on (fsync per write), so that
 * stop() and start() again — same port, same data — is a restart that keeps every job, as a
 * production Redis with persistence would. For the queue's tests and the scaling benchmark.
 */
export class ThrowawayRedis {
  readonly dir = mkdtempSync(join(tmpdir(), 'marsad-redis-'));
  port = 0;
  private proc: ChildProcess | null = null;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.proc !== null) return;
    if (this.port === 0) this.port = await freePort();
    this.proc = spawn(REDIS_SERVER, [
      '--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes', '--appendfsync', 'always',
      '--save', '', '--daemonize', 'no', '--protected-mode', 'yes', '--logfile', join(this.dir, 'redis.log'),
    ], { stdio: 'ignore' });
    await waitForPing(this.port, 10_000);
  }

  /** Stop the server (SIGTERM: it writes its data and exits) and wait until it is gone. */
  async stop(): Promise<void> {
    const p = this.proc;
    if (p === null) return;
    this.proc = null;
    if (p.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      p.once('exit', () => resolve());
      p.kill('SIGTERM');
    });
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
