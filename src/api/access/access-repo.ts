import { randomUUID } from 'node:crypto';
import type { MonitorDb, MonitorMigration, SqlValue } from '../../monitor/alerts/monitor-db.js';
import { generateKey, keyMatches, parseKey } from './keys.js';
import { isRole, type Principal, type Role } from './roles.js';

/**
 * Users, API keys and the audit log of writes, in tables prefixed `api_` in the store's own
 * database (beside the monitor's tables, through the same MonitorDb), so one backup keeps them
 * and SQLite and PostgreSQL behave the same.
 */

const MIGRATIONS: readonly MonitorMigration[] = [{
  version: 1,
  name: 'users, keys, audit',
  sqlite: `
CREATE TABLE IF NOT EXISTS api_users (
  name TEXT PRIMARY KEY, role TEXT NOT NULL, party TEXT, created_at TEXT NOT NULL) STRICT;
CREATE TABLE IF NOT EXISTS api_keys (
  id TEXT PRIMARY KEY, user_name TEXT NOT NULL, hash TEXT NOT NULL, label TEXT, created_at TEXT NOT NULL,
  revoked_at TEXT) STRICT;
CREATE INDEX IF NOT EXISTS api_keys_user ON api_keys(user_name);
CREATE TABLE IF NOT EXISTS api_audit (
  id TEXT PRIMARY KEY, at TEXT NOT NULL, user_name TEXT, role TEXT, key_id TEXT, action TEXT NOT NULL,
  target TEXT, status INTEGER NOT NULL, before TEXT, after TEXT) STRICT;
CREATE INDEX IF NOT EXISTS api_audit_at ON api_audit(at DESC, id);`,
  postgres: `
CREATE TABLE IF NOT EXISTS api_users (
  name text PRIMARY KEY, role text NOT NULL, party text, created_at text NOT NULL);
CREATE TABLE IF NOT EXISTS api_keys (
  id text PRIMARY KEY, user_name text NOT NULL, hash text NOT NULL, label text, created_at text NOT NULL,
  revoked_at text);
CREATE INDEX IF NOT EXISTS api_keys_user ON api_keys(user_name);
CREATE TABLE IF NOT EXISTS api_audit (
  id text PRIMARY KEY, at text NOT NULL, user_name text, role text, key_id text, action text NOT NULL,
  target text, status integer NOT NULL, before text, after text);
CREATE INDEX IF NOT EXISTS api_audit_at ON api_audit(at DESC, id);`,
}];

export interface ApiUser {
  name: string;
  role: Role;
  party: string | null;
  created_at: string;
}

export interface ApiKeyInfo {
  id: string;
  user: string;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
}

/** One write: who did it, when, to what, and the record before and after. */
export interface AuditEntry {
  id: string;
  at: string;
  user: string | null;
  role: string | null;
  key_id: string | null;
  /** e.g. "POST /api/incidents/:id/confirm" or "users add". */
  action: string;
  target: string | null;
  status: number;
  before: unknown;
  after: unknown;
}

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at'>;

/** Bad input to user or key management (the CLI and API show the message as it is). */
export class AccessInputError extends Error {
  override readonly name = 'AccessInputError';
}

const NAME = /^[A-Za-z0-9._@-]{1,64}$/;
const PARTY = /^[a-z0-9][a-z0-9-]{0,63}$/;

interface UserRow { name: string; role: string; party: string | null; created_at: string }
interface KeyRow { id: string; user_name: string; hash: string; label: string | null; created_at: string; revoked_at: string | null }
interface AuditRow {
  id: string; at: string; user_name: string | null; role: string | null; key_id: string | null; action: string;
  target: string | null; status: number; before: string | null; after: string | null;
}

function userOf(r: UserRow): ApiUser {
  if (!isRole(r.role)) throw new Error(`api_users: user ${r.name} has an unknown role ${r.role}`);
  return { name: r.name, role: r.role, party: r.party, created_at: r.created_at };
}

