/**
 * The coordination log: the "standing channel" between the parties' liaison officers. A party
 * files a notification about an incident (or a place and a day), the parties it is shared with
 * acknowledge and answer it, and either side closes it. Every step is kept, append-only.
 */

/** A party id (an actor id of the catalogue where one fits, e.g. "turkey", "russia"). */
export type PartyId = string;

/** Who took a step: the party acting and the officer (user name) acting for it. */
export interface CoordActor {
  party: PartyId;
  user: string;
}

/** What a notification is about: a stored incident, or a place on a day. */
export type CoordSubject =
  | { kind: 'incident'; incident_id: string }
  | { kind: 'place'; place: string; date: string; lat: number | null; lon: number | null };

/**
 * filed: sent (or still private to the filer); acknowledged: at least one party it is shared
 * with confirmed receipt; answered: at least one such party answered; closed: done, no more steps.
 */
export type CoordStatus = 'filed' | 'acknowledged' | 'answered' | 'closed';
export const COORD_STATUSES: readonly CoordStatus[] = ['filed', 'acknowledged', 'answered', 'closed'];

export type CoordAction = 'file' | 'share' | 'acknowledge' | 'answer' | 'close';

/** The current state of one notification (a projection of its steps). */
export interface CoordItem {
  id: string;
  /** Optional agreement the notification is raised under. */
  agreement_id: string | null;
  subject: CoordSubject;
  /** The notification itself, as the filing officer wrote it. */
  text: string;
  filed_by: CoordActor;
  /** Parties, other than the filer, that see the item; empty = private to the filing party. */
  shared_with: PartyId[];
  /** Parties that acknowledged receipt, in order. */
  acknowledged_by: PartyId[];
  status: CoordStatus;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  closed_by: CoordActor | null;
}

/** One step of the audit trail. Steps are never changed or removed. */
export interface CoordStep {
  item_id: string;
  /** 1, 2, 3… in the order the steps happened. */
  seq: number;
  action: CoordAction;
  party: PartyId;
  user: string;
  at: string;
  /** The answer, the closing note, the notification text (file); null when there is none. */
  text: string | null;
  /** Parties the item was shared with by this step (file, share); empty otherwise. */
  shared_with: PartyId[];
}

export interface CoordItemWithSteps {
  item: CoordItem;
  steps: CoordStep[];
}

/** What an officer files. */
export interface FileInput {
  subject: CoordSubject;
  text: string;
  agreement_id?: string | null;
  /** Share at once with these parties; omit or leave empty to keep it private for now. */
  share_with?: readonly PartyId[];
}

export interface ListFilter {
  status?: CoordStatus | readonly CoordStatus[];
  incident_id?: string;
  agreement_id?: string;
  /** Only items this party filed ('own') or that others shared with it ('shared'); default both. */
  scope?: 'own' | 'shared' | 'all';
  limit?: number;
}
