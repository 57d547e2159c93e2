import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { StoreFileInfo } from '../../store/backup.js';
import { CliError } from '../errors.js';
import { STORE_OPTION_HELP } from '../store-options.js';

interface BackupOptions {
  store?: string;
  overwrite?: boolean;
}

/** `marsad backup <dest>` and `marsad restore <backup>`: whole-file copies of the SQLite store. */
export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('copy the SQLite store to one verified file, while it stays in use')
    .argument('<dest>', 'file to write')
    .option('--overwrite', 'replace <dest> if it exists')
    .option('--store <path>', STORE_OPTION_HELP)
    .action(async (dest: string, opts: BackupOptions) => {
      const path = await sqlitePath(opts.store, 'backup');
      const { backupSqlite } = await import('../../store/backup.js');
      const info = await storeCall(() => backupSqlite(path, resolve(dest), { overwrite: opts.overwrite === true }));
      process.stdout.write(`backed up ${path} to ${info.path}\n${describe(info)}`);
    });

  program
    .command('restore')
    .description('put a backup in place of the SQLite store (the replaced store is kept as <store>.pre-restore); ' +
      'stop every process using the store first')
    .argument('<backup>', 'a file written by marsad backup')
    .option('--store <path>', STORE_OPTION_HELP)
    .action(async (backup: string, opts: BackupOptions) => {
      const path = await sqlitePath(opts.store, 'restore');
      const { restoreSqlite } = await import('../../store/backup.js');
      const info = await storeCall(() => restoreSqlite(resolve(backup), path));
      process.stdout.write(`restored ${resolve(backup)} to ${path}\n${describe(info)}` +
        (info.previous ? `the replaced store was kept as ${info.previous}\n` : ''));
    });
}

async function sqlitePath(spec: string | undefined, what: 'backup' | 'restore'): Promise<string> {
  const [{ resolveStoreConfig }, { defaultSqlitePath }] = await Promise.all([
    import('../../store/open-store.js'),
    import('../../store/sqlite/sqlite-store.js'),
  ]);
  const config = await storeCall(async () => resolveStoreConfig(spec));
  if (config.kind === 'postgres') {
    throw new CliError(`${what} works on the SQLite store file; for PostgreSQL use the database's own tools ` +
      `(pg_dump / pg_restore, or your provider's snapshots)`);
  }
  return resolve(config.path ?? defaultSqlitePath());
}

async function storeCall<T>(fn: () => Promise<T>): Promise<T> {
  const { cliStoreError } = await import('../store-options.js');
  try {
    return await fn();
  } catch (err) {
    return cliStoreError(err);
  }
}

function describe(info: StoreFileInfo): string {
  const c = info.counts;
  return `  ${c.documents} documents, ${c.events} events, ${c.incidents} incidents, ${c.duplicates} near-duplicates; ` +
    `schema version ${info.schemaVersion}; ${(info.bytes / 1024 / 1024).toFixed(1)} MB; integrity check ok\n`;
}
