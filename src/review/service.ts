import { randomUUID } from 'node:crypto';
import type { GradeOptions } from '../incidents/grade.js';
import type { MonitorDb } from '../monitor/alerts/monitor-db.js';
import type { EventStore } from '../store/store.js';
import type { Incident, IncidentInput } from '../store/types.js';
import { reviewAccuracy } from './accuracy.js';
import { checkCorrection, sameIncident } from './correction.js';
import { freshRecord, machineOf, statusOf, type ReviewContext } from './overlay.js';
import { emptyTouched, reapplyRecord, touch, writeReviewed, type Touched } from './reapply.js';
import { machineIncident } from './recompute.js';
import type { OverrideRecord, ReviewRepo } from './review-repo.js';
import {
  ReviewError, type IncidentCorrection, type ReviewAccuracy, type ReviewAction, type ReviewActionKind, type ReviewedIncident,
  type ReviewService, type Reviewer,
} from './types.js';

/** Bring the monitor up to date over what a review touched (refreshMonitor, or nothing). */
export type AfterReview = (touched: Touched) => Promise<void>;

export interface ReviewServiceParts {
  store: EventStore;
  db: MonitorDb;
  repo: ReviewRepo;
  grade: GradeOptions;
  afterReview: AfterReview;
  now?: () => Date;
}

function checkReviewer(by: Reviewer): void {
  if (typeof by?.user !== 'string' || by.user.trim() === '') throw new ReviewError('invalid', 'reviewer: a user name is needed');
  if (by.role !== 'analyst' && by.role !== 'admin') throw new ReviewError('invalid', `reviewer ${by.user}: role must be analyst or admin, got ${JSON.stringify(by.role)}`);
}

function checkNote(note: string | undefined): string | null {
  if (note === undefined || note === null) return null;
  if (typeof note !== 'string') throw new ReviewError('invalid', 'note: must be text');
  const n = note.trim();
  return n === '' ? null : n;
}

function checkId(id: unknown, what = 'incident id'): string {
  if (typeof id !== 'string' || id.trim() === '') throw new ReviewError('invalid', `${what}: expected a non-empty string, got ${JSON.stringify(id)}`);
  return id;
}

/**
 * The review service over the store and the review tables. Every action first lays any earlier
 * review of the incidents over the store again (the machine may have rewritten them since), then
 * writes the store, then records the action and the incident's review record, then refreshes the
 * monitor over the incidents and days touched.
 */
