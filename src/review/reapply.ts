import type { Incident, IncidentInput } from '../store/types.js';
import { sameIncident } from './correction.js';
import { machineOf, reviewedInput, type ReviewContext } from './overlay.js';
import { machineIncident } from './recompute.js';
import type { OverrideRecord } from './review-repo.js';

/**
 * Laying a review over again after the machine rewrote its incident. A review record names its
 * incident by id and by member events, and says three things the machine must not undo:
 *  - together: its members make one incident (the machine re-clustered them apart → merged again);
 *  - apart: members of different records make different incidents (re-clustered together → split
 *    again; members no record claims stay with the incident's own record, else with this one);
 *  - its fields: the analysts' corrections and rejection, laid over the machine's new version,
 *    which becomes the record's machine snapshot (so accuracy compares against what the machine
 *    says now).
 * A record whose incident is as the review last wrote it is left alone: reapplying is idempotent.
 */

export interface Touched {
  /** Incidents written or deleted. */
  incidentIds: Set<string>;
  /** Their dates, before and after. */
  from: string | null;
  to: string | null;
}

export function emptyTouched(): Touched {
  return { incidentIds: new Set(), from: null, to: null };
}

export function touch(t: Touched, ...incs: readonly (Pick<Incident, 'id' | 'date'> | null)[]): void {
  for (const inc of incs) {
    if (inc === null) continue;
    t.incidentIds.add(inc.id);
    if (inc.date === null) continue;
    if (t.from === null || inc.date.start < t.from) t.from = inc.date.start;
    if (t.to === null || inc.date.end > t.to) t.to = inc.date.end;
  }
}

/** The stored incidents holding any of these events, by id. */
async function holdersOf(ctx: ReviewContext, eventIds: readonly string[]): Promise<Map<string, Incident>> {
  const out = new Map<string, Incident>();
  for (const e of eventIds) {
    const page = await ctx.store.listIncidents({ event_id: e }, { limit: 1 });
    const inc = page.items[0];
    if (inc !== undefined && !out.has(inc.id)) out.set(inc.id, inc);
  }
  return out;
}

function memberIds(inc: Pick<Incident, 'members'>): string[] {
  return inc.members.map((m) => m.event_id);
}

/** A free incident id for a part: the record's own when free, else one derived from its first member. */
async function freeId(ctx: ReviewContext, wanted: string, firstMember: string, taken: Set<string>): Promise<string> {
  for (const candidate of [wanted, `inc-${firstMember}`]) {
    if (!taken.has(candidate) && (await ctx.store.getIncident(candidate)) === null) return candidate;
  }
  for (let n = 2; ; n++) {
    const candidate = `inc-${firstMember}~${n}`;
    if (!taken.has(candidate) && (await ctx.store.getIncident(candidate)) === null) return candidate;
  }
}

/** Save `row` under `id`, dropping it from its old key when that changed. */
async function saveRecord(ctx: ReviewContext, row: OverrideRecord, oldId: string): Promise<void> {
  await ctx.repo.transaction(async (repo) => {
    if (oldId !== row.incident_id) await repo.deleteOverride(oldId);
    await repo.putOverride(row);
  });
}

/** Overlay `row` on its machine version and write what differs; the row saved with what was written. */
export async function writeReviewed(ctx: ReviewContext, row: OverrideRecord, current: Incident, oldId: string, t: Touched): Promise<Incident> {
  const wanted = reviewedInput(row);
  let stored = current;
  if (!sameIncident(wanted, current) || current.explanation.join('\n') !== wanted.explanation.join('\n')) {
    stored = await ctx.store.updateIncident(wanted);
    touch(t, current, stored);
  }
  row.applied = stored;
  row.members = memberIds(stored);
  row.updated_at = ctx.now().toISOString();
  await saveRecord(ctx, row, oldId);
  return stored;
}

