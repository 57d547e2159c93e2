/**
 * Items of `source` until it ends or `signal` aborts. A source may wait a long time for its
 * next item (a feed polled every 15 minutes); on abort the wait is abandoned at once and the
 * source is asked to finish (return()) without waiting for it.
 */
export async function* untilAborted<T>(source: AsyncIterable<T>, signal: AbortSignal | undefined): AsyncGenerator<T> {
  if (signal === undefined) {
    yield* source;
    return;
  }
  const it = source[Symbol.asyncIterator]();
  let onAbort!: () => void;
  const aborted = new Promise<'aborted'>((resolve) => {
    onAbort = () => resolve('aborted');
    if (signal.aborted) resolve('aborted');
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  let finished = false;
  try {
    while (!signal.aborted) {
      const next = await Promise.race([it.next(), aborted]);
      if (next === 'aborted') break;
      if (next.done === true) {
        finished = true;
        return;
      }
      yield next.value;
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    // A generator that is mid-await cannot return until it yields again; do not wait for it.
    if (!finished) void it.return?.(undefined)?.catch(() => undefined);
  }
}
