import type { ControlClaim, ControlPlace, ControlStatus, PlaceControl } from './types.js';

/**
 * Who holds a place on date D, from the claims that control changed (the rule, in full):
 *
 * 1. Only claims that could have taken effect by D count: since.start <= D. Claims superseded by
 *    their incident's claim and claims of discounted incidents are left out.
 * 2. The latest change wins: L is the counting claim with the latest since.start. Every counting
 *    claim whose date range overlaps L's belongs to the same period as L (reports of one change,
 *    or reports that disagree about it); claims that ended before L began are history.
 * 3. Within that period: one holder named → 'held' (since = the intersection of the agreeing
 *    ranges when they intersect, else L's range); two or more different holders → 'contested',
 *    and every claim is listed — nothing is overwritten, whichever report came last. A claim
 *    naming only who left (holder null) contradicts nobody; a period with only such claims is
 *    'unknown'.
 * 4. in_transition: D falls before the end of that range, so the change may postdate D.
 * 5. previous: the same rule applied to the claims that ended before the period began.
 *
 * Re-reading the same reports gives the same claims (ids are stable), so the answer does not
 * change when events are fed again.
 */

interface Situation {
  status: ControlStatus;
  holder: string | null;
  holders: string[];
  since: { start: string; end: string } | null;
  group: ControlClaim[];
}

function byStart(a: ControlClaim, b: ControlClaim): number {
  return a.since.start < b.since.start ? -1 : a.since.start > b.since.start ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function overlaps(a: { start: string; end: string }, b: { start: string; end: string }): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** Claims that count at all (rule 1 without the date). */
export function isCountingClaim(c: ControlClaim): boolean {
  return c.superseded_by === null && c.grade !== 'discounted';
}

function situation(claims: readonly ControlClaim[]): Situation {
  if (claims.length === 0) return { status: 'unknown', holder: null, holders: [], since: null, group: [] };
  let latest = claims[0]!;
  for (const c of claims) if (byStart(c, latest) > 0) latest = c;
  const group = claims.filter((c) => overlaps(c.since, latest.since)).sort(byStart);
  const holders: string[] = [];
  for (const c of group) if (c.holder !== null && !holders.includes(c.holder)) holders.push(c.holder);
  if (holders.length === 1) {
    const agreeing = group.filter((c) => c.holder !== null);
    let start = agreeing[0]!.since.start;
    let end = agreeing[0]!.since.end;
    for (const c of agreeing) {
      if (c.since.start > start) start = c.since.start;
      if (c.since.end < end) end = c.since.end;
    }
    const since = start <= end ? { start, end } : { ...latest.since };
    return { status: 'held', holder: holders[0]!, holders, since, group };
  }
  let start = group[0]!.since.start;
  let end = group[0]!.since.end;
  for (const c of group) {
    if (c.since.start < start) start = c.since.start;
    if (c.since.end > end) end = c.since.end;
  }
  return { status: holders.length === 0 ? 'unknown' : 'contested', holder: null, holders, since: { start, end }, group };
}

export function resolveControl(place: ControlPlace, claims: readonly ControlClaim[], date: string): PlaceControl {
  const counting = claims.filter((c) => isCountingClaim(c) && c.since.start <= date);
  const now = situation(counting);
  let previous: PlaceControl['previous'] = null;
  if (now.group.length > 0) {
    const periodStart = now.group.reduce((m, c) => (c.since.start < m ? c.since.start : m), now.group[0]!.since.start);
    const before = situation(counting.filter((c) => c.since.end < periodStart));
    if (before.group.length > 0) {
      previous = { status: before.status, holder: before.holder, holders: before.holders, since: before.since };
    }
  }
  return {
    place,
    date,
    status: now.status,
    holder: now.holder,
    holders: now.holders,
    since: now.since,
    in_transition: now.since !== null && date < now.since.end,
    claims: now.group,
    previous,
  };
}
