import { afterEach, beforeEach, expect, it } from 'vitest';
import { ControlTimeline } from '../../../src/monitor/control/index.js';
import type { ControlClaim, ControlPlace } from '../../../src/monitor/control/index.js';
import { resolveControl } from '../../../src/monitor/control/resolve.js';
import type { MarsadEvent } from '../../../src/model/event.js';
import type { EventStore } from '../../../src/store/store.js';
import { ACTORS, fixture, makeIncident, type EventSpec } from '../../store/fixtures.js';
import { describeBackends, type Opened } from '../alerts/backends.js';

const GOV = ACTORS.gov.id;
const OPP = ACTORS.opp.id;
const KAFR = 'test:kafrNabudah';
const QALAAT = 'test:qalaatMadiq';

const capture = (place: EventSpec['place'], day: string | [string, string], who: 'gov' | 'opp' = 'gov'): EventSpec => ({
  sub: who === 'gov' ? 'Government regains territory' : 'Non-state actor overtakes territory',
  place,
  date: typeof day === 'string' ? [day, day] : day,
  actor1: who === 'gov' ? ACTORS.gov : ACTORS.opp,
  actor2: who === 'gov' ? ACTORS.opp : ACTORS.gov,
  evidence: who === 'gov' ? 'سيطرت قوات النظام على البلدة' : 'استعادت فصائل المعارضة السيطرة على البلدة',
});

async function put(store: EventStore, id: string, specs: EventSpec[], source = 'Example News', edit?: (e: MarsadEvent) => void): Promise<MarsadEvent[]> {
  const f = fixture(id, specs, { source });
  if (edit) f.events.forEach(edit);
  await store.putDocument(f.doc, f.text, f.events);
  return f.events;
}