function keyOf(r: KeyRow): ApiKeyInfo {
  return { id: r.id, user: r.user_name, label: r.label, created_at: r.created_at, revoked_at: r.revoked_at };
}

function json(v: unknown): string | null {
  return v === undefined || v === null ? null : JSON.stringify(v);
}

export interface AuditFilter {
  user?: string;
  /** Entries at or after this ISO time. */
  since?: string;
  limit?: number;
}

export class AccessRepo {
  private constructor(readonly db: MonitorDb, private readonly now: () => Date) {}

  static async open(db: MonitorDb, now: () => Date = () => new Date()): Promise<AccessRepo> {
    await db.migrate('api', MIGRATIONS);
    return new AccessRepo(db, now);
  }

  async addUser(name: string, role: string, party: string | null, by: string): Promise<ApiUser> {
    if (!NAME.test(name)) throw new AccessInputError(`user name ${JSON.stringify(name)}: use 1-64 letters, digits, . _ @ -`);
    if (!isRole(role)) throw new AccessInputError(`role ${JSON.stringify(role)}: use viewer, analyst, admin or liaison`);
    if (role === 'liaison') {
      if (party === null || !PARTY.test(party)) {
        throw new AccessInputError(`a liaison is bound to one party: give its id (lowercase letters, digits, -), got ${JSON.stringify(party)}`);
      }
    } else if (party !== null) {
      throw new AccessInputError(`only a liaison is bound to a party (role ${role} given party ${party})`);
    }
    const user: ApiUser = { name, role, party, created_at: this.now().toISOString() };
    await this.db.transaction(async (tx) => {
      const existing = await tx.all<UserRow>('SELECT name, role, party, created_at FROM api_users WHERE name = $1', [name]);
      if (existing.length > 0) throw new AccessInputError(`user ${name} exists already (role ${existing[0]!.role}); remove it first`);
      await tx.run('INSERT INTO api_users (name, role, party, created_at) VALUES ($1, $2, $3, $4)', [name, role, party, user.created_at]);
      await this.auditOn(tx, { user: by, role: null, key_id: null, action: 'users add', target: `user:${name}`, status: 200, before: null, after: user });
    });
    return user;
  }

  async getUser(name: string): Promise<ApiUser | null> {
    const rows = await this.db.all<UserRow>('SELECT name, role, party, created_at FROM api_users WHERE name = $1', [name]);
    return rows[0] ? userOf(rows[0]) : null;
  }

  async listUsers(): Promise<ApiUser[]> {
    return (await this.db.all<UserRow>('SELECT name, role, party, created_at FROM api_users ORDER BY name')).map(userOf);
  }

