import type { EventLocation } from '../model/event.js';
import { haversineKm } from './geo-math.js';
import type { Place, PlaceContext, PlaceMention, RegionKind, ResolvedPlace } from './types.js';

/**
 * Choosing the place a mention means among its candidates (the Judaydah of Hama or of Aleppo,
 * Idlib the city or the governorate, القاهرة the Syrian hamlet or Cairo), from the context:
 * the dateline, the other places of the document, a governorate named nearby ("في ريف حماة"),
 * the region phrase, the kind of place and its population, and Syria first.
 */

/** Mentions this many words apart are "nearby" for a governorate cue. */
const NEAR_WORDS = 20;
const FAR_WORDS = 60;
/** Places within this many km of an anchor place are favoured, more so the closer. */
const ANCHOR_KM = 40;
/**
 * How many mentions either side of a mention count as its anchors. A news report names far
 * fewer places, so this changes nothing there; it keeps a huge page (thousands of place names)
 * from costing mentions × anchors, which made a 3 MB page take minutes.
 */
const ANCHOR_MENTIONS = 150;
const DATELINE_KM = 60;

const W = {
  homeCountry: 0.6,
  popPerDecade: 0.15,
  govNear: 1.2,
  govFar: 0.5,
  datelineAdmin1: 0.7,
  datelineNear: 0.5,
  anchorAdmin1: 0.5,
  anchorNear: 0.8,
};

/** Prior of a kind of place with no region phrase. Admin areas do not use population. */
const KIND_PRIOR: Record<Place['kind'], number> = {
  country: 1.6,
  admin1: 1.1,
  locality: 0.5,
  admin2: 0.3,
  admin3: 0.2,
  landmark: 0.6,
};

/** What a region phrase says about the kind of place meant. */
const REGION_KIND_BONUS: Partial<Record<RegionKind, Partial<Record<Place['kind'], number>>>> = {
  countryside: { admin1: 2, admin2: 0.8 },
  province: { admin1: 2.5 },
  part: { admin1: 0.6, country: 0.6 },
  city: { locality: 1.5, landmark: 0.5, admin1: -1, admin2: -1, admin3: -1 },
  town: { locality: 1.5, landmark: 0.5, admin1: -1, admin2: -1, admin3: -1 },
  camp: { locality: 1, landmark: 1, admin1: -1, admin2: -1 },
  neighbourhood: { landmark: 1.5, locality: 0.5, admin1: -1, admin2: -1 },
  district: { admin2: 1.5, admin3: 0.8 },
  subdistrict: { admin3: 2 },
  near: { locality: 0.5, landmark: 0.3 },
};

/**
 * A foreign city of the facts table (it has an Arabic name) is notable even where GeoNames
 * gives no population (Tal Afar): it counts as a city of NOTABLE_CITY people at least.
 */
const NOTABLE_CITY = 100_000;

function effectivePopulation(p: Place): number {
  return p.name_ar !== null && p.country !== 'SY' ? Math.max(p.population, NOTABLE_CITY) : p.population;
}

/** The governorate P-code of a Syrian place (SY07 for Idlib and everything in it). */
export function admin1Code(p: Place): string | null {
  return p.country === 'SY' && p.pcode && p.pcode.length >= 4 ? p.pcode.slice(0, 4) : null;
}

interface Scored {
  place: Place;
  score: number;
  why: string[];
}

export function resolvePlaces(mentions: readonly PlaceMention[], ctx: PlaceContext): ResolvedPlace[] {
  const home = ctx.country ?? 'SY';
  const dateline = datelinePlace(mentions, ctx);
  const govCues = governorateCues(mentions);
  const settled = mentions.map(unambiguous);

  // Pass 1: every mention on its own context (dateline, governorate cues, priors).
  const first = mentions.map((m, i) =>
    m.candidates.length === 1 ? [only(m.candidates[0]!)] : rank(m, i, home, dateline, govCues, []),
  );
  // Anchors: mentions whose reading does not depend on choice (one place, or all candidates
  // together), towns rather than whole countries.
  const anchors: { mention: number; place: Place }[] = [];
  mentions.forEach((_, i) => {
    const best = first[i]![0];
    if (best && settled[i] && isLocal(best.place)) anchors.push({ mention: i, place: best.place });
  });
  // Pass 2: the ambiguous ones again, now near their anchors.
  return mentions.map((m, i) => {
    const ranked = settled[i] ? first[i]! : rank(m, i, home, dateline, govCues, anchors);
    const best = ranked[0]!;
    const second = ranked[1];
    const margin = second ? best.score - second.score : 2;
    return {
      mention: m,
      place: best.place,
      geo_precision: precisionOf(best.place, m.region?.kind),
      score: round2(second ? 1 / (1 + Math.exp(-2 * margin)) : 0.95),
      reason: best.why.join('; '),
    };
  });
}

function only(place: Place): Scored {
  return { place, score: 1, why: ['only candidate'] };
}

