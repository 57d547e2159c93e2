import { CoordinationInputError, CoordinationNotFoundError, CoordinationStateError } from './errors.js';
import type { CoordActor, CoordItem, CoordStep, FileInput, PartyId } from './types.js';
import { checkActor, checkAgreementId, checkShareList, checkSubject, checkText } from './validate.js';

/**
 * The rules of the channel, as pure functions from (item, request, actor) to the next item and
 * the step that records it. The backends only load, lock and save; every decision is here, so
 * SQLite and PostgreSQL cannot disagree.
 */

export type StepRequest =
  | { action: 'share'; with: readonly PartyId[] }
  | { action: 'acknowledge' }
  | { action: 'answer'; text: string }
  | { action: 'close'; text?: string | null };

export interface Transition {
  item: CoordItem;
  step: CoordStep;
}

/** The filer always sees its item; other parties only once it is shared with them. */
export function visibleTo(item: CoordItem, party: PartyId): boolean {
  return item.filed_by.party === party || item.shared_with.includes(party);
}

export function notVisible(id: string, party: PartyId): CoordinationNotFoundError {
  return new CoordinationNotFoundError(`no coordination item ${id} visible to party ${party}`);
}

export function fileItem(id: string, input: FileInput, actor: CoordActor, at: string): Transition {
  const who = checkActor(actor);
  const subject = checkSubject(input.subject);
  const text = checkText(input.text, 'the notification text');
  const shared = checkShareList(input.share_with ?? [], who.party);
  const item: CoordItem = {
    id,
    agreement_id: checkAgreementId(input.agreement_id),
    subject,
    text,
    filed_by: who,
    shared_with: shared,
    acknowledged_by: [],
    status: 'filed',
    created_at: at,
    updated_at: at,
    closed_at: null,
    closed_by: null,
  };
  return { item, step: { item_id: id, seq: 1, action: 'file', party: who.party, user: who.user, at, text, shared_with: shared } };
}

function recipients(item: CoordItem): string {
  return item.shared_with.length > 0 ? item.shared_with.join(', ') : 'nobody yet: it is private';
}

/**
 * The next state after `req` by `actor`, or a clear error. `seq` is the step's number (one more
 * than the item's last step). Visibility is checked first: a party that cannot see the item
 * learns nothing about its state.
 */
export function applyStep(item: CoordItem, req: StepRequest, actor: CoordActor, at: string, seq: number): Transition {
  const who = checkActor(actor);
  if (!visibleTo(item, who.party)) throw notVisible(item.id, who.party);
  if (item.status === 'closed') {
    const by = item.closed_by ? ` by ${item.closed_by.party} (${item.closed_by.user})` : '';
    throw new CoordinationStateError(`coordination item ${item.id} is already closed${by} at ${item.closed_at ?? '?'}; no further steps`);
  }
  const isFiler = who.party === item.filed_by.party;
  const base = { item_id: item.id, seq, party: who.party, user: who.user, at };
  switch (req.action) {
    case 'share': {
      if (!isFiler) throw new CoordinationStateError(`only the filing party (${item.filed_by.party}) shares coordination item ${item.id}`);
      const wanted = checkShareList(req.with, who.party);
      if (wanted.length === 0) throw new CoordinationInputError('name at least one party to share with');
      const added = wanted.filter((p) => !item.shared_with.includes(p));
      if (added.length === 0) throw new CoordinationStateError(`coordination item ${item.id} is already shared with ${wanted.join(', ')}`);
      return {
        item: { ...item, shared_with: [...item.shared_with, ...added], updated_at: at },
        step: { ...base, action: 'share', text: null, shared_with: added },
      };
    }
    case 'acknowledge': {
      if (isFiler) {
        throw new CoordinationStateError(`party ${who.party} filed coordination item ${item.id}; it is acknowledged by the parties it is shared with (${recipients(item)})`);
      }
      if (item.acknowledged_by.includes(who.party)) {
        throw new CoordinationStateError(`party ${who.party} has already acknowledged coordination item ${item.id}`);
      }
      return {
        item: {
          ...item, acknowledged_by: [...item.acknowledged_by, who.party],
          status: item.status === 'filed' ? 'acknowledged' : item.status, updated_at: at,
        },
        step: { ...base, action: 'acknowledge', text: null, shared_with: [] },
      };
    }
    case 'answer': {
      if (isFiler) {
        throw new CoordinationStateError(`party ${who.party} filed coordination item ${item.id} and cannot answer it; answers come from the parties it is shared with (${recipients(item)})`);
      }
      if (!item.acknowledged_by.includes(who.party)) {
        throw new CoordinationStateError(`party ${who.party} must acknowledge coordination item ${item.id} before answering it`);
      }
      const text = checkText(req.text, 'the answer');
      return {
        item: { ...item, status: 'answered', updated_at: at },
        step: { ...base, action: 'answer', text, shared_with: [] },
      };
    }
    case 'close': {
      const text = req.text === undefined || req.text === null || req.text.trim() === '' ? null : checkText(req.text, 'the closing note');
      return {
        item: { ...item, status: 'closed', updated_at: at, closed_at: at, closed_by: who },
        step: { ...base, action: 'close', text, shared_with: [] },
      };
    }
  }
}