  /** Remove a user and revoke its keys; false when there was no such user. */
  async removeUser(name: string, by: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.all<UserRow>('SELECT name, role, party, created_at FROM api_users WHERE name = $1', [name]);
      if (rows.length === 0) return false;
      const at = this.now().toISOString();
      await tx.run('UPDATE api_keys SET revoked_at = $1 WHERE user_name = $2 AND revoked_at IS NULL', [at, name]);
      await tx.run('DELETE FROM api_users WHERE name = $1', [name]);
      await this.auditOn(tx, { user: by, role: null, key_id: null, action: 'users remove', target: `user:${name}`, status: 200, before: userOf(rows[0]!), after: null });
      return true;
    });
  }

  /** A new key for `user`; the whole key is returned only here. */
  async createKey(user: string, label: string | null, by: string): Promise<ApiKeyInfo & { key: string }> {
    const k = generateKey();
    const info: ApiKeyInfo = { id: k.id, user, label, created_at: this.now().toISOString(), revoked_at: null };
    await this.db.transaction(async (tx) => {
      const u = await tx.all<UserRow>('SELECT name FROM api_users WHERE name = $1', [user]);
      if (u.length === 0) throw new AccessInputError(`no user ${user}: add it first with "marsad users add ${user} --role …"`);
      await tx.run('INSERT INTO api_keys (id, user_name, hash, label, created_at) VALUES ($1, $2, $3, $4, $5)',
        [k.id, user, k.hash, label, info.created_at]);
      await this.auditOn(tx, { user: by, role: null, key_id: null, action: 'keys create', target: `key:${k.id}`, status: 200, before: null, after: info });
    });
    return { ...info, key: k.key };
  }

  async listKeys(user?: string): Promise<ApiKeyInfo[]> {
    const rows = await this.db.all<KeyRow>(`SELECT id, user_name, hash, label, created_at, revoked_at FROM api_keys
      WHERE ($1 = '' OR user_name = $1) ORDER BY created_at, id`, [user ?? '']);
    return rows.map(keyOf);
  }

  /** False when no such key, or it was revoked already. */
  async revokeKey(id: string, by: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.all<KeyRow>('SELECT id, user_name, hash, label, created_at, revoked_at FROM api_keys WHERE id = $1', [id]);
      const row = rows[0];
      if (!row || row.revoked_at !== null) return false;
      const at = this.now().toISOString();
      await tx.run('UPDATE api_keys SET revoked_at = $1 WHERE id = $2', [at, id]);
      await this.auditOn(tx, { user: by, role: null, key_id: null, action: 'keys revoke', target: `key:${id}`, status: 200, before: keyOf(row), after: { ...keyOf(row), revoked_at: at } });
      return true;
    });
  }

  /** The principal of a presented key; null when it is malformed, unknown, revoked or its user is gone. */
  async authenticate(key: string): Promise<Principal | null> {
    const parsed = parseKey(key);
    if (parsed === null) return null;
    const rows = await this.db.all<KeyRow & { role: string | null; party: string | null }>(
      `SELECT k.id, k.user_name, k.hash, k.label, k.created_at, k.revoked_at, u.role, u.party
         FROM api_keys k JOIN api_users u ON u.name = k.user_name WHERE k.id = $1`, [parsed.id]);
    const row = rows[0];
    if (!row || row.revoked_at !== null || row.role === null || !isRole(row.role)) return null;
    if (!keyMatches(parsed.id, parsed.secret, row.hash)) return null;
    return { user: row.user_name, role: row.role, party: row.party, keyId: row.id };
  }

  async audit(entry: NewAuditEntry): Promise<AuditEntry> {
    return this.auditOn(this.db, entry);
  }

  private async auditOn(db: MonitorDb, entry: NewAuditEntry): Promise<AuditEntry> {
    const full: AuditEntry = { id: randomUUID(), at: this.now().toISOString(), ...entry };
    const params: SqlValue[] = [full.id, full.at, full.user, full.role, full.key_id, full.action, full.target, full.status,
      json(full.before), json(full.after)];
    await db.run(`INSERT INTO api_audit (id, at, user_name, role, key_id, action, target, status, before, after)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, params);
    return full;
  }

  /** Newest first. */
  async auditLog(f: AuditFilter = {}): Promise<AuditEntry[]> {
    const limit = Math.max(1, Math.min(1_000_000, f.limit ?? 100));
    const rows = await this.db.all<AuditRow>(`SELECT id, at, user_name, role, key_id, action, target, status, before, after
      FROM api_audit WHERE ($1 = '' OR user_name = $1) AND ($2 = '' OR at >= $2) ORDER BY at DESC, id LIMIT $3`,
    [f.user ?? '', f.since ?? '', limit]);
    return rows.map((r) => ({
      id: r.id, at: r.at, user: r.user_name, role: r.role, key_id: r.key_id, action: r.action, target: r.target,
      status: Number(r.status),
      before: r.before === null ? null : JSON.parse(r.before) as unknown,
      after: r.after === null ? null : JSON.parse(r.after) as unknown,
    }));
  }
}
