import type {
  Attribution, EventActor, EventDate, PloverCategory, SubEventType,
} from '../../model/event.js';
import type { TextSpan } from '../../model/span.js';
import type { Token } from '../../text/tokens.js';
import type { PhraseIndex } from '../phrases/phrase-index.js';
import type { CueDef } from '../modality/cue-lexicon.js';
import { readModality } from '../modality/read-modality.js';
import { findTriggers, type TriggerHit } from '../triggers/find-triggers.js';
import type { TriggerLexicon } from '../triggers/trigger-lexicon.js';
import { chooseRoles, crowdRoles, sameSide, type CrowdActors, type CrowdChoice } from './actor-roles.js';
import { chooseDate, type DateSource } from './choose-date.js';
import type { ActorMentionLike, ActorRef, CasualtyMentionLike, DateMentionLike, TokenRange } from './mention-types.js';
import type { RoleLexicon } from './role-lexicon.js';
import type { SentenceUnit } from './sentence-units.js';

export interface ExtractResources {
  triggers: TriggerLexicon;
  cues: PhraseIndex<CueDef>;
  roles: RoleLexicon;
  parentOf(id: string): string | null;
  /** Generic protesters and rioters, actor1 of a demonstration that names no one. */
  crowd?: CrowdActors;
}

export interface ExtractInput {
  original: string;
  tokens: readonly Token[];
  sentences: readonly SentenceUnit[];
  breaks: Uint8Array;
  actors: readonly ActorMentionLike[];
  dates: readonly DateMentionLike[];
  casualties: readonly CasualtyMentionLike[];
  published: string | null;
}

/** An event before its place is known: the geo stage finds the place inside `placeScope`. */
export interface EventDraft {
  sentence: SentenceUnit;
  trigger: TextSpan & TokenRange & { lexiconId: string };
  sub_event_type: SubEventType;
  plover: PloverCategory;
  plover_mode: string;
  actor1: EventActor | null;
  actor2: EventActor | null;
  actor1Span: TextSpan | null;
  actor2Span: TextSpan | null;
  date: EventDate | null;
  dateFrom: DateSource | null;
  fatalities: number | null;
  injured: number | null;
  civilian_targeting: boolean;
  attribution: Attribution;
  /** Tokens where this event's place is named: the trigger's clause. */
  placeScope: TokenRange;
  /**
   * Tokens between a verb of undergoing and the trigger ("تعرضت مدينتا X وY لقصف"): the places
   * named there are what was hit, before any the rest of the sentence names. Null without one.
   */
  targetsBefore: TokenRange | null;
  /** One event per village named (capture of three villages) or one for the happening. */
  places: 'each' | 'one';
  /**
   * The trigger only refers to a happening ("the attack", "Hariri's assassination", a weak word
   * such as "killing") and nothing in the sentence ties it to a new one (a toll, a date): it is
   * an event only where its clause names a place.
   */
  needsPlace: boolean;
  evidence: TextSpan;
  confidence: number;
}

export interface DraftResult {
  drafts: EventDraft[];
  /** Tokens that belong to actor names and triggers: not place names. */
  occupied: Uint8Array;
}

