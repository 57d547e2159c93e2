import { userInfo } from 'node:os';
import type { Command } from 'commander';
import type { AccessRepo } from '../../api/access/access-repo.js';
import { CliError } from '../errors.js';
import { parseChoice } from '../options.js';
import { STORE_OPTION_HELP } from '../store-options.js';

/**
 * `marsad users add|list|remove` and `marsad keys create|list|revoke`: who may use the API, kept
 * in the store's database (hashed keys only). Every change is written to the audit log as
 * "cli:<login name>".
 */

interface StoreOpt {
  store?: string;
}

function cliUser(): string {
  try {
    return `cli:${process.env['MARSAD_USER'] || userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}

async function withAccess<T>(opts: StoreOpt, fn: (repo: AccessRepo) => Promise<T>): Promise<T> {
  const [{ resolveStoreConfig }, { openMonitorDb }, { AccessRepo: Repo }] = await Promise.all([
    import('../../store/open-store.js'),
    import('../../monitor/alerts/monitor-db.js'),
    import('../../api/access/access-repo.js'),
  ]);
  let db: import('../../monitor/alerts/monitor-db.js').MonitorDb | null = null;
  try {
    db = openMonitorDb(resolveStoreConfig(opts.store));
    return await fn(await Repo.open(db));
  } catch (err) {
    if (err instanceof Error && ['AccessInputError', 'StoreInputError', 'StoreStateError'].includes(err.name)) throw new CliError(err.message);
    throw err;
  } finally {
    await db?.close();
  }
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return `${[line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`;
}

const formatOption = ['--format <format>', 'table or json'] as const;

export function registerUsersCommands(program: Command): void {
  const users = program.command('users').description('API users and their roles (viewer, analyst, admin, liaison of a party)');

  users.command('add <name>')
    .description('add a user with a role; a liaison is bound to one party')
    .requiredOption('--role <role>', 'viewer, analyst, admin or liaison', parseChoice(['viewer', 'analyst', 'admin', 'liaison'] as const))
    .option('--party <id>', 'the party a liaison acts for (e.g. turkey)')
    .option('--key', 'also create an API key for the user and print it')
    .option('--store <spec>', STORE_OPTION_HELP)
    .action(async (name: string, opts: StoreOpt & { role: string; party?: string; key?: boolean }) => {
      await withAccess(opts, async (repo) => {
        const u = await repo.addUser(name, opts.role, opts.party ?? null, cliUser());
        process.stdout.write(`added ${u.name} (${u.role}${u.party ? `, party ${u.party}` : ''})\n`);
        if (opts.key) {
          const k = await repo.createKey(u.name, null, cliUser());
          process.stdout.write(`key ${k.id}: ${k.key}\n(shown once; keep it secret)\n`);
        }
      });
    });

  users.command('list')
    .description('the users')
    .option(...formatOption, parseChoice(['table', 'json'] as const), 'table')
    .option('--store <spec>', STORE_OPTION_HELP)
    .action(async (opts: StoreOpt & { format: 'table' | 'json' }) => {
      await withAccess(opts, async (repo) => {
        const list = await repo.listUsers();
        if (opts.format === 'json') process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        else if (list.length === 0) process.stdout.write('no users: add one with "marsad users add <name> --role viewer|analyst|admin|liaison"\n');
        else process.stdout.write(table(['name', 'role', 'party', 'created'], list.map((u) => [u.name, u.role, u.party ?? '', u.created_at])));
      });
    });

  users.command('remove <name>')
    .description('remove a user and revoke its keys')
    .option('--store <spec>', STORE_OPTION_HELP)
    .action(async (name: string, opts: StoreOpt) => {
      await withAccess(opts, async (repo) => {
        if (!(await repo.removeUser(name, cliUser()))) throw new CliError(`no user ${name}`);
        process.stdout.write(`removed ${name} and revoked its keys\n`);
      });
    });

  const keys = program.command('keys').description('API keys (stored hashed; a key is shown once, when created)');

  keys.command('create <user>')
    .description('create an API key for a user and print it (once)')
    .option('--label <text>', 'what the key is for (e.g. "dashboard laptop")')
    .option('--store <spec>', STORE_OPTION_HELP)
    .action(async (user: string, opts: StoreOpt & { label?: string }) => {
      await withAccess(opts, async (repo) => {
        const k = await repo.createKey(user, opts.label ?? null, cliUser());
        process.stdout.write(`${k.key}\n`);
        process.stderr.write(`key ${k.id} for ${user} created; it is shown only this once\n`);
      });
    });

  keys.command('list')
    .description('the keys (ids, never the secrets)')
    .option('--user <name>', 'only this user\'s keys')
    .option(...formatOption, parseChoice(['table', 'json'] as const), 'table')
    .option('--store <spec>', STORE_OPTION_HELP)
    .action(async (opts: StoreOpt & { user?: string; format: 'table' | 'json' }) => {
      await withAccess(opts, async (repo) => {
        const list = await repo.listKeys(opts.user);
        if (opts.format === 'json') process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        else if (list.length === 0) process.stdout.write('no keys\n');
        else process.stdout.write(table(['id', 'user', 'created', 'revoked', 'label'], list.map((k) => [k.id, k.user, k.created_at, k.revoked_at ?? '', k.label ?? ''])));
      });
    });

  keys.command('revoke <id>')
    .description('revoke a key (by its id)')
    .option('--store <spec>', STORE_OPTION_HELP)
    .action(async (id: string, opts: StoreOpt) => {
      await withAccess(opts, async (repo) => {
        if (!(await repo.revokeKey(id, cliUser()))) throw new CliError(`no active key ${id}`);
        process.stdout.write(`revoked key ${id}\n`);
      });
    });
}