function rank(
  m: PlaceMention,
  index: number,
  home: string,
  dateline: Place | null,
  govCues: readonly GovCue[],
  anchors: readonly { mention: number; place: Place }[],
): Scored[] {
  const regionKind = m.region?.kind;
  const scored = m.candidates.map((place): Scored => {
    const why: string[] = [];
    let score = KIND_PRIOR[place.kind];
    const bonus = regionKind ? (REGION_KIND_BONUS[regionKind]?.[place.kind] ?? 0) : 0;
    if (bonus !== 0) {
      score += bonus;
      why.push(`${regionKind} → ${place.kind}`);
    }
    if (place.kind === 'locality' || place.kind === 'landmark') score += W.popPerDecade * Math.log10(effectivePopulation(place) + 1);
    if (place.country === home) score += W.homeCountry;
    const a1 = admin1Code(place);

    let gov = 0;
    // Cues further than FAR_WORDS away count for nothing: only the ones within reach are read.
    for (let c = firstAtOrAfter(govCues, (q) => q.token, m.tokenStart - FAR_WORDS); c < govCues.length; c++) {
      const cue = govCues[c]!;
      if (cue.token > m.tokenStart + FAR_WORDS) break;
      if (cue.mention === index || cue.admin1 !== a1) continue;
      const dist = Math.abs(cue.token - m.tokenStart);
      gov = Math.max(gov, dist <= NEAR_WORDS ? W.govNear : dist <= FAR_WORDS ? W.govFar : 0);
    }
    if (gov > 0 && place.kind !== 'admin1') {
      score += gov;
      why.push(`governorate ${place.admin1} named nearby`);
    }

    if (dateline && dateline.id !== place.id) {
      const da1 = admin1Code(dateline);
      if (da1 && da1 === a1) {
        score += W.datelineAdmin1;
        why.push(`dateline in ${place.admin1}`);
      }
      if (isLocal(dateline) && isLocal(place)) {
        const km = haversineKm(dateline.lat, dateline.lon, place.lat, place.lon);
        if (km < DATELINE_KM) score += W.datelineNear * (1 - km / DATELINE_KM);
      }
    }

    let anchorAdmin1 = false;
    let nearest = Infinity;
    for (let k = firstAtOrAfter(anchors, (x) => x.mention, index - ANCHOR_MENTIONS); k < anchors.length; k++) {
      const a = anchors[k]!;
      if (a.mention > index + ANCHOR_MENTIONS) break;
      if (a.mention === index || a.place.id === place.id) continue;
      if (a1 && admin1Code(a.place) === a1) anchorAdmin1 = true;
      if (isLocal(place)) nearest = Math.min(nearest, haversineKm(a.place.lat, a.place.lon, place.lat, place.lon));
    }
    if (anchorAdmin1) score += W.anchorAdmin1;
    if (nearest < ANCHOR_KM) {
      score += W.anchorNear * (1 - nearest / ANCHOR_KM);
      why.push(`${Math.round(nearest)} km from other places named`);
    }
    return { place, score, why };
  });
  scored.sort((a, b) => b.score - a.score);
  const best = scored[0];
  if (best && best.why.length === 0) best.why.push(m.candidates.length === 1 ? 'only candidate' : `prior (${best.place.kind}, population)`);
  return scored;
}

/** The first position of `sorted` (ascending by `key`) whose key is at least `min`. */
function firstAtOrAfter<T>(sorted: readonly T[], key: (x: T) => number, min: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(sorted[mid]!) < min) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface GovCue {
  mention: number;
  token: number;
  admin1: string;
}

/**
 * Mentions that name a governorate: every candidate lies in one governorate (حماة the city,
 * district and governorate), or the phrase says so (ريف إدلب، محافظة حماة).
 */
function governorateCues(mentions: readonly PlaceMention[]): GovCue[] {
  const out: GovCue[] = [];
  mentions.forEach((m, i) => {
    const admin1 = m.candidates.find((c) => c.kind === 'admin1');
    if (!admin1) return;
    const code = admin1Code(admin1);
    if (!code) return;
    const oneGovernorate = m.candidates.every((c) => admin1Code(c) === code);
    const said = m.region?.kind === 'countryside' || m.region?.kind === 'province';
    if (oneGovernorate || said) out.push({ mention: i, token: m.tokenStart, admin1: code });
  });
  // rank() reads only the cues within reach, found by binary search on the token.
  return out.sort((a, b) => a.token - b.token);
}

/** The dateline's place: a mention of it in the text if there is one, else a gazetteer lookup. */
function datelinePlace(mentions: readonly PlaceMention[], ctx: PlaceContext): Place | null {
  const d = ctx.dateline?.trim();
  if (!d) return null;
  const inText = mentions.find((m) => m.text === d);
  const candidates = inText?.candidates ?? ctx.gazetteer?.lookup(d) ?? [];
  const home = ctx.country ?? 'SY';
  // A dateline is a town or a governorate; prefer the home country's.
  return candidates.find((c) => c.country === home) ?? candidates[0] ?? null;
}

/** All candidates are one place for our purposes: a single one, or all within a few km. */
function unambiguous(m: PlaceMention): boolean {
  const c = m.candidates;
  if (c.length <= 1) return true;
  const a = c[0]!;
  return c.every((p) => p.country === a.country && haversineKm(a.lat, a.lon, p.lat, p.lon) < 15 && admin1Code(p) === admin1Code(a));
}

function isLocal(p: Place): boolean {
  return p.kind === 'locality' || p.kind === 'landmark' || p.kind === 'admin3';
}

/** ACLED geo_precision: 1 the named town, 2 near it or part of it, 3 a region coded to its centre. */
function precisionOf(p: Place, region: RegionKind | undefined): 1 | 2 | 3 {
  switch (p.kind) {
    case 'country':
    case 'admin1':
    case 'admin2':
      return 3;
    case 'admin3':
    case 'landmark':
      return 2;
    case 'locality':
      return region === 'near' || region === 'countryside' || region === 'part' ? 2 : 1;
  }
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The event-format location of a resolved mention. */
export function toEventLocation(r: ResolvedPlace): EventLocation {
  const p = r.place;
  return {
    name: p.name,
    name_ar: p.name_ar,
    lat: p.lat,
    lon: p.lon,
    admin1: p.admin1,
    admin2: p.admin2,
    admin3: p.admin3,
    country: p.country,
    geo_precision: r.geo_precision,
    gazetteer_id: p.id,
    text: r.mention.text,
  };
}
