import { hasRedisServer, ThrowawayRedis } from '../../src/bench/scale/redis-server.js';

/**
 * A throwaway redis-server for the queue's tests: free loopback port, temporary folder,
 * append-only file on; start(), stop(), restart() (same port and data), destroy().
 * The implementation is shared with `npm run bench:scale`.
 */
export { hasRedisServer, ThrowawayRedis as TestRedis };

/** Like announceShared: a missing redis-server skips loudly, and fails in CI where it must exist. */
export function announceRedis(suite: string): boolean {
  if (hasRedisServer()) return true;
  const msg = `${suite}: SKIPPED — no redis-server (/usr/bin/redis-server; scripts/test.sh installs the Debian package)`;
  if (process.env['CI'] === 'true') throw new Error(`${msg}; CI must have it`);
  console.warn(`\n*** ${msg} ***\n`);
  return false;
}