describeBackends('control of territory', (open) => {
  let o: Opened;
  let t: ControlTimeline;
  beforeEach(async () => {
    o = await open();
    t = await ControlTimeline.open(o.db);
  });
  afterEach(async () => {
    await o.close();
  });

  it('two villages captured: nobody before, the government after, on its evidence; the map by date and box', async () => {
    const [k] = await put(o.store, 'd1', [capture('kafrNabudah', '2019-05-08')]);
    await put(o.store, 'd2', [capture('qalaatMadiq', '2019-05-09')]);
    const s = await t.update(o.store);
    expect(s).toMatchObject({ events: 2, added: 2, changed: 0 });

    const before = await t.controlAt(KAFR, '2019-05-01');
    expect(before?.status).toBe('unknown');
    expect(before?.claims).toEqual([]);

    const after = await t.controlAt(KAFR, '2019-05-10');
    expect(after).toMatchObject({ status: 'held', holder: GOV, since: { start: '2019-05-08', end: '2019-05-08' }, in_transition: false });
    expect(after!.place).toMatchObject({ key: KAFR, name: 'Kafr Nabudah', name_ar: 'كفر نبودة' });
    expect(after!.claims).toHaveLength(1);
    expect(after!.claims[0]).toMatchObject({ id: `ev:${k!.id}`, event_ids: [k!.id], doc_ids: ['d1'], sources: ['Example News'] });
    expect(after!.claims[0]!.evidence[0]).toContain('سيطرت قوات النظام');

    expect((await t.controlMap('2019-05-08')).map((p) => p.place.key)).toEqual([KAFR]);
    const map = await t.controlMap('2019-05-10');
    expect(map.map((p) => [p.place.key, p.holder])).toEqual([[KAFR, GOV], [QALAAT, GOV]]);
    // Kafr Nabudah is at 36.49 E, Qalaat al-Madiq at 36.39 E.
    expect((await t.controlMap('2019-05-10', [36.45, 35.3, 36.6, 35.5])).map((p) => p.place.key)).toEqual([KAFR]);
    // The changes reported for a period (a daily report's "changes of control").
    expect((await t.changes('2019-05-09', '2019-05-09')).map((c) => c.place.key)).toEqual([QALAAT]);
    expect((await t.changes('2019-05-01', '2019-05-31')).map((c) => c.place.key)).toEqual([KAFR, QALAAT]);
    // By name, Arabic spelled differently (no space, ه for ة) finds the same place.
    expect((await t.controlOfNamed('كفرنبوده', '2019-05-10')).map((p) => p.holder)).toEqual([GOV]);
    expect((await t.controlOfNamed('Kafr Nabudah', '2019-05-10'))[0]?.place.key).toBe(KAFR);
  });

  it('a place retaken and retaken again: each date gets its holder, with the one before', async () => {
    await put(o.store, 'd1', [capture('kafrNabudah', '2019-05-08')]);
    await put(o.store, 'd2', [capture('kafrNabudah', '2019-05-27', 'opp')], 'Source B');
    await put(o.store, 'd3', [capture('kafrNabudah', '2019-06-05')], 'Source C');
    await t.update(o.store);
    expect((await t.controlAt(KAFR, '2019-05-20'))).toMatchObject({ status: 'held', holder: GOV });
    const retaken = await t.controlAt(KAFR, '2019-05-28');
    expect(retaken).toMatchObject({ status: 'held', holder: OPP, since: { start: '2019-05-27' } });
    expect(retaken!.previous).toMatchObject({ status: 'held', holder: GOV });
    expect(retaken!.claims.map((c) => c.sources)).toEqual([['Source B']]);
    expect(await t.controlAt(KAFR, '2019-06-10')).toMatchObject({ status: 'held', holder: GOV, previous: { holder: OPP } });
  });

  it('contradictory reports are kept and shown side by side, not overwritten', async () => {
    await put(o.store, 'd1', [capture('qalaatMadiq', '2019-05-09')], 'Source A');
    await put(o.store, 'd2', [capture('qalaatMadiq', '2019-05-09', 'opp')], 'Source B');
    await t.update(o.store);
    const c = await t.controlAt(QALAAT, '2019-05-12');
    expect(c?.status).toBe('contested');
    expect(c?.holder).toBeNull();
    expect(c?.holders).toEqual(expect.arrayContaining([GOV, OPP]));
    expect(c?.claims.map((x) => [x.holder, x.sources[0]]).sort()).toEqual([[GOV, 'Source A'], [OPP, 'Source B']].sort());
    // A later, agreed report settles it, and the contest stays visible as what came before.
    await put(o.store, 'd3', [capture('qalaatMadiq', '2019-05-20')], 'Source C');
    await t.update(o.store);
    const later = await t.controlAt(QALAAT, '2019-05-21');
    expect(later).toMatchObject({ status: 'held', holder: GOV, previous: { status: 'contested' } });
    // The contested period itself is still answered as contested.
    expect((await t.controlAt(QALAAT, '2019-05-12'))?.status).toBe('contested');
  });

  it('a change reported over a range: in transition inside it, settled after', async () => {
    await put(o.store, 'd1', [capture('kafrNabudah', ['2019-04-26', '2019-06-05'])]);
    await t.update(o.store);
    expect(await t.controlAt(KAFR, '2019-05-01')).toMatchObject({ status: 'held', holder: GOV, in_transition: true });
    expect(await t.controlAt(KAFR, '2019-06-06')).toMatchObject({ status: 'held', holder: GOV, in_transition: false });
    expect((await t.controlAt(KAFR, '2019-04-25'))?.status).toBe('unknown');
  });

  it('a withdrawal hands the place to the other side', async () => {
    await put(o.store, 'd1', [{
      sub: 'Non-violent transfer of territory', place: 'kafrNabudah', date: ['2019-07-01', '2019-07-01'],
      actor1: ACTORS.opp, actor2: ACTORS.gov, evidence: 'انسحبت فصائل المعارضة من البلدة',
    }], 'Example News', (e) => {
      e.plover = 'RETREAT';
      e.plover_mode = 'withdraw';
    });
    await t.update(o.store);
    expect(await t.controlAt(KAFR, '2019-07-02')).toMatchObject({ status: 'held', holder: GOV });
    expect((await t.controlAt(KAFR, '2019-07-02'))!.claims[0]!.from_actor).toBe(OPP);
  });

  it('is idempotent: feeding the same reports again writes nothing and answers the same', async () => {
    await put(o.store, 'd1', [capture('kafrNabudah', '2019-05-08'), capture('qalaatMadiq', '2019-05-09')]);
    await put(o.store, 'd2', [capture('qalaatMadiq', '2019-05-09', 'opp')], 'Source B');
    await t.update(o.store);
    const map1 = await t.controlMap('2019-06-01');
    const n1 = await t.repo.count();
    const again = await t.update(o.store);
    expect(again).toMatchObject({ added: 0, changed: 0, removed: 0, claims: 3 });
    expect(await t.repo.count()).toBe(n1);
    expect(await t.controlMap('2019-06-01')).toEqual(map1);
  });

  it('an incident speaks for its sources; discounted it withdraws, contested its sources speak again', async () => {
    const [a] = await put(o.store, 'd1', [capture('kafrNabudah', '2019-05-08')], 'Source A');
    const [b] = await put(o.store, 'd2', [capture('kafrNabudah', '2019-05-08')], 'Source B');
    const inc = makeIncident('inc-1', [a!.id, b!.id], {
      event_type: 'Battles', sub_event_type: 'Government regains territory', grade: 'multiple-sources',
      date: { start: '2019-05-08', end: '2019-05-08' }, actor_ids: [GOV, OPP], fatalities: null,
    });
    await o.store.putIncident(inc);
    await t.update(o.store);
    const held = await t.controlAt(KAFR, '2019-05-09');
    expect(held).toMatchObject({ status: 'held', holder: GOV });
    expect(held!.claims.map((c) => c.id)).toEqual(['inc:inc-1']);
    expect(held!.claims[0]).toMatchObject({ grade: 'multiple-sources', sources: ['Source A', 'Source B'] });
    expect(held!.claims[0]!.event_ids.sort()).toEqual([a!.id, b!.id].sort());

    await o.store.updateIncident({ ...inc, grade: 'discounted' });
    await t.update(o.store);
    const gone = await t.controlAt(KAFR, '2019-05-09');
    expect(gone?.status).toBe('unknown');
    expect(await t.controlMap('2019-05-09')).toEqual([]);

    await o.store.updateIncident({ ...inc, grade: 'contested' });
    const s = await t.update(o.store);
    expect(s.removed).toBe(1);
    const back = await t.controlAt(KAFR, '2019-05-09');
    expect(back?.claims.map((c) => c.id).sort()).toEqual([`ev:${a!.id}`, `ev:${b!.id}`].sort());
    expect(back?.claims.every((c) => c.grade === 'contested')).toBe(true);
  });

  it('rejects a bad date with a message naming it', async () => {
    await expect(t.controlAt(KAFR, '2019-13-01')).rejects.toThrow(/date: expected a date YYYY-MM-DD, got "2019-13-01"/);
  });
});

