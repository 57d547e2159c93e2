import { CORRECTION_FIELDS, sameField } from './correction.js';
import { statusOf } from './overlay.js';
import type { OverrideRecord } from './review-repo.js';
import type { ReviewAccuracy } from './types.js';

/**
 * Machine vs. analysts over the review records. Per field, only incidents the machine made and an
 * analyst vetted field by field count (confirmed or corrected; a rejected one was wrong as a
 * whole, and a merge's or split's product has no machine version of its own to compare):
 * `kept` when the machine's current value is the reviewed one, `changed` otherwise. `precision`
 * is the share of reviewed incidents the machine had right in every field — confirmed, or
 * "corrected" to what it already said — over all reviewed incidents (rejected, merged and split
 * ones count as wrong).
 */
export function reviewAccuracy(rows: readonly OverrideRecord[], actions: ReadonlyMap<string, number>): ReviewAccuracy {
  const fields = Object.fromEntries(CORRECTION_FIELDS.map((f) => [f, { kept: 0, changed: 0 }])) as ReviewAccuracy['fields'];
  const out: ReviewAccuracy = {
    reviewed: rows.length, confirmed: 0, corrected: 0, rejected: 0,
    merged: actions.get('merge') ?? 0, split: actions.get('split') ?? 0,
    fields, precision: null,
  };
  let right = 0;
  for (const row of rows) {
    out[statusOf(row)]++;
    if (row.rejected || row.origin !== 'machine') continue;
    let allKept = true;
    for (const f of CORRECTION_FIELDS) {
      const kept = sameField(f, row.machine, row.applied);
      fields[f][kept ? 'kept' : 'changed']++;
      if (!kept) allKept = false;
    }
    if (allKept) right++;
  }
  out.precision = rows.length === 0 ? null : right / rows.length;
  return out;
}
