import { afterEach, beforeEach, expect, it } from 'vitest';
import { AlertOutbox } from '../../../src/monitor/alerts/outbox.js';
import { EscalationRepo, runEscalation } from '../../../src/monitor/escalation/index.js';
import { describeBackends, type Opened } from '../alerts/backends.js';
import { AGREEMENT, HAMA_UNIT, ZONE_UNIT, scenario, storeIncident } from './fixtures.js';

describeBackends('escalation run', (open) => {
  let o: Opened;
  let repo: EscalationRepo;
  let outbox: AlertOutbox;
  beforeEach(async () => {
    o = await open();
    repo = await EscalationRepo.open(o.db);
    outbox = await AlertOutbox.open(o.db);
    for (const [id, s] of scenario()) await storeIncident(o.store, id, s);
  });
  afterEach(async () => {
    await o.close();
  });

  it('records one alert per crossing and per post attacked; recomputing records nothing new', async () => {
    const r = await runEscalation(o.store, repo, outbox, [AGREEMENT], { from: '2019-04-29', to: '2019-05-31' });
    const ids = r.recorded.map((a) => a.id).sort();
    expect(ids).toEqual([
      `escalation-threshold:${HAMA_UNIT}:2019-05-01`,
      `escalation-threshold:${HAMA_UNIT}:2019-05-21`,
      `escalation-threshold:${ZONE_UNIT}:2019-05-01`,
      `escalation-threshold:${ZONE_UNIT}:2019-05-21`,
      'post-attacked:test-sochi:inc-shelling-post',
    ]);
    expect(await outbox.count()).toBe(5);

    const series = await repo.series(ZONE_UNIT, '2019-05-01', '2019-05-04');
    expect(series.map((d) => [d.day, d.score, d.crossed])).toEqual([
      ['2019-05-01', 12, true], ['2019-05-02', 12, false], ['2019-05-03', 12, false], ['2019-05-04', 0, false],
    ]);

    const again = await runEscalation(o.store, repo, outbox, [AGREEMENT], { from: '2019-04-29', to: '2019-05-31' });
    expect(again.alerts).toHaveLength(5);
    expect(again.recorded).toEqual([]);
    // An overlapping range, starting in the middle of the high spell: the stored state says the
    // unit is disarmed, so 2 May does not alert.
    const overlap = await runEscalation(o.store, repo, outbox, [AGREEMENT], { from: '2019-05-02', to: '2019-05-25' });
    expect(overlap.recorded).toEqual([]);
    expect(overlap.alerts.filter((a) => a.kind === 'escalation-threshold').map((a) => a.day)).toEqual(['2019-05-21', '2019-05-21']);
    expect(await outbox.count()).toBe(5);
    const listed = await outbox.list({ kind: 'post-attacked' });
    expect(listed).toHaveLength(1);
    expect(listed[0]!.deliveries.map((d) => d.channel)).toEqual(['log', 'stream']);
  });

  it('a zone asked for alone: only its unit and its agreement posts', async () => {
    const r = await runEscalation(o.store, repo, outbox, [AGREEMENT], {
      from: '2019-04-29', to: '2019-05-31', units: new Set([ZONE_UNIT]),
    });
    expect(new Set(r.days.map((d) => d.unit.id))).toEqual(new Set([ZONE_UNIT]));
    expect(r.recorded.map((a) => a.kind).sort()).toEqual(['escalation-threshold', 'escalation-threshold', 'post-attacked']);
  });

  it('rejects a reversed range', async () => {
    await expect(runEscalation(o.store, repo, outbox, [AGREEMENT], { from: '2019-05-02', to: '2019-05-01' })).rejects.toThrow(/after/);
  });
});