it('the rule: overlapping claims with different holders are contested; a later clear change wins', () => {
  const place: ControlPlace = { key: 'p', name: 'P', name_ar: null, lat: 0, lon: 0, admin1: null, country: 'SY' };
  const claim = (id: string, holder: string, start: string, end = start): ControlClaim => ({
    id, place, holder, holder_name: null, from_actor: null, sub_event_type: 'Government regains territory',
    since: { start, end }, grade: null, confidence: 0.8, event_ids: [id], doc_ids: [id], sources: [id], evidence: [], superseded_by: null,
  });
  const vague = claim('vague', 'gov', '2019-04-26', '2019-06-05');
  const precise = claim('precise', 'opp', '2019-05-10');
  expect(resolveControl(place, [vague, precise], '2019-05-20')).toMatchObject({ status: 'contested', holders: ['gov', 'opp'] });
  expect(resolveControl(place, [vague, precise, claim('late', 'gov', '2019-06-10')], '2019-06-11'))
    .toMatchObject({ status: 'held', holder: 'gov', since: { start: '2019-06-10' }, previous: { status: 'contested' } });
  // Agreeing reports narrow the date: the intersection of their ranges.
  expect(resolveControl(place, [vague, claim('exact', 'gov', '2019-05-02')], '2019-06-11'))
    .toMatchObject({ status: 'held', since: { start: '2019-05-02', end: '2019-05-02' } });
});
