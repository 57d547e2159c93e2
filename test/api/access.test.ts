import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AccessRepo } from '../../src/api/access/access-repo.js';
import { generateKey, parseKey } from '../../src/api/access/keys.js';
import { registerUsersCommands } from '../../src/cli/commands/users.js';
import { openMonitorDb, type MonitorDb } from '../../src/monitor/alerts/monitor-db.js';

let dir: string;
let dbPath: string;
let db: MonitorDb;
let repo: AccessRepo;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'marsad-access-'));
  dbPath = join(dir, 'marsad.db');
  db = openMonitorDb({ kind: 'sqlite', path: dbPath });
  repo = await AccessRepo.open(db);
});
afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('API keys', () => {
  it('are long random strings, parsed back to id and secret', () => {
    const a = generateKey();
    const b = generateKey();
    expect(a.key).not.toBe(b.key);
    expect(a.key).toMatch(/^mk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(parseKey(a.key)?.id).toBe(a.id);
    expect(parseKey('mk_short')).toBeNull();
  });

  it('are kept only as hashes: the secret never reaches the database', async () => {
    await repo.addUser('hana', 'analyst', null, 'test');
    const k = await repo.createKey('hana', 'laptop', 'test');
    const raw = new Database(dbPath, { readonly: true });
    const row = raw.prepare('SELECT * FROM api_keys WHERE id = ?').get(k.id) as Record<string, unknown>;
    const dump = JSON.stringify(raw.prepare('SELECT * FROM api_keys').all()) + JSON.stringify(raw.prepare('SELECT * FROM api_audit').all());
    raw.close();
    const secret = parseKey(k.key)!.secret;
    expect(dump).not.toContain(secret);
    expect(row['hash']).toMatch(/^[0-9a-f]{64}$/);
    expect(await repo.authenticate(k.key)).toEqual({ user: 'hana', role: 'analyst', party: null, keyId: k.id });
    // The same id with another secret is refused.
    expect(await repo.authenticate(`mk_${k.id}_${'A'.repeat(43)}`)).toBeNull();
  });

  it('a revoked key, or the key of a removed user, no longer authenticates', async () => {
    await repo.addUser('omar', 'viewer', null, 'test');
    const k1 = await repo.createKey('omar', null, 'test');
    const k2 = await repo.createKey('omar', null, 'test');
    expect(await repo.revokeKey(k1.id, 'test')).toBe(true);
    expect(await repo.revokeKey(k1.id, 'test')).toBe(false);
    expect(await repo.authenticate(k1.key)).toBeNull();
    expect(await repo.authenticate(k2.key)).not.toBeNull();
    expect(await repo.removeUser('omar', 'test')).toBe(true);
    expect(await repo.authenticate(k2.key)).toBeNull();
    expect((await repo.listKeys('omar')).every((k) => k.revoked_at !== null)).toBe(true);
  });

  it('checks users: role, party only for liaisons, no duplicates', async () => {
    await expect(repo.addUser('x', 'boss', null, 'test')).rejects.toThrow(/role "boss"/);
    await expect(repo.addUser('y', 'liaison', null, 'test')).rejects.toThrow(/bound to one party/);
    await expect(repo.addUser('z', 'viewer', 'turkey', 'test')).rejects.toThrow(/only a liaison/);
    await expect(repo.addUser('bad name', 'viewer', null, 'test')).rejects.toThrow(/user name/);
    await repo.addUser('lina', 'liaison', 'turkey', 'test');
    await expect(repo.addUser('lina', 'viewer', null, 'test')).rejects.toThrow(/exists already/);
    await expect(repo.createKey('nobody', null, 'test')).rejects.toThrow(/no user nobody/);
  });

  it('user and key management is in the audit log', async () => {
    const log = await repo.auditLog({ user: 'test' });
    const actions = log.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['users add', 'keys create', 'keys revoke', 'users remove']));
    const removal = log.find((e) => e.action === 'users remove')!;
    expect(removal).toMatchObject({ target: 'user:omar', before: { name: 'omar', role: 'viewer' }, after: null });
  });
});

describe('marsad users / marsad keys', () => {
  async function cli(...args: string[]): Promise<string> {
    const program = new Command().exitOverride();
    registerUsersCommands(program);
    let out = '';
    const so = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => { out += String(c); return true; });
    const se = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await program.parseAsync(['node', 'marsad', ...args, '--store', dbPath]);
    } finally {
      so.mockRestore();
      se.mockRestore();
    }
    return out;
  }

  it('adds users, creates, lists and revokes keys', async () => {
    expect(await cli('users', 'add', 'sami', '--role', 'liaison', '--party', 'russia')).toMatch(/added sami \(liaison, party russia\)/);
    const key = (await cli('keys', 'create', 'sami', '--label', 'phone')).trim();
    expect(parseKey(key)).not.toBeNull();
    expect((await repo.authenticate(key))?.party).toBe('russia');
    const users = JSON.parse(await cli('users', 'list', '--format', 'json')) as { name: string }[];
    expect(users.map((u) => u.name)).toContain('sami');
    const keys = await cli('keys', 'list', '--user', 'sami');
    expect(keys).toContain(parseKey(key)!.id);
    expect(keys).not.toContain(parseKey(key)!.secret);
    expect(await cli('keys', 'revoke', parseKey(key)!.id)).toMatch(/revoked/);
    expect(await repo.authenticate(key)).toBeNull();
    await expect(cli('users', 'add', 'sami', '--role', 'viewer')).rejects.toThrow(/exists already/);
    await expect(cli('users', 'remove', 'ghost')).rejects.toThrow(/no user ghost/);
    expect(await cli('users', 'remove', 'sami')).toMatch(/removed sami/);
    const audit = await repo.auditLog({ limit: 5 });
    expect(audit[0]!.user).toMatch(/^cli:/);
  });
});
