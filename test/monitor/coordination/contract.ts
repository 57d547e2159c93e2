import { describe, expect, it } from 'vitest';
import {
  CoordinationInputError, CoordinationNotFoundError, CoordinationStateError,
} from '../../../src/monitor/coordination/errors.js';
import type { CoordinationLog, CoordinationLogOptions } from '../../../src/monitor/coordination/log.js';

/**
 * What every backend of the coordination log must do. `open` gives a fresh, empty log each call
 * (its own SQLite file or PostgreSQL schema); `raw` runs SQL on that same database, to check the
 * audit trail cannot be changed underneath the log.
 */
export interface CoordHarness {
  open(opts?: CoordinationLogOptions): Promise<{ log: CoordinationLog; raw: (sql: string) => Promise<void>; reopen: () => Promise<CoordinationLog> }>;
}

const TR = { party: 'turkey', user: 'Lt. Col. Aydin' };
const RU = { party: 'russia', user: 'Maj. Petrov' };
const IR = { party: 'iran', user: 'Col. Rahimi' };

/** A clock that moves one second per reading, so every step has its own time. */
function ticking(start = '2019-06-05T08:00:00.000Z'): () => Date {
  let t = Date.parse(start);
  return () => new Date((t += 1000));
}

function counter(): () => string {
  let n = 0;
  return () => `cn-test${++n}`;
}

