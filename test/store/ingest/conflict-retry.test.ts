import { describe, expect, it } from 'vitest';
import { isConflictError, retryConflicts } from '../../../src/store/ingest/conflict-retry.js';

const pgError = (code: string): Error => Object.assign(new Error(`pg ${code}`), { code });

describe('retryConflicts', () => {
  it('runs a transaction again after a deadlock or serialization failure, and returns its result', async () => {
    const codes = ['40P01', '40001'];
    let runs = 0;
    const retried: number[] = [];
    const r = await retryConflicts(async () => {
      const code = codes[runs++];
      if (code !== undefined) throw pgError(code);
      return 'stored';
    }, { firstDelayMs: 1, onRetry: (_e, attempt) => retried.push(attempt) });
    expect(r).toBe('stored');
    expect(runs).toBe(3);
    expect(retried).toEqual([1, 2]);
  });

  it('throws other errors at once, and a conflict after the last try', async () => {
    let runs = 0;
    await expect(retryConflicts(async () => {
      runs++;
      throw pgError('23505');
    }, { firstDelayMs: 1 })).rejects.toThrow('pg 23505');
    expect(runs).toBe(1);
    runs = 0;
    await expect(retryConflicts(async () => {
      runs++;
      throw pgError('40P01');
    }, { tries: 3, firstDelayMs: 1 })).rejects.toThrow('pg 40P01');
    expect(runs).toBe(3);
  });

  it('recognises a conflict wrapped as a cause', () => {
    expect(isConflictError(new Error('batch failed', { cause: pgError('40P01') }))).toBe(true);
    expect(isConflictError(pgError('08006'))).toBe(false);
    expect(isConflictError('40P01')).toBe(false);
  });
});
