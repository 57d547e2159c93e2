import type { EventStore } from '../../store/store.js';
import type { BBox } from '../../store/types.js';
import { checkDay, type MonitorDb } from '../alerts/monitor-db.js';
import { ControlRepo } from './control-repo.js';
import { isCountingClaim, resolveControl } from './resolve.js';
import type { ControlClaim, PlaceControl } from './types.js';
import { updateControl, type ControlUpdateOptions, type ControlUpdateSummary } from './update-control.js';

export * from './types.js';
export { claimFromEvent, claimFromIncident, holderOf, placeOf } from './claims.js';
export { ControlRepo } from './control-repo.js';
export { resolveControl } from './resolve.js';
export { updateControl, type ControlUpdateOptions, type ControlUpdateSummary } from './update-control.js';

/**
 * Control of territory: a per-place timeline of reported changes of control, and who holds a
 * place (or every place of an area) on any date. See resolve.ts for the rule.
 */
export class ControlTimeline {
  private constructor(readonly repo: ControlRepo) {}

  static async open(db: MonitorDb): Promise<ControlTimeline> {
    return new ControlTimeline(await ControlRepo.open(db));
  }

  /** Read the store's territory reports into the timeline (idempotent). */
  update(store: EventStore, opts: ControlUpdateOptions = {}): Promise<ControlUpdateSummary> {
    if (opts.from !== undefined) checkDay('from', opts.from);
    if (opts.to !== undefined) checkDay('to', opts.to);
    return updateControl(store, this.repo, opts);
  }

  /** Who holds the place with this key (gazetteer id) on `date`; null when no report names it. */
  async controlAt(placeKey: string, date: string): Promise<PlaceControl | null> {
    checkDay('date', date);
    const claims = await this.repo.claimsForPlace(placeKey);
    if (claims.length === 0) return null;
    return resolveControl(claims[0]!.place, claims, date);
  }

  /** controlAt for every place whose key, English or Arabic name is `name` (homonyms give several). */
  async controlOfNamed(name: string, date: string): Promise<PlaceControl[]> {
    checkDay('date', date);
    const out: PlaceControl[] = [];
    for (const p of await this.repo.findPlaces(name)) {
      const c = await this.controlAt(p.key, date);
      if (c) out.push(c);
    }
    return out;
  }

  /**
   * The changes of control reported for [from, to] (claims whose date range overlaps it, in a box
   * when given), superseded and discounted ones left out — e.g. a daily report's "changes of control".
   */
  async changes(from: string, to: string, bbox?: BBox): Promise<ControlClaim[]> {
    checkDay('from', from);
    checkDay('to', to);
    return (await this.repo.claimsBetween(from, to, bbox)).filter(isCountingClaim);
  }

  /** Every place with a reported change on or before `date` (in `bbox` when given), and who holds it. */
  async controlMap(date: string, bbox?: BBox): Promise<PlaceControl[]> {
    checkDay('date', date);
    const byPlace = new Map<string, ControlClaim[]>();
    for (const c of await this.repo.claimsUpTo(date, bbox)) {
      if (!isCountingClaim(c)) continue;
      const l = byPlace.get(c.place.key);
      if (l) l.push(c);
      else byPlace.set(c.place.key, [c]);
    }
    const out: PlaceControl[] = [];
    for (const claims of byPlace.values()) out.push(resolveControl(claims[0]!.place, claims, date));
    return out.sort((a, b) => (a.place.name < b.place.name ? -1 : a.place.name > b.place.name ? 1 : a.place.key < b.place.key ? -1 : 1));
  }
}