export class StoreReviewService implements ReviewService {
  private readonly ctx: ReviewContext;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly parts: ReviewServiceParts) {
    this.ctx = { store: parts.store, repo: parts.repo, grade: parts.grade, now: parts.now ?? (() => new Date()) };
  }

  /** One review at a time in this process: an action reads, then writes, several tables. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async mustGet(id: string): Promise<Incident> {
    const inc = await this.ctx.store.getIncident(checkId(id));
    if (inc === null) throw new ReviewError('not-found', `incident ${id} does not exist`);
    return inc;
  }

  /** Lay over again the records of these incidents, in case the machine rewrote them. */
  private async sync(ids: readonly string[], t: Touched): Promise<void> {
    const rows = new Set<string>();
    for (const id of ids) {
      if ((await this.ctx.repo.override(id)) !== null) rows.add(id);
      const inc = await this.ctx.store.getIncident(id);
      if (inc !== null) for (const r of await this.ctx.repo.overrideIdsHolding(inc.members.map((m) => m.event_id))) rows.add(r);
    }
    for (const r of [...rows].sort()) await reapplyRecord(this.ctx, r, t);
  }

  private newAction(kind: ReviewActionKind, by: Reviewer, note: string | null, before: Incident[], after: Incident[], incidentIds: string[]): ReviewAction {
    return {
      id: `rev-${randomUUID()}`, kind, incident_ids: incidentIds, result_ids: after.map((i) => i.id),
      by: { user: by.user, role: by.role }, at: this.ctx.now().toISOString(), note, before, after,
    };
  }

  private async finish(action: ReviewAction, rows: readonly OverrideRecord[], dropped: readonly string[], t: Touched): Promise<void> {
    for (const r of rows) r.last_action_id = action.id;
    await this.ctx.repo.transaction(async (repo) => {
      await repo.addAction(action);
      for (const id of dropped) await repo.deleteOverride(id);
      for (const r of rows) await repo.putOverride(r);
    });
    touch(t, ...action.before, ...action.after);
    await this.parts.afterReview(t);
  }

  /** Review a single incident: `change` edits its record, which is then laid over the store. */
  private single(kind: 'confirm' | 'correct' | 'reject', id: string, by: Reviewer, noteIn: string | undefined,
    change: (row: OverrideRecord, inc: Incident) => void): Promise<ReviewedIncident> {
    return this.serial(async () => {
      checkReviewer(by);
      const note = checkNote(noteIn);
      const t = emptyTouched();
      await this.sync([checkId(id)], t);
      const before = await this.mustGet(id);
      const row = (await this.ctx.repo.override(id)) ?? freshRecord(before, by, this.ctx.now());
      change(row, before);
      row.last_by = by.user;
      const after = await writeReviewed(this.ctx, row, before, row.incident_id, t);
      const action = this.newAction(kind, by, note, [before], [after], [id]);
      await this.finish(action, [row], [], t);
      return { incident: after, status: statusOf(row), machine: this.machineShown(row, after), last_action: action };
    });
  }

  private machineShown(row: OverrideRecord, incident: Incident): Incident | null {
    return sameIncident(row.machine, incident) ? null : row.machine;
  }

  confirm(incidentId: string, by: Reviewer, note?: string): Promise<ReviewedIncident> {
    // Confirming says the incident happened as shown: a rejection is lifted, corrections stand.
    return this.single('confirm', incidentId, by, note, (row) => {
      row.rejected = false;
    });
  }

  correct(incidentId: string, changes: IncidentCorrection, by: Reviewer, note?: string): Promise<ReviewedIncident> {
    return this.single('correct', incidentId, by, note, (row, inc) => {
      const c = checkCorrection(changes, inc);
      // A sub-type corrected alone brings its type; a type kept by an earlier correction must follow.
      row.correction = { ...row.correction, ...c };
      // Correcting an incident says it happened: a rejection is lifted.
      row.rejected = false;
    });
  }

  reject(incidentId: string, by: Reviewer, note?: string): Promise<ReviewedIncident> {
    return this.single('reject', incidentId, by, note, (row) => {
      row.rejected = true;
    });
  }

  merge(incidentIds: readonly string[], by: Reviewer, noteIn?: string): Promise<ReviewedIncident> {
    return this.serial(async () => {
      checkReviewer(by);
      const note = checkNote(noteIn);
      if (!Array.isArray(incidentIds)) throw new ReviewError('invalid', 'merge: expected a list of incident ids');
      const ids = incidentIds.map((id) => checkId(id));
      if (new Set(ids).size !== ids.length) throw new ReviewError('invalid', `merge: an incident is listed twice (${ids.join(', ')})`);
      if (ids.length < 2) throw new ReviewError('invalid', `merge: needs two or more incidents, got ${ids.length}`);
      const t = emptyTouched();
      for (const id of ids) await this.mustGet(id);
      await this.sync(ids, t);
      const before: Incident[] = [];
      for (const id of ids) before.push(await this.mustGet(id));
      const target = before[0]!;
      const members = [...new Set(before.flatMap((i) => i.members.map((m) => m.event_id)))];
      const machine = await machineIncident(this.ctx.store, target.id, members, before.flatMap((i) => i.explanation), this.ctx.grade);
      await this.ctx.store.transaction(async (tx) => {
        for (const o of before.slice(1)) await tx.deleteIncident(o.id);
        await tx.updateIncident(machine);
      });
      const merged = (await this.ctx.store.getIncident(target.id))!;
      // The first incident's own review (corrections, rejection) carries over to the whole.
      const prev = await this.ctx.repo.override(target.id);
      const row: OverrideRecord = {
        ...(prev ?? freshRecord(merged, by, this.ctx.now())),
        origin: 'merge', machine: machineOf(merged, null), last_by: by.user,
      };
      const after = await writeReviewed(this.ctx, row, merged, target.id, t);
      const action = this.newAction('merge', by, note, before, [after], ids);
      await this.finish(action, [row], ids.slice(1), t);
      return { incident: after, status: statusOf(row), machine: this.machineShown(row, after), last_action: action };
    });
  }

  split(incidentId: string, groups: readonly (readonly string[])[], by: Reviewer, noteIn?: string): Promise<ReviewedIncident[]> {
    return this.serial(async () => {
      checkReviewer(by);
      const note = checkNote(noteIn);
      const t = emptyTouched();
      await this.sync([checkId(incidentId)], t);
      const before = await this.mustGet(incidentId);
      const parts = checkGroups(before, groups);
      // The part holding the incident's first member keeps its id; the others are named after their first member.
      const taken = new Set<string>([before.id]);
      const ids: string[] = [];
      for (const g of parts) {
        if (g.includes(before.members[0]!.event_id)) {
          ids.push(before.id);
          continue;
        }
        let id = `inc-${g[0]!}`;
        for (let n = 2; taken.has(id) || (await this.ctx.store.getIncident(id)) !== null; n++) id = `inc-${g[0]!}~${n}`;
        taken.add(id);
        ids.push(id);
      }
      const inputs: IncidentInput[] = [];
      for (let i = 0; i < parts.length; i++) {
        inputs.push(await machineIncident(this.ctx.store, ids[i]!, parts[i]!, before.explanation, this.ctx.grade));
      }
      await this.ctx.store.transaction(async (tx) => {
        // The part keeping the id first, so that the members it gives up are free for the others.
        const keep = inputs.findIndex((x) => x.id === before.id);
        await tx.updateIncident(inputs[keep]!);
        for (const x of inputs) if (x.id !== before.id) await tx.putIncident(x);
      });
      // Each part is the analyst's own: field corrections of the whole do not carry over.
      const rows: OverrideRecord[] = [];
      const after: Incident[] = [];
      for (const x of inputs) {
        const stored = (await this.ctx.store.getIncident(x.id))!;
        const row: OverrideRecord = { ...freshRecord(stored, by, this.ctx.now()), origin: 'split' };
        after.push(await writeReviewed(this.ctx, row, stored, row.incident_id, t));
        rows.push(row);
      }
      const action = this.newAction('split', by, note, [before], after, [incidentId]);
      await this.finish(action, rows, [], t);
      return rows.map((row, i) => ({ incident: after[i]!, status: statusOf(row), machine: this.machineShown(row, after[i]!), last_action: action }));
    });
  }

  async get(incidentId: string): Promise<ReviewedIncident | null> {
    const inc = await this.ctx.store.getIncident(checkId(incidentId));
    if (inc === null) return null;
    const row = await this.ctx.repo.override(incidentId);
    if (row === null) return { incident: inc, status: 'unreviewed', machine: null, last_action: null };
    const last = row.last_action_id === null ? null : await this.ctx.repo.action(row.last_action_id);
    return { incident: inc, status: statusOf(row), machine: this.machineShown(row, inc), last_action: last };
  }

  history(incidentId: string): Promise<ReviewAction[]> {
    return this.ctx.repo.actionsOf(checkId(incidentId));
  }

  async accuracy(): Promise<ReviewAccuracy> {
    return reviewAccuracy(await this.ctx.repo.allOverrides(), await this.ctx.repo.actionCounts());
  }

  reapply(incidentIds?: readonly string[]): Promise<{ reapplied: number; incident_ids: string[] }> {
    return this.serial(async () => {
      const t = emptyTouched();
      if (await this.ctx.repo.isEmpty()) return { reapplied: 0, incident_ids: [] };
      let rowIds: string[];
      if (incidentIds === undefined) {
        rowIds = await this.ctx.repo.overrideIds();
      } else {
        const set = new Set<string>();
        for (const id of incidentIds) {
          if ((await this.ctx.repo.override(id)) !== null) set.add(id);
          const inc = await this.ctx.store.getIncident(id);
          if (inc !== null) for (const r of await this.ctx.repo.overrideIdsHolding(inc.members.map((m) => m.event_id))) set.add(r);
        }
        rowIds = [...set].sort();
      }
      let reapplied = 0;
      for (const id of rowIds) if (await reapplyRecord(this.ctx, id, t)) reapplied++;
      if (t.incidentIds.size > 0) await this.parts.afterReview(t);
      return { reapplied, incident_ids: [...t.incidentIds].sort() };
    });
  }

  async close(): Promise<void> {
    await this.chain;
    await this.parts.db.close();
  }
}

