import { PgViolationStore } from './pg-violations.js';
import { SqliteViolationStore } from './sqlite-violations.js';
import type { ViolationStore, ViolationStoreConfig } from './violation-store.js';

/**
 * The violation store beside an event store: pass the same config the event store was opened
 * with (src/store/open-store.ts resolveStoreConfig gives it). Migrates unless told not to.
 */
export async function openViolationStore(
  config: ViolationStoreConfig,
  options: { migrate?: boolean; now?: () => Date } = {},
): Promise<ViolationStore> {
  const now = options.now ? { now: options.now } : {};
  let store: ViolationStore;
  if (config.kind === 'postgres') {
    store = PgViolationStore.open({ url: config.url, ...(config.schema ? { schema: config.schema } : {}), ...(config.poolSize ? { poolSize: config.poolSize } : {}), ...now });
  } else {
    if (!config.path) throw new Error('the SQLite violation store needs the store file path');
    store = SqliteViolationStore.open(config.path, now);
  }
  if (options.migrate !== false) {
    try {
      await store.migrate();
    } catch (err) {
      await store.close().catch(() => undefined);
      throw err;
    }
  }
  return store;
}