/** Merge `holders` (the record's members spread over several incidents) into `target`. */
async function together(ctx: ReviewContext, target: Incident, holders: readonly Incident[], t: Touched): Promise<Incident> {
  const others = holders.filter((h) => h.id !== target.id).sort((a, b) => (a.id < b.id ? -1 : 1));
  const ids = [...new Set([target, ...others].flatMap(memberIds))];
  const merged = await machineIncident(ctx.store, target.id, ids, [target, ...others].flatMap((h) => h.explanation), ctx.grade);
  await ctx.store.transaction(async (tx) => {
    for (const o of others) await tx.deleteIncident(o.id);
    await tx.updateIncident(merged);
  });
  touch(t, target, ...others, merged);
  return (await ctx.store.getIncident(target.id))!;
}

/** Split `target` into one incident per record whose members it holds; returns the ids of the records laid over. */
async function apart(ctx: ReviewContext, target: Incident, row: OverrideRecord, t: Touched): Promise<string[]> {
  const owner = new Map<string, string>();
  for (const e of memberIds(target)) {
    const held = await ctx.repo.overrideIdsHolding([e]);
    if (held[0] !== undefined) owner.set(e, held[0]);
  }
  const keyed = await ctx.repo.override(target.id);
  const home = keyed !== null && [...owner.values()].includes(keyed.incident_id) ? keyed.incident_id : row.incident_id;
  const groups = new Map<string, string[]>();
  for (const e of memberIds(target)) {
    const o = owner.get(e) ?? home;
    const g = groups.get(o);
    if (g) g.push(e);
    else groups.set(o, [e]);
  }
  if (groups.size < 2) return [];

  const taken = new Set<string>();
  const parts: { row: OverrideRecord; oldId: string; id: string; members: string[] }[] = [];
  for (const [rowId, members] of groups) {
    const r = rowId === row.incident_id ? row : await ctx.repo.override(rowId);
    if (r === null) continue;
    const id = r.incident_id === target.id ? target.id : await freeId(ctx, r.incident_id, members[0]!, taken);
    taken.add(id);
    parts.push({ row: r, oldId: r.incident_id, id, members });
  }
  const inputs: IncidentInput[] = [];
  for (const p of parts) inputs.push(await machineIncident(ctx.store, p.id, p.members, target.explanation, ctx.grade));
  await ctx.store.transaction(async (tx) => {
    await tx.deleteIncident(target.id);
    for (const input of inputs) await tx.putIncident(input);
  });
  touch(t, target, ...inputs);
  for (const p of parts) {
    const stored = (await ctx.store.getIncident(p.id))!;
    p.row.incident_id = p.id;
    p.row.machine = machineOf(stored, null);
    await writeReviewed(ctx, p.row, stored, p.oldId, t);
  }
  return parts.map((p) => p.id);
}

/**
 * Lay the record kept under `rowId` over the store again. False when there was nothing to do
 * (the incident is as the review left it, or its members are no longer stored).
 */
export async function reapplyRecord(ctx: ReviewContext, rowId: string, t: Touched): Promise<boolean> {
  const row = await ctx.repo.override(rowId);
  if (row === null) return false;
  const holders = await holdersOf(ctx, row.members);
  if (holders.size === 0) {
    const own = await ctx.store.getIncident(row.incident_id);
    if (own === null) return false;
    holders.set(own.id, own);
  }
  const list = [...holders.values()];
  let target = holders.get(row.incident_id) ?? list.reduce((best, h) => {
    const n = (x: Incident) => x.members.filter((m) => row.members.includes(m.event_id)).length;
    return n(h) > n(best) || (n(h) === n(best) && h.id < best.id) ? h : best;
  });
  let structural = false;
  if (list.length > 1) {
    target = await together(ctx, target, list, t);
    structural = true;
  }
  if ((await apart(ctx, target, row, t)).length > 0) return true;
  if (!structural && sameIncident(target, row.applied)) return false;

  const oldId = row.incident_id;
  if (target.id !== oldId) {
    // Rebuilt under another id: the record moves with its members, unless another record is keyed there.
    const other = await ctx.repo.override(target.id);
    if (other !== null) return false;
    row.incident_id = target.id;
  }
  row.machine = machineOf(target, row);
  await writeReviewed(ctx, row, target, oldId, t);
  return true;
}
