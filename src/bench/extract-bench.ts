/**
 * `npm run bench`: extraction speed and peak memory beside a baseline measured in the same run.
 * Every measurement runs in its own process so that its peak RSS is its own.
 *
 *   baseline   read + JSON parse + normalise + word split of the same documents
 *   extract    the whole pipeline, one thread
 *   extract-N  the whole pipeline on N worker threads (N = available cores)
 *   cli-1core  `marsad extract` on 8,000 documents as a whole process pinned to one core
 *              (start-up and gazetteer loading included), against the baseline likewise pinned;
 *              run WHOLE_RUNS times each, alternating, since one run on a shared machine can be
 *              off by 10%: the median is reported, with the range
 */
import '../config/heap-tuning.js';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gazetteerDir } from '../config/home.js';
import { writeCorpus } from './corpus.js';
import { runBaseline, runExtract, runWorkers, type PhaseResult } from './phases.js';

const self = fileURLToPath(import.meta.url);
const root = resolve(self, '..', '..', '..');
const cli = join(root, 'dist', 'cli', 'main.js');

async function child(phase: string, corpus: string, gaz: string | undefined, threads: number): Promise<void> {
  const result =
    phase === 'baseline' ? runBaseline(corpus)
    : phase === 'extract' ? runExtract(corpus, gaz)
    : await runWorkers(corpus, gaz, threads);
  process.stdout.write(JSON.stringify(result) + '\n');
}

function measure(args: string[], pin: boolean): PhaseResult {
  const cmd = pin ? ['taskset', '-c', '0', process.execPath, self, ...args] : [process.execPath, self, ...args];
  const out = execFileSync(cmd[0]!, cmd.slice(1), { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').at(-1)!) as PhaseResult;
}

/** A whole process timed from outside: wall seconds and peak RSS from /usr/bin/time. */
function wholeProcess(name: string, argv: string[], docs: number): PhaseResult {
  const time = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-f', '%e %M'] : [];
  const pin = existsSync('/usr/bin/taskset') ? ['taskset', '-c', '0'] : [];
  const t0 = performance.now();
  const r = spawnSync(time[0] ?? pin[0] ?? argv[0]!, [...time.slice(1), ...(time.length ? pin : pin.slice(1)), ...argv], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1 << 26,
  });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${name} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const last = r.stderr.trim().split('\n').at(-1) ?? '';
  const [, rssKb] = last.split(' ');
  return { phase: name, docs, events: 0, seconds, loadSeconds: 0, threads: 1, maxRssMb: Math.round(Number(rssKb ?? 0) / 1024) };
}

/** Whole-process runs of each kind (see the header). */
const WHOLE_RUNS = 3;

/** The run with the median time. */
function median(runs: readonly PhaseResult[]): PhaseResult {
  return [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)]!;
}

function row(r: PhaseResult, cores: number): string {
  const dps = r.docs / r.seconds;
  return [
    r.phase.padEnd(22),
    String(r.docs).padStart(7),
    r.seconds.toFixed(2).padStart(8),
    dps.toFixed(0).padStart(9),
    (dps / cores).toFixed(0).padStart(10),
    String(r.maxRssMb).padStart(8),
  ].join(' ');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const phaseAt = args.indexOf('--phase');
  if (phaseAt >= 0) {
    const get = (flag: string): string | undefined => {
      const i = args.indexOf(flag);
      return i >= 0 ? args[i + 1] : undefined;
    };
    await child(args[phaseAt + 1]!, get('--corpus')!, get('--gazetteer'), Number(get('--threads') ?? '1'));
    return;
  }
  const shared = resolve(process.env['MARSAD_SHARED'] ?? join(root, '..', 'shared'));
  if (!existsSync(shared)) throw new Error(`the benchmark assembles its corpus from ${shared}/eval, which does not exist`);
  const work = mkdtempSync(join(tmpdir(), 'marsad-bench-'));
  try {
    let gaz = gazetteerDir();
    if (!existsSync(gaz)) {
      const home = join(work, 'home');
      execFileSync(process.execPath, [cli, 'data', 'import', join(shared, 'data'), '--home', home], { stdio: 'ignore' });
      gaz = gazetteerDir(home);
    }
    const big = join(work, 'corpus-50mb.jsonl');
    const small = join(work, 'corpus-8000.jsonl');
    const bigInfo = writeCorpus(big, { sharedDir: shared, targetBytes: 50 * 1024 * 1024, docChars: 2000 });
    const smallInfo = writeCorpus(small, { sharedDir: shared, targetBytes: Infinity, docChars: 2000, maxDocs: 8000 });
    const cores = availableParallelism();
    process.stderr.write(`corpus: ${bigInfo.docs} documents, ${(bigInfo.bytes / 1048576).toFixed(1)} MB; cores: ${cores}\n`);

    const results: [PhaseResult, number][] = [];
    results.push([measure(['--phase', 'baseline', '--corpus', big], true), 1]);
    results.push([measure(['--phase', 'extract', '--corpus', big, '--gazetteer', gaz], true), 1]);
    results.push([measure(['--phase', 'workers', '--corpus', big, '--gazetteer', gaz, '--threads', String(cores)], false), cores]);
    const wholeBaseline: PhaseResult[] = [];
    const wholeExtract: PhaseResult[] = [];
    for (let k = 0; k < WHOLE_RUNS; k++) {
      wholeBaseline.push(wholeProcess('cli-baseline-1core', [process.execPath, self, '--phase', 'baseline', '--corpus', small], smallInfo.docs));
      wholeExtract.push(
        wholeProcess('cli-extract-1core', [process.execPath, cli, 'extract', small, '--gazetteer', gaz, '--no-progress'], smallInfo.docs),
      );
    }
    results.push([median(wholeBaseline), 1], [median(wholeExtract), 1]);

    const head = ['phase'.padEnd(22), 'docs'.padStart(7), 'seconds'.padStart(8), 'docs/s'.padStart(9), 'docs/s/core'.padStart(10), 'peakMB'.padStart(8)].join(' ');
    console.log(head);
    console.log('-'.repeat(head.length));
    for (const [r, c] of results) console.log(row(r, c));
    const extract = results[1]![0];
    console.log(`\nresource loading (gazetteer, lexicons, word list): ${extract.loadSeconds.toFixed(2)} s`);
    console.log(`events found in the 50 MB corpus: ${extract.events}`);
    for (const runs of [wholeBaseline, wholeExtract]) {
      const dps = runs.map((r) => r.docs / r.seconds).sort((a, b) => a - b);
      const rss = runs.map((r) => r.maxRssMb).sort((a, b) => a - b);
      console.log(
        `${runs[0]!.phase}: ${runs.length} runs, ${dps.map((d) => d.toFixed(0)).join(' / ')} docs/s, peak ${rss[0]}–${rss.at(-1)} MB`,
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
