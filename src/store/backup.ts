import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { StoreInputError, StoreStateError } from './errors.js';
import { MARSAD_APPLICATION_ID, SCHEMA_VERSION, schemaVersion } from './sqlite/schema.js';
import type { StoreCounts } from './types.js';

export interface StoreFileInfo {
  path: string;
  bytes: number;
  schemaVersion: number;
  counts: StoreCounts;
}

function removeSidecars(path: string): void {
  for (const ext of ['-wal', '-shm', '-journal']) rmSync(path + ext, { force: true });
}

function countsOf(db: Database.Database): StoreCounts {
  return db.prepare(`SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM events) AS events,
    (SELECT count(*) FROM incidents) AS incidents,
    (SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL) AS duplicates`).get() as StoreCounts;
}

/**
 * Check that `path` is a sound Marsad store: the Marsad application id, a schema version this
 * code knows, and a clean PRAGMA integrity_check. Throws StoreStateError naming what is wrong.
 */
export function verifySqliteStore(path: string, what = 'store'): StoreFileInfo {
  if (!existsSync(path)) throw new StoreInputError(`${what} ${path} does not exist`);
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: true });
  } catch (err) {
    throw new StoreStateError(`${what} ${path} is not a SQLite database: ${(err as Error).message}`);
  }
  try {
    let appId: number;
    try {
      appId = db.pragma('application_id', { simple: true }) as number;
    } catch (err) {
      throw new StoreStateError(`${what} ${path} is not a SQLite database: ${(err as Error).message}`);
    }
    if (appId !== MARSAD_APPLICATION_ID) throw new StoreStateError(`${what} ${path} is not a Marsad store (application_id ${appId})`);
    const version = schemaVersion(db);
    if (version === null || version === 0) throw new StoreStateError(`${what} ${path} is not a Marsad store (no schema version)`);
    if (version > SCHEMA_VERSION) {
      throw new StoreStateError(`${what} ${path} has store schema version ${version}; this Marsad knows up to ${SCHEMA_VERSION}`);
    }
    const problems = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (problems.length !== 1 || problems[0] !== 'ok') {
      throw new StoreStateError(`${what} ${path} failed the integrity check: ${problems.slice(0, 5).join('; ')}`);
    }
    return { path, bytes: statSync(path).size, schemaVersion: version, counts: countsOf(db) };
  } catch (err) {
    if (err instanceof StoreStateError) throw err;
    // SQLITE_CORRUPT, SQLITE_NOTADB and the like: the file is damaged.
    throw new StoreStateError(`${what} ${path} is damaged: ${(err as Error).message}`);
  } finally {
    db.close();
  }
}

export interface BackupOptions {
  /** Replace an existing file at the destination. */
  overwrite?: boolean;
}

/**
 * Copy a live store with SQLite's online backup API (writers may keep working), into a single
 * self-contained file (rollback journal, not WAL), verified before it takes the destination name.
 */
export async function backupSqlite(storePath: string, destPath: string, opts: BackupOptions = {}): Promise<StoreFileInfo> {
  if (existsSync(destPath) && !opts.overwrite) throw new StoreInputError(`backup destination ${destPath} exists (pass overwrite to replace it)`);
  verifySqliteStore(storePath);
  const partial = `${destPath}.partial`;
  rmSync(partial, { force: true });
  removeSidecars(partial);
  const src = new Database(storePath, { fileMustExist: true });
  try {
    await src.backup(partial);
  } finally {
    src.close();
  }
  try {
    const copy = new Database(partial, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    verifySqliteStore(partial, 'backup');
  } catch (err) {
    rmSync(partial, { force: true });
    removeSidecars(partial);
    throw err;
  }
  removeSidecars(destPath);
  renameSync(partial, destPath);
  return { ...verifySqliteStore(destPath, 'backup'), path: destPath };
}

export interface RestoreResult extends StoreFileInfo {
  /** Where the store that was replaced now is, or null if there was none. */
  previous: string | null;
}

/**
 * Put a backup in place of the store at `storePath`. Refuses anything that is not a sound
 * Marsad store. The replaced store is kept beside it as `<name>.pre-restore`. No process may
 * have the store open meanwhile.
 */
export async function restoreSqlite(backupPath: string, storePath: string): Promise<RestoreResult> {
  verifySqliteStore(backupPath, 'backup');
  const incoming = `${storePath}.restoring`;
  rmSync(incoming, { force: true });
  removeSidecars(incoming);
  const src = new Database(backupPath, { fileMustExist: true });
  try {
    await src.backup(incoming);
  } finally {
    src.close();
  }
  try {
    verifySqliteStore(incoming, 'restored copy');
  } catch (err) {
    rmSync(incoming, { force: true });
    throw err;
  }
  let previous: string | null = null;
  if (existsSync(storePath)) {
    // Fold the old store's WAL into its file first, so the kept copy is complete on its own.
    const old = new Database(storePath, { fileMustExist: true });
    try {
      old.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      old.close();
    }
    previous = `${storePath}.pre-restore`;
    rmSync(previous, { force: true });
    renameSync(storePath, previous);
  }
  removeSidecars(storePath);
  renameSync(incoming, storePath);
  return { ...verifySqliteStore(storePath), previous };
}
