import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MarsadEvent } from '../../src/model/event.js';
import { StoreInputError } from '../../src/store/errors.js';
import { checkDocument } from '../../src/store/validate.js';
import { makeDoc, makeEvent } from '../store/fixtures.js';
import { fcOptions } from './arbitraries.js';

/**
 * Records that reach the store from outside extraction (a job queue, an API, a hand-edited
 * export) with wrong types are refused before anything is written, by a StoreInputError that
 * names the document, the event and the field.
 */

const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 8 }), fc.constantFrom(NaN, Infinity, -Infinity, -1, 1.5, 1e308), fc.boolean(), fc.constant(null), fc.constant({}), fc.constant([]),
);

type Mutation = { field: string; apply: (e: MarsadEvent, v: unknown) => void; valid: (v: unknown) => boolean; names: RegExp };

const isCount = (v: unknown): boolean => v === null || (typeof v === 'number' && Number.isFinite(v) && v >= 0);
const MUTATIONS: Mutation[] = [
  { field: 'event_type', apply: (e, v) => void ((e as unknown as Record<string, unknown>)['event_type'] = v), valid: () => false, names: /event_type/ },
  { field: 'sub_event_type', apply: (e, v) => void ((e as unknown as Record<string, unknown>)['sub_event_type'] = v), valid: () => false, names: /sub_event_type/ },
  { field: 'fatalities', apply: (e, v) => void ((e as unknown as Record<string, unknown>)['fatalities'] = v), valid: isCount, names: /fatalities/ },
  { field: 'injured', apply: (e, v) => void ((e as unknown as Record<string, unknown>)['injured'] = v), valid: isCount, names: /injured/ },
  { field: 'date', apply: (e, v) => void (e.date = { start: v as string, end: '2019-06-05', precision: 1 }), valid: () => false, names: /date/ },
  { field: 'location.lat', apply: (e, v) => void (e.location = { ...e.location!, lat: v as number }), valid: (v) => typeof v === 'number' && Math.abs(v) <= 90, names: /lat\/lon/ },
  { field: 'doc_id', apply: (e, v) => void ((e as unknown as Record<string, unknown>)['doc_id'] = v), valid: (v) => v === 'd1', names: /doc_id/ },
  { field: 'evidence', apply: (e, v) => void ((e as unknown as Record<string, unknown>)['evidence'] = v), valid: (v) => Array.isArray(v), names: /evidence/ },
];

describe('store validation of records with wrong types', () => {
  it('a good record passes (the control case)', () => {
    expect(() => checkDocument(makeDoc('d1'), 'نص', [makeEvent('d1', 1)])).not.toThrow();
  });

  it('a wrong value in any checked field is a StoreInputError naming the event and the field', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MUTATIONS), junk, (m, v) => {
        if (m.valid(v)) return;
        const e = makeEvent('d1', 1);
        m.apply(e, v);
        let err: unknown = null;
        try {
          checkDocument(makeDoc('d1'), 'نص', [e]);
        } catch (x) {
          err = x;
        }
        expect(err, `${m.field} = ${String(v)}`).toBeInstanceOf(StoreInputError);
        expect((err as Error).message).toContain('document d1, event d1#1');
        expect((err as Error).message).toMatch(m.names);
      }),
      fcOptions(),
    );
  });
});
