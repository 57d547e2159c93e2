import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileKind, readInputs, type InputItem } from '../read-inputs.js';

/**
 * `--watch`: the files already in a folder, then every file that appears or changes, for as
 * long as the signal allows. fs.watch only says "something happened" (and is unreliable on
 * network drives and some containers), so every wake-up is answered with a rescan, and a
 * periodic rescan runs even without events. A file is read once its size and mtime have not
 * changed for settleMs: a copy still in progress is not read half-written.
 */

export interface WatchOptions {
  signal: AbortSignal;
  /** How long a file must stay unchanged before it is read. Default 1000 ms. */
  settleMs?: number;
  /** Rescan this often even without file-system events. Default 5000 ms. */
  rescanMs?: number;
}

/** Coalesce a burst of events (an editor's save, an unzip) into one rescan. */
const EVENT_COALESCE_MS = 100;

type Signature = string;

/** Supported files under `root` (hidden entries skipped, as readInputs does) → size:mtime. */
async function scan(root: string): Promise<Map<string, Signature>> {
  const out = new Map<string, Signature>();
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > 32) return;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // vanished or unreadable mid-scan: the next scan sees the settled state
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p, depth + 1);
      else if (e.isFile() && fileKind(p)) {
        try {
          const s = await stat(p);
          out.set(p, `${s.size}:${s.mtimeMs}`);
        } catch {
          // deleted between readdir and stat
        }
      }
    }
  };
  await walk(root, 0);
  return out;
}

function startWatcher(root: string, onEvent: () => void): FSWatcher | null {
  for (const recursive of [true, false]) {
    try {
      const w = watch(root, { recursive, persistent: false }, onEvent);
      // An error (too many watches, folder removed) leaves the periodic rescan in charge.
      w.on('error', () => w.close());
      return w;
    } catch {
      // recursive watching unsupported here: try a plain watch, then rescans only
    }
  }
  return null;
}

export async function* watchFolder(path: string, opts: WatchOptions): AsyncGenerator<InputItem> {
  const { signal } = opts;
  const settleMs = opts.settleMs ?? 1000;
  const rescanMs = opts.rescanMs ?? 5000;
  const root = resolve(path);
  try {
    if (!(await stat(root)).isDirectory()) {
      yield { kind: 'error', input: root, message: 'not a folder' };
      return;
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    yield { kind: 'error', input: root, message: code === 'ENOENT' ? 'no such folder' : (err as Error).message };
    return;
  }

  let wake: (() => void) | null = null;
  let eventSeen = false;
  const watcher = startWatcher(root, () => {
    eventSeen = true;
    wake?.();
  });
  const onAbort = (): void => wake?.();
  signal.addEventListener('abort', onAbort);

  /** Sleep until `ms` pass, an event arrives or the signal fires. */
  const pause = (ms: number): Promise<void> =>
    new Promise((done) => {
      if (signal.aborted || eventSeen) return done();
      const timer = setTimeout(finish, ms);
      function finish(): void {
        clearTimeout(timer);
        wake = null;
        done();
      }
      wake = finish;
    });

  const read = new Map<string, Signature>();
  const pending = new Map<string, { sig: Signature; since: number }>();
  try {
    for (const [p, sig] of await scan(root)) {
      if (signal.aborted) return;
      read.set(p, sig);
      yield* readInputs(p);
    }
    while (!signal.aborted) {
      eventSeen = false;
      const files = await scan(root);
      const now = Date.now();
      for (const p of read.keys()) if (!files.has(p)) read.delete(p);
      for (const p of pending.keys()) if (!files.has(p)) pending.delete(p);
      let nextWake = rescanMs;
      for (const [p, sig] of files) {
        if (read.get(p) === sig) {
          pending.delete(p);
          continue;
        }
        const was = pending.get(p);
        if (!was || was.sig !== sig) {
          pending.set(p, { sig, since: now });
          nextWake = Math.min(nextWake, settleMs);
          continue;
        }
        const age = now - was.since;
        if (age < settleMs) {
          nextWake = Math.min(nextWake, settleMs - age);
          continue;
        }
        pending.delete(p);
        read.set(p, sig);
        yield* readInputs(p);
        if (signal.aborted) return;
      }
      await pause(Math.max(nextWake, 10));
      if (eventSeen && !signal.aborted) await new Promise((r) => setTimeout(r, EVENT_COALESCE_MS));
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    watcher?.close();
  }
}