/** Split groups: each a list of member event ids, every member in exactly one, two groups at least. */
function checkGroups(inc: Incident, groups: unknown): string[][] {
  if (!Array.isArray(groups) || groups.some((g) => !Array.isArray(g) || g.some((e: unknown) => typeof e !== 'string'))) {
    throw new ReviewError('invalid', 'split: groups must be lists of member event ids');
  }
  const gs = groups as string[][];
  if (gs.length < 2) throw new ReviewError('invalid', `split: needs two or more groups, got ${gs.length}`);
  const members = inc.members.map((m) => m.event_id);
  const seen = new Set<string>();
  for (const g of gs) {
    if (g.length === 0) throw new ReviewError('invalid', 'split: a group is empty');
    for (const e of g) {
      if (!members.includes(e)) throw new ReviewError('invalid', `split: event ${e} is not a member of incident ${inc.id}`);
      if (seen.has(e)) throw new ReviewError('invalid', `split: event ${e} is in two groups`);
      seen.add(e);
    }
  }
  const missing = members.filter((e) => !seen.has(e));
  if (missing.length > 0) throw new ReviewError('invalid', `split: every member must be in a group; missing ${missing.join(', ')}`);
  // Members keep the incident's order within their part.
  return gs.map((g) => members.filter((e) => g.includes(e)));
}

