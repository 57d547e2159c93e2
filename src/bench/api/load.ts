import autocannon from 'autocannon';

/** One bounded autocannon run against one URL, with latency percentiles of every response. */

export interface LoadOptions {
  url: string;
  seconds: number;
  connections: number;
  headers?: Record<string, string>;
}

export interface LoadResult {
  requests: number;
  requestsPerSec: number;
  /** Milliseconds, nearest-rank over every response of the run. */
  latency: { mean: number; p50: number; p95: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1]!;
}

const r2 = (x: number): number => Math.round(x * 100) / 100;

export function runLoad(o: LoadOptions): Promise<LoadResult> {
  // autocannon's own histogram stops at p90 and p97.5; p95 is taken from the responses themselves.
  const times: number[] = [];
  return new Promise<LoadResult>((resolve, reject) => {
    const instance = autocannon({
      url: o.url,
      connections: o.connections,
      duration: o.seconds,
      headers: o.headers ?? {},
      timeout: 30,
    }, (err, result) => {
      if (err) return reject(err);
      const sorted = times.sort((a, b) => a - b);
      const sum = sorted.reduce((a, b) => a + b, 0);
      resolve({
        requests: result.requests.total,
        requestsPerSec: r2(result.requests.total / Math.max(result.duration, 1e-9)),
        latency: {
          mean: r2(sum / (sorted.length || NaN)),
          p50: r2(percentile(sorted, 50)),
          p95: r2(percentile(sorted, 95)),
          p99: r2(percentile(sorted, 99)),
          max: r2(sorted[sorted.length - 1] ?? NaN),
        },
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
      });
    });
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      times.push(responseTime);
    });
  });
}