export function buildDrafts(input: ExtractInput, res: ExtractResources): DraftResult {
  const { tokens, original } = input;
  const actorTokens = new Uint8Array(tokens.length);
  for (const m of input.actors) actorTokens.fill(1, m.tokenStart, m.tokenEnd);
  const occupied = actorTokens.slice();

  const datesBySentence = groupBySentence(input.dates, input.sentences);
  const drafts: EventDraft[] = [];

  for (const unit of input.sentences) {
    const hits = findTriggers(tokens, unit, res.triggers, actorTokens, input.breaks);
    if (hits.length === 0 || isBackground(tokens, unit, input.published)) continue;
    // Cues act within their sentence, so only sentences with a trigger are read for them.
    // A word read as part of a date ("May 9", "9 May") is not a modal verb.
    const cues = outsideDates(res.cues.findAll(tokens, unit.tokenStart, unit.tokenEnd), datesBySentence.get(unit.index));
    const sentenceActors = input.actors.filter((m) => m.tokenStart >= unit.tokenStart && m.tokenEnd <= unit.tokenEnd);
    const sentenceCasualties = input.casualties.filter(
      (c) => c.tokenStart >= unit.tokenStart && c.tokenEnd <= unit.tokenEnd,
    );
    const hasAir = res.roles.air.findAll(tokens, unit.tokenStart, unit.tokenEnd).length > 0;
    const undergo = res.roles.undergo.findAll(tokens, unit.tokenStart, unit.tokenEnd);
    const unitDrafts: EventDraft[] = [];

    for (let h = 0; h < hits.length; h++) {
      const hit = hits[h]!;
      occupied.fill(1, hit.tokenStart, hit.tokenEnd);
      const modality = readModality(cues, hit.tokenStart, unit.tokenStart, input.breaks);
      if (modality.blockedBy) continue;
      const speakers = speakersAfter(modality.cue, sentenceActors);
      const chosenRoles = chooseRoles(tokens, sentenceActors, hit, res.roles, res.parentOf, speakers);
      const roles: CrowdChoice = CROWD_SUBS.has(hit.def.sub)
        ? crowdRoles(chosenRoles, sentenceActors, hit, res.crowd ?? NO_CROWD, hit.def.sub === 'Violent demonstration', hit.def.sub !== 'Peaceful protest')
        : { ...chosenRoles, implied: null };
      const civiliansHit = sentenceCasualties.some((c) => c.civilians) || roles.actor2?.actor.inter === 7;
      const sub = resolveSubType(hit, roles.actor1?.actor ?? null, roles.actor2?.actor ?? null, civiliansHit, hasAir, res);
      if (!sub) continue;
      const chosen = chooseDate(unit, hit.tokenStart, datesBySentence, input.published);
      const anchored = sentenceCasualties.some((c) => c.count !== null) || chosen?.from === 'sentence';
      const referring = hit.def.strength === 'weak' || isDefinite(tokens, hit.tokenStart);
      const speaker = [...speakers][0] ?? null;
      const attribution: Attribution = {
        status: modality.status,
        by: modality.cue && speaker ? speaker.actor.id : null,
      };
      const scope = placeScope(hits, h, unit);
      const trigger = {
        tokenStart: hit.tokenStart,
        tokenEnd: hit.tokenEnd,
        start: tokens[hit.tokenStart]!.start,
        end: tokens[hit.tokenEnd - 1]!.end,
        text: original.slice(tokens[hit.tokenStart]!.start, tokens[hit.tokenEnd - 1]!.end),
        lexiconId: hit.def.id,
      };
      unitDrafts.push({
        sentence: unit,
        trigger,
        sub_event_type: sub.sub,
        plover: sub.plover,
        plover_mode: sub.mode,
        actor1: roles.actor1 ? toEventActor(roles.actor1) : roles.implied ? impliedActor(roles.implied, trigger.text) : null,
        actor2: roles.actor2 ? toEventActor(roles.actor2) : null,
        actor1Span: roles.actor1 ? spanOf(roles.actor1, original) : null,
        actor2Span: roles.actor2 ? spanOf(roles.actor2, original) : null,
        date: chosen?.date ?? null,
        dateFrom: chosen?.from ?? null,
        fatalities: null,
        injured: null,
        civilian_targeting: civiliansHit && sub.plover === 'ASSAULT',
        attribution,
        placeScope: scope,
        targetsBefore: targetsBefore(undergo, scope.tokenStart, hit.tokenStart),
        places: hit.def.places,
        needsPlace: referring && !anchored,
        evidence: { start: unit.start, end: unit.end, text: original.slice(unit.start, unit.end) },
        confidence: baseConfidence(hit, roles.actor1 !== null, chosen?.from ?? null, modality.status),
      });
    }
    const kept = foldFightingIntoCaptures(unitDrafts);
    attachCasualties(kept, sentenceCasualties);
    drafts.push(...kept);
  }
  fillTerritoryOpponents(drafts, input.actors, input.sentences, res);
  return { drafts, occupied };
}

interface ResolvedSub {
  sub: SubEventType;
  plover: PloverCategory;
  mode: string;
}

function resolveSubType(
  hit: TriggerHit,
  actor1: ActorRef | null,
  actor2: ActorRef | null,
  civiliansHit: boolean,
  hasAir: boolean,
  res: ExtractResources,
): ResolvedSub | null {
  const def = hit.instrument ?? hit.def;
  const plover = def.plover;
  switch (def.sub) {
    case 'territory': {
      // Territory changes hands between armed actors: without a taker there is no event.
      if (!actor1 || actor1.inter === 7 || actor1.inter === 6) return null;
      const state = actor1.inter === 1 || isPartOf(actor1.id, 'syria-government-forces', res);
      return { sub: state ? 'Government regains territory' : 'Non-state actor overtakes territory', plover, mode: def.mode };
    }
    case 'attack': {
      const armedTarget = actor2 !== null && actor2.inter !== 7 && actor2.inter !== 6;
      if (armedTarget && !civiliansHit && actor1) return { sub: 'Armed clash', plover, mode: 'firearms' };
      return { sub: 'Attack', plover, mode: def.mode };
    }
    case 'bombardment': {
      if (hasAir) return { sub: 'Air/drone strike', plover, mode: 'aerial' };
      return { sub: 'Shelling/artillery/missile attack', plover, mode: 'heavy-weapons' };
    }
    default:
      return { sub: def.sub, plover, mode: def.mode };
  }
}

