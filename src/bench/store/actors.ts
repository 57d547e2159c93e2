import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { EventActor, InterCode } from '../../model/event.js';
import { Rng, Weighted } from './random.js';

/**
 * Actors for synthetic events, taken from the real catalogue (lexicon/actors.yaml) so ids are
 * the ones extraction produces. Each actor's Arabic text is its first Arabic alias, the words a
 * report would use.
 */
export interface BenchActor {
  id: string;
  name: string;
  nameAr: string;
  inter: InterCode;
  kind: string;
}

/** How often an armed actor appears in Syrian reporting, relative to 1 for the rest. */
const PROMINENCE: Readonly<Record<string, number>> = {
  'syria-government-forces': 30, 'russia-military-forces': 12, hts: 12, sdf: 8, sna: 8,
  'turkey-military-forces': 7, isis: 7, 'syria-pro-government-militias': 4, 'syria-opposition': 5,
  'iran-military-forces-and-militias': 3, 'israel-military-forces': 3, 'us-led-coalition': 3,
  'unidentified-armed-group': 10, 'syria-transitional-forces': 4, ndf: 2, 'fourth-division': 2,
  'tiger-forces': 2, hezbollah: 2, 'ahrar-al-sham': 2, 'faylaq-al-sham': 1.5, 'jaish-al-islam': 1.5,
  'syria-tribal-militias': 1.5, 'druze-militias': 1.5, asayish: 1.5, 'syria-police': 1, 'syria-intelligence': 1,
};

/** Armed actors outside Syria's theatre (Yemen, Libya, Palestine, Iraq's police ...) stay rare. */
const ARMED_KINDS = new Set(['state-forces', 'armed-group', 'militia', 'unidentified']);
const FOREIGN_WEIGHT = 0.05;

export interface ActorPools {
  armed(rng: Rng): BenchActor;
  /** A different armed actor than `not` (an opponent). */
  opponent(not: BenchActor, rng: Rng): BenchActor;
  byId(id: string): BenchActor;
  count: number;
}

interface RawEntry {
  id?: unknown;
  name?: unknown;
  inter?: unknown;
  kind?: unknown;
  country?: unknown;
  aliases_ar?: unknown;
}

export function loadActors(path: string): ActorPools {
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`actor catalogue ${path}: ${(err as Error).message}`);
  }
  if (!Array.isArray(raw)) throw new Error(`actor catalogue ${path}: expected a list of actors`);
  const all = new Map<string, BenchActor>();
  const weights: [BenchActor, number][] = [];
  for (const e of raw as RawEntry[]) {
    if (typeof e?.id !== 'string' || typeof e.name !== 'string' || typeof e.inter !== 'number') continue;
    const aliases = Array.isArray(e.aliases_ar) ? e.aliases_ar.filter((a): a is string => typeof a === 'string') : [];
    const a: BenchActor = {
      id: e.id, name: e.name, nameAr: aliases[0] ?? e.name, inter: e.inter as InterCode, kind: String(e.kind ?? ''),
    };
    all.set(a.id, a);
    if (ARMED_KINDS.has(a.kind)) {
      const inSyria = e.country === 'SY' || e.country === null || a.id in PROMINENCE;
      weights.push([a, PROMINENCE[a.id] ?? (inSyria ? 1 : FOREIGN_WEIGHT)]);
    }
  }
  for (const needed of ['civilians', 'protesters', 'rioters', 'syria-government-forces']) {
    if (!all.has(needed)) throw new Error(`actor catalogue ${path}: has no "${needed}" entry, which the benchmark needs`);
  }
  const armed = new Weighted(weights);
  return {
    armed: (rng) => armed.draw(rng),
    opponent(not, rng) {
      for (let i = 0; i < 20; i++) {
        const a = armed.draw(rng);
        if (a.id !== not.id) return a;
      }
      return all.get('syria-government-forces')!.id === not.id ? all.get('unidentified-armed-group') ?? not : all.get('syria-government-forces')!;
    },
    byId(id) {
      const a = all.get(id);
      if (!a) throw new Error(`actor catalogue ${path}: no actor "${id}"`);
      return a;
    },
    count: all.size,
  };
}

export function eventActor(a: BenchActor): EventActor {
  return { id: a.id, name: a.name, text: a.nameAr, inter: a.inter };
}
