import { CoordinationInputError } from './errors.js';
import type { CoordActor, CoordSubject, PartyId } from './types.js';

const PARTY_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
// Control characters other than tab and newline would garble the CLI listing and the audit trail.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

export const MAX_TEXT = 20_000;
const MAX_USER = 200;
const MAX_REF = 200;

export function checkParty(party: string, what = 'party'): PartyId {
  if (!PARTY_ID.test(party)) {
    throw new CoordinationInputError(`${what} ${JSON.stringify(party)} is not a party id (lower-case letters, digits, ".", "_" or "-", e.g. "turkey")`);
  }
  return party;
}

export function checkActor(actor: CoordActor): CoordActor {
  checkParty(actor.party);
  const user = actor.user.trim();
  if (user.length === 0) throw new CoordinationInputError('the acting officer (user) is empty: say who is acting for the party');
  if (user.length > MAX_USER || CONTROL.test(user)) {
    throw new CoordinationInputError(`user ${JSON.stringify(user.slice(0, 40))}: at most ${MAX_USER} characters, no control characters`);
  }
  return { party: actor.party, user };
}

export function checkText(text: string, what: string): string {
  const t = text.trim();
  if (t.length === 0) throw new CoordinationInputError(`${what} is empty`);
  if (t.length > MAX_TEXT) throw new CoordinationInputError(`${what} is ${t.length} characters long; at most ${MAX_TEXT}`);
  if (CONTROL.test(t)) throw new CoordinationInputError(`${what} contains control characters`);
  return t;
}

export function checkDay(value: string, what: string): string {
  const t = Date.parse(`${value}T00:00:00Z`);
  if (!ISO_DAY.test(value) || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== value) {
    throw new CoordinationInputError(`${what} ${JSON.stringify(value)} is not a calendar date YYYY-MM-DD`);
  }
  return value;
}

function checkRef(value: string, what: string): string {
  const v = value.trim();
  if (v.length === 0 || v.length > MAX_REF || CONTROL.test(v)) {
    throw new CoordinationInputError(`${what} ${JSON.stringify(value.slice(0, 40))}: 1 to ${MAX_REF} characters, no control characters`);
  }
  return v;
}

export function checkSubject(subject: CoordSubject): CoordSubject {
  if (subject.kind === 'incident') return { kind: 'incident', incident_id: checkRef(subject.incident_id, 'incident id') };
  const { lat, lon } = subject;
  if ((lat === null) !== (lon === null)) throw new CoordinationInputError('a place needs both latitude and longitude, or neither');
  if (lat !== null && (!Number.isFinite(lat) || lat < -90 || lat > 90)) throw new CoordinationInputError(`latitude ${lat} is not within -90..90`);
  if (lon !== null && (!Number.isFinite(lon) || lon < -180 || lon > 180)) throw new CoordinationInputError(`longitude ${lon} is not within -180..180`);
  return { kind: 'place', place: checkRef(subject.place, 'place'), date: checkDay(subject.date, 'date'), lat, lon };
}

export function checkAgreementId(id: string | null | undefined): string | null {
  if (id === null || id === undefined) return null;
  return checkRef(id, 'agreement id');
}

/** Distinct, valid party ids other than `filer`, in the order given. */
export function checkShareList(parties: readonly string[], filer: PartyId): PartyId[] {
  const out: PartyId[] = [];
  for (const p of parties) {
    checkParty(p, 'party to share with');
    if (p === filer) throw new CoordinationInputError(`party ${p} filed the item; share it with the other parties`);
    if (!out.includes(p)) out.push(p);
  }
  return out;
}