function isPartOf(id: string, ancestor: string, res: ExtractResources): boolean {
  for (let cur: string | null = id, depth = 0; cur && depth < 5; cur = res.parentOf(cur), depth++) {
    if (cur === ancestor) return true;
  }
  return false;
}

/** The actor named right after a reporting cue is its speaker ("قالت وزارة الخارجية الروسية"). */
function speakersAfter(cue: { tokenEnd: number } | null, mentions: readonly ActorMentionLike[]): Set<ActorMentionLike> {
  const out = new Set<ActorMentionLike>();
  if (!cue) return out;
  const m = mentions.find((x) => x.tokenStart >= cue.tokenEnd && x.tokenStart - cue.tokenEnd <= 2);
  if (m) out.add(m);
  return out;
}

/** From the trigger to the next trigger; when no place follows, the geo stage looks back. */
function placeScope(hits: readonly TriggerHit[], h: number, unit: SentenceUnit): TokenRange {
  const prevEnd = h > 0 ? hits[h - 1]!.tokenEnd : unit.tokenStart;
  const nextStart = h + 1 < hits.length ? hits[h + 1]!.tokenStart : unit.tokenEnd;
  return { tokenStart: prevEnd, tokenEnd: nextStart };
}

/** From the last verb of undergoing in the trigger's scope before it, to the trigger. */
function targetsBefore(undergo: readonly TokenRange[], scopeStart: number, triggerStart: number): TokenRange | null {
  let last: TokenRange | null = null;
  for (const u of undergo) if (u.tokenStart >= scopeStart && u.tokenEnd < triggerStart) last = u;
  return last === null ? null : { tokenStart: last.tokenEnd, tokenEnd: triggerStart };
}

/** How far back a year named in a sentence may lie before the sentence is history, not news. */
const BACKGROUND_YEARS = 1;
const YEAR = /^(1[89]|20)\d\d$/;

/**
 * "the 1993 bombings", "killed in a road accident in 2003": a sentence that names a year well
 * before the report's own is background, which was news when it happened.
 */
function isBackground(tokens: readonly Token[], unit: SentenceUnit, published: string | null): boolean {
  if (!published) return false;
  const reportYear = Number(published.slice(0, 4));
  for (let i = unit.tokenStart; i < unit.tokenEnd; i++) {
    const w = tokens[i]!.norm;
    if (w.length === 4 && YEAR.test(w) && Number(w) < reportYear - BACKGROUND_YEARS) return true;
  }
  return false;
}

const ENGLISH_DETERMINERS = new Set(['the', 'this', 'that', 'these', 'those', 'its', 'their']);

/**
 * A definite noun (الهجوم, بالتفجير, "the attack") names a happening the reader already knows of,
 * or happenings in general; a verb or an indefinite noun (قصفت, غارات) brings news.
 */
function isDefinite(tokens: readonly Token[], i: number): boolean {
  const word = tokens[i]!.norm;
  const bare = word.replace(/^[وف](?=..)/, '');
  if (bare.startsWith('ال') || bare.startsWith('لل') || /^[بلك]ال/.test(bare)) return true;
  const prev = tokens[i - 1]?.norm;
  return prev !== undefined && ENGLISH_DETERMINERS.has(prev);
}

const TERRITORY: ReadonlySet<SubEventType> = new Set([
  'Government regains territory', 'Non-state actor overtakes territory', 'Non-violent transfer of territory',
]);

/**
 * "took the village after fierce clashes": ACLED codes the capture, which includes the fighting
 * for it, so a sentence's clashes give way to its change of territory.
 */
function foldFightingIntoCaptures(drafts: EventDraft[]): EventDraft[] {
  if (!drafts.some((d) => TERRITORY.has(d.sub_event_type))) return drafts;
  return drafts.filter((d) => d.sub_event_type !== 'Armed clash');
}

/**
 * Casualty counts belong to the happening they are reported with. With several events in one
 * sentence the split is unknown, so counts go only to a sentence's single violent event.
 */
