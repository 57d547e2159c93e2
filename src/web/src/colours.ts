import type { EventType } from './types.js';

/** One colour per ACLED event type (colour-blind-safe Okabe–Ito palette). */
export const TYPE_COLOURS: Record<EventType, string> = {
  Battles: '#D55E00',
  'Explosions/Remote violence': '#CC79A7',
  'Violence against civilians': '#0072B2',
  Protests: '#009E73',
  Riots: '#E69F00',
  'Strategic developments': '#56B4E9',
};

export function typeColour(t: string): string {
  return (TYPE_COLOURS as Record<string, string>)[t] ?? '#666666';
}

/** Dark tones, kept apart from the event-type colours and the violations' red. */
const PARTY_PALETTE = ['#6a3d9a', '#006d2c', '#8c510a', '#2166ac', '#252525', '#01665e', '#762a83', '#4d4d4d'];
const KNOWN_PARTIES: Record<string, string> = {
  'syria-government-forces': '#6a3d9a',
  'syria-opposition': '#006d2c',
  hts: '#252525',
  turkey: '#8c510a',
  russia: '#2166ac',
};

/** A stable colour for a controlling party, so a party keeps its colour across dates. */
export function partyColour(id: string | null): string {
  if (!id) return '#9e9e9e';
  const known = KNOWN_PARTIES[id];
  if (known) return known;
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return PARTY_PALETTE[h % PARTY_PALETTE.length] ?? '#9e9e9e';
}

/** Marker radius in pixels: grows with the square root of fatalities so big events do not swamp the map. */
export function severityRadius(fatalities: number | null): number {
  const f = fatalities ?? 0;
  return Math.min(22, 5 + 3 * Math.sqrt(f));
}