export function defineCoordinationContract(name: string, h: CoordHarness): void {
  describe(`coordination log (${name})`, () => {
    it('runs file → share → acknowledge → answer → close and keeps every step in order, with who and when', async () => {
      const { log, reopen } = await h.open({ now: ticking(), newId: counter() });
      const filed = await log.file(TR, {
        subject: { kind: 'incident', incident_id: 'inc-kafr-nabudah' },
        text: 'Air strike on Kafr Nabudah inside the zone; request explanation.',
        agreement_id: 'idlib-sochi-2018',
      });
      expect(filed.item).toMatchObject({ id: 'cn-test1', status: 'filed', shared_with: [], filed_by: TR });
      await log.share('cn-test1', TR, ['russia']);
      await log.acknowledge('cn-test1', RU);
      const answered = await log.answer('cn-test1', RU, 'Strike targeted a weapons depot; investigating.');
      expect(answered.item.status).toBe('answered');
      const closed = await log.closeItem('cn-test1', TR, 'Explanation received.');
      expect(closed.item).toMatchObject({ status: 'closed', closed_by: TR });
      await log.close();

      // A new connection sees the same trail: it is in the database, not in memory.
      const again = await reopen();
      try {
        const { item, steps } = await again.show('cn-test1', 'russia');
        expect(item.status).toBe('closed');
        expect(item.agreement_id).toBe('idlib-sochi-2018');
        expect(steps.map((s) => [s.seq, s.action, s.party, s.user])).toEqual([
          [1, 'file', 'turkey', 'Lt. Col. Aydin'],
          [2, 'share', 'turkey', 'Lt. Col. Aydin'],
          [3, 'acknowledge', 'russia', 'Maj. Petrov'],
          [4, 'answer', 'russia', 'Maj. Petrov'],
          [5, 'close', 'turkey', 'Lt. Col. Aydin'],
        ]);
        expect(steps[1]!.shared_with).toEqual(['russia']);
        expect(steps[3]!.text).toBe('Strike targeted a weapons depot; investigating.');
        expect(steps[4]!.text).toBe('Explanation received.');
        const times = steps.map((s) => s.at);
        expect([...times].sort()).toEqual(times);
        expect(new Set(times).size).toBe(5);
      } finally {
        await again.close();
      }
    });

    it('refuses steps the state does not allow, with clear errors', async () => {
      const { log } = await h.open({ now: ticking(), newId: counter() });
      try {
        await log.file(TR, {
          subject: { kind: 'place', place: 'Kafr Nabudah', date: '2019-06-04', lat: 35.43175, lon: 36.49354 },
          text: 'Shelling reported near the post.', share_with: ['russia'],
        });
        await expect(log.answer('cn-test1', TR, 'we answer ourselves')).rejects.toThrow(CoordinationStateError);
        await expect(log.answer('cn-test1', TR, 'x')).rejects.toThrow(/turkey filed coordination item cn-test1 and cannot answer it/);
        await expect(log.acknowledge('cn-test1', TR)).rejects.toThrow(/filed coordination item cn-test1/);
        await expect(log.answer('cn-test1', RU, 'too early')).rejects.toThrow(/must acknowledge coordination item cn-test1 before answering/);
        await log.acknowledge('cn-test1', RU);
        await expect(log.acknowledge('cn-test1', RU)).rejects.toThrow(/already acknowledged/);
        await expect(log.share('cn-test1', RU, ['iran'])).rejects.toThrow(/only the filing party \(turkey\)/);
        await expect(log.share('cn-test1', TR, ['russia'])).rejects.toThrow(/already shared with russia/);
        await expect(log.share('cn-test1', TR, ['turkey'])).rejects.toThrow(CoordinationInputError);
        await expect(log.answer('cn-test1', RU, '   ')).rejects.toThrow(/the answer is empty/);
        await log.closeItem('cn-test1', RU);
        await expect(log.closeItem('cn-test1', TR)).rejects.toThrow(/cn-test1 is already closed by russia \(Maj\. Petrov\)/);
        await expect(log.answer('cn-test1', RU, 'late')).rejects.toThrow(CoordinationStateError);
        // Refused steps leave no trace.
        const { steps } = await log.show('cn-test1', 'turkey');
        expect(steps.map((s) => s.action)).toEqual(['file', 'acknowledge', 'close']);
        await expect(log.acknowledge('cn-nope', RU)).rejects.toThrow(CoordinationNotFoundError);
      } finally {
        await log.close();
      }
    });

    it('validates what is filed', async () => {
      const { log } = await h.open({ now: ticking(), newId: counter() });
      try {
        await expect(log.file(TR, { subject: { kind: 'place', place: 'Morek', date: '2019-02-30', lat: null, lon: null }, text: 'x' }))
          .rejects.toThrow(/"2019-02-30" is not a calendar date/);
        await expect(log.file({ party: 'Turkey!', user: 'x' }, { subject: { kind: 'incident', incident_id: 'i1' }, text: 'x' }))
          .rejects.toThrow(/"Turkey!" is not a party id/);
        await expect(log.file({ party: 'turkey', user: ' ' }, { subject: { kind: 'incident', incident_id: 'i1' }, text: 'x' }))
          .rejects.toThrow(/user\) is empty/);
        await expect(log.file(TR, { subject: { kind: 'place', place: 'Morek', date: '2019-02-01', lat: 95, lon: 36 }, text: 'x' }))
          .rejects.toThrow(/latitude 95/);
        expect(await log.list('turkey')).toEqual([]);
      } finally {
        await log.close();
      }
    });

    it("shows each party its own and shared items only; another's private item is not found", async () => {
      const { log } = await h.open({ now: ticking(), newId: counter() });
      try {
        await log.file(TR, { subject: { kind: 'incident', incident_id: 'i1' }, text: 'private draft' });
        await log.file(TR, { subject: { kind: 'incident', incident_id: 'i2' }, text: 'to russia', share_with: ['russia'] });
        await log.file(RU, { subject: { kind: 'incident', incident_id: 'i3' }, text: 'from russia to turkey and iran', share_with: ['turkey', 'iran'] });
        await log.file(IR, { subject: { kind: 'incident', incident_id: 'i4' }, text: 'iran private' });

        const ids = async (party: string, scope?: 'own' | 'shared' | 'all') =>
          (await log.list(party, scope ? { scope } : {})).map((i) => i.id).sort();
        expect(await ids('turkey')).toEqual(['cn-test1', 'cn-test2', 'cn-test3']);
        expect(await ids('turkey', 'own')).toEqual(['cn-test1', 'cn-test2']);
        expect(await ids('turkey', 'shared')).toEqual(['cn-test3']);
        expect(await ids('russia')).toEqual(['cn-test2', 'cn-test3']);
        expect(await ids('iran')).toEqual(['cn-test3', 'cn-test4']);
        expect(await ids('usa')).toEqual([]);

        await expect(log.show('cn-test1', 'russia')).rejects.toThrow(CoordinationNotFoundError);
        await expect(log.show('cn-test1', 'russia')).rejects.toThrow('no coordination item cn-test1 visible to party russia');
        // Acting on an invisible item says the same as for a missing one: nothing leaks about it.
        await expect(log.acknowledge('cn-test1', RU)).rejects.toThrow('no coordination item cn-test1 visible to party russia');
        await expect(log.closeItem('cn-test1', RU)).rejects.toThrow(CoordinationNotFoundError);
        await expect(log.acknowledge('cn-test2', IR)).rejects.toThrow(CoordinationNotFoundError);

        // Sharing later makes it visible, with the history from the start.
        await log.share('cn-test1', TR, ['russia', 'iran']);
        expect(await ids('russia')).toEqual(['cn-test1', 'cn-test2', 'cn-test3']);
        const shown = await log.show('cn-test1', 'iran');
        expect(shown.steps.map((s) => s.action)).toEqual(['file', 'share']);
        expect(shown.item.shared_with).toEqual(['russia', 'iran']);

        // Filters.
        await log.acknowledge('cn-test2', RU);
        expect((await log.list('russia', { status: 'acknowledged' })).map((i) => i.id)).toEqual(['cn-test2']);
        expect((await log.list('turkey', { incident_id: 'i3' })).map((i) => i.id)).toEqual(['cn-test3']);
        expect((await log.list('turkey', { limit: 1 })).map((i) => i.id)).toEqual(['cn-test3']); // newest first
      } finally {
        await log.close();
      }
    });

    it('keeps the audit trail append-only in the database itself', async () => {
      const { log, raw } = await h.open({ now: ticking(), newId: counter() });
      try {
        await log.file(TR, { subject: { kind: 'incident', incident_id: 'i1' }, text: 'n' });
        await expect(raw("UPDATE coord_steps SET user_name = 'someone else'")).rejects.toThrow(/append-only/);
        await expect(raw('DELETE FROM coord_steps')).rejects.toThrow(/append-only/);
        const { steps } = await log.show('cn-test1', 'turkey');
        expect(steps[0]!.user).toBe('Lt. Col. Aydin');
      } finally {
        await log.close();
      }
    });

    it('serialises officers acting at once on the same item', async () => {
      const { log, reopen } = await h.open({ newId: counter() });
      const other = await reopen();
      try {
        await log.file(TR, { subject: { kind: 'incident', incident_id: 'i1' }, text: 'n', share_with: ['russia', 'iran'] });
        const results = await Promise.allSettled([
          log.closeItem('cn-test1', TR, 'done'),
          other.closeItem('cn-test1', RU, 'done too'),
          log.acknowledge('cn-test1', IR),
        ]);
        const closes = results.slice(0, 2);
        expect(closes.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const rejected = closes.find((r) => r.status === 'rejected') as PromiseRejectedResult;
        expect(String(rejected.reason)).toMatch(/already closed/);
        const { steps } = await log.show('cn-test1', 'turkey');
        expect(steps.map((s) => s.seq)).toEqual(steps.map((_, i) => i + 1));
        expect(steps.filter((s) => s.action === 'close')).toHaveLength(1);
      } finally {
        await log.close();
        await other.close();
      }
    });
  });
}
