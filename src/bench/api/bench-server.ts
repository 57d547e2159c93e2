import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The API server under test, in a child process on loopback (see serve-store.ts). */
export interface BenchServer {
  url: string;
  pid: number;
  /** CPU milliseconds (user + system) the server process has used so far. */
  cpuMs(): Promise<number>;
  close(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;

export async function startBenchServer(path: string, home: string): Promise<BenchServer> {
  // From dist/ the entry is JavaScript; from src/ (tsx, vitest) it is TypeScript, loaded through tsx.
  const here = import.meta.url;
  const fromSource = here.endsWith('.ts');
  const entry = fileURLToPath(new URL(`./serve-store.${fromSource ? 'ts' : 'js'}`, here));
  const child = fork(entry, [JSON.stringify({ path, home })], {
    execArgv: fromSource ? ['--import', 'tsx'] : [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`the API server did not start within ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
    child.once('message', (m: unknown) => {
      clearTimeout(timer);
      const u = (m as { url?: unknown } | null)?.url;
      if (typeof u === 'string') resolve(u);
      else reject(new Error(`the API server sent ${JSON.stringify(m)} instead of its URL`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the API server exited (code ${code}) before it was ready`));
    });
  });
  return {
    url,
    pid: child.pid ?? -1,
    cpuMs: () => new Promise<number>((resolve, reject) => {
      const onMessage = (m: unknown): void => {
        const ms = (m as { cpuMs?: unknown } | null)?.cpuMs;
        if (typeof ms !== 'number') return;
        child.off('message', onMessage);
        resolve(ms);
      };
      child.on('message', onMessage);
      if (!child.send({ cpu: true })) reject(new Error('the API server process is gone'));
    }),
    close: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.disconnect();
    }),
  };
}