function attachCasualties(drafts: EventDraft[], casualties: readonly CasualtyMentionLike[]): void {
  const violent = drafts.filter((d) => d.plover === 'ASSAULT');
  if (violent.length !== 1 || casualties.length === 0) return;
  const target = violent[0]!;
  const sum = (kind: CasualtyMentionLike['kind']): number | null => {
    const counted = casualties.filter((c) => c.kind === kind && c.count !== null && !c.combined);
    return counted.length === 0 ? null : counted.reduce((a, c) => a + c.count!, 0);
  };
  target.fatalities = sum('killed');
  target.injured = sum('injured');
  if (casualties.some((c) => c.civilians)) target.civilian_targeting = true;
}

/**
 * A capture names its taker but rarely whom it was taken from; the loser is the taker's main
 * armed opponent in the same report. A named group beats a label ("the terrorists", "gunmen"),
 * and a group named beside the taker ("the line between Assad's forces and the opposition")
 * beats one that is merely frequent.
 */
function fillTerritoryOpponents(
  drafts: EventDraft[],
  actors: readonly ActorMentionLike[],
  sentences: readonly SentenceUnit[],
  res: ExtractResources,
): void {
  const sentenceOf = (m: ActorMentionLike): number =>
    sentences.find((s) => m.tokenStart >= s.tokenStart && m.tokenStart < s.tokenEnd)?.index ?? -1;
  for (const d of drafts) {
    if (d.actor2 || !d.actor1) continue;
    if (d.sub_event_type !== 'Government regains territory' && d.sub_event_type !== 'Non-state actor overtakes territory') continue;
    const taker = d.actor1;
    const takerSentences = new Set(actors.filter((m) => m.actor.id === taker.id).map(sentenceOf));
    const tally = new Map<string, { m: ActorMentionLike; beside: number; n: number }>();
    for (const m of actors) {
      if (m.actor.inter !== 1 && m.actor.inter !== 2 && m.actor.inter !== 3) continue;
      if (sameSide(m.actor, taker, res.parentOf)) continue;
      const t = tally.get(m.actor.id) ?? { m, beside: 0, n: 0 };
      t.n++;
      if (takerSentences.has(sentenceOf(m))) t.beside++;
      tally.set(m.actor.id, t);
    }
    const named = (t: { m: ActorMentionLike }): number => (t.m.actor.kind === 'unidentified' ? 1 : 0);
    const best = [...tally.values()].sort((a, b) => named(a) - named(b) || b.beside - a.beside || b.n - a.n)[0];
    if (best) {
      d.actor2 = toEventActor(best.m);
      d.confidence = round2(d.confidence - 0.05);
    }
  }
}

function baseConfidence(hit: TriggerHit, hasActor1: boolean, dateFrom: DateSource | null, status: string): number {
  let c = hit.def.strength === 'strong' ? 0.6 : 0.45;
  if (hasActor1) c += 0.15;
  if (dateFrom === 'sentence') c += 0.05;
  if (status === 'alleged' || status === 'denied') c *= 0.6;
  return round2(Math.min(0.95, c));
}

/** Demonstrations, whose actor1 is the crowd (see crowdRoles). */
const CROWD_SUBS: ReadonlySet<string> = new Set(['Peaceful protest', 'Protest with intervention', 'Violent demonstration']);
const NO_CROWD: CrowdActors = { protesters: null, rioters: null };

/** A crowd no words name: the trigger ("تظاهر", "demonstrated") is what names it. */
function impliedActor(actor: ActorRef, triggerText: string): EventActor {
  return { id: actor.id, name: actor.name, text: triggerText, inter: actor.inter };
}

function toEventActor(m: ActorMentionLike): EventActor {
  return { id: m.actor.id, name: m.actor.name, text: m.text, inter: m.actor.inter };
}

function spanOf(m: ActorMentionLike, original: string): TextSpan {
  return { start: m.start, end: m.end, text: original.slice(m.start, m.end) };
}

function outsideDates<T extends TokenRange>(found: T[], dates: readonly DateMentionLike[] | undefined): T[] {
  if (dates === undefined || found.length === 0) return found;
  return found.filter((c) => !dates.some((d) => c.tokenStart < d.tokenEnd && d.tokenStart < c.tokenEnd));
}

function groupBySentence(
  dates: readonly DateMentionLike[],
  sentences: readonly SentenceUnit[],
): Map<number, DateMentionLike[]> {
  const out = new Map<number, DateMentionLike[]>();
  let s = 0;
  for (const d of [...dates].sort((a, b) => a.tokenStart - b.tokenStart)) {
    while (s < sentences.length && sentences[s]!.tokenEnd <= d.tokenStart) s++;
    const unit = sentences[s];
    if (!unit || d.tokenStart < unit.tokenStart) continue;
    const list = out.get(unit.index) ?? [];
    list.push(d);
    out.set(unit.index, list);
  }
  return out;
}

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
