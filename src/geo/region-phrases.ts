import type { Token } from '../text/tokens.js';
import { cliticForms, cliticReadingsInto } from './arabic-clitics.js';
import { isArabicWord } from './place-keys.js';
import type { Direction, RegionKind, RegionMarker } from './types.js';

/**
 * The words around a place name that say which part of it, or what kind of place, is meant:
 * "ريف إدلب الجنوبي" (southern Idlib countryside), "شمال غرب سوريا", "بالقرب من X", "مدينة X",
 * "northern Hama countryside", "near X". All tables hold normalised forms.
 */

type Cue = { kind: RegionKind } | { direction: Direction };

const AR_BEFORE = new Map<string, Cue>([
  ['ريف', { kind: 'countryside' }],
  ['ارياف', { kind: 'countryside' }],
  ['ريفي', { kind: 'countryside' }], // dual: ريفي حماة وإدلب
  ['قرب', { kind: 'near' }],
  ['محيط', { kind: 'near' }],
  ['اطراف', { kind: 'near' }],
  ['ضواحي', { kind: 'near' }],
  ['مشارف', { kind: 'near' }],
  ['تخوم', { kind: 'near' }],
  ['جوار', { kind: 'near' }],
  ['مدينه', { kind: 'city' }],
  ['بلده', { kind: 'town' }],
  ['قريه', { kind: 'town' }],
  // Duals and plurals head a list of names: "بلدتي كفرنبل وحاس", "قرى X وY".
  ['بلدتي', { kind: 'town' }],
  ['قريتي', { kind: 'town' }],
  ['مدينتي', { kind: 'city' }],
  ['بلدات', { kind: 'town' }],
  ['قري', { kind: 'town' }],
  ['محافظه', { kind: 'province' }],
  ['منطقه', { kind: 'district' }],
  ['ناحيه', { kind: 'subdistrict' }],
  ['مخيم', { kind: 'camp' }],
  ['حي', { kind: 'neighbourhood' }],
  ['شمال', { direction: 'north' }],
  ['جنوب', { direction: 'south' }],
  ['شرق', { direction: 'east' }],
  ['غرب', { direction: 'west' }],
  ['شمالي', { direction: 'north' }],
  ['جنوبي', { direction: 'south' }],
  ['شرقي', { direction: 'east' }],
  ['غربي', { direction: 'west' }],
]);

/** "بالقرب من X", "قريبا من X", "على مقربة من X": the cue word comes before "من". */
const AR_NEAR_BEFORE_MIN = new Set(['القرب', 'قريبا', 'مقربه']);

const AR_AFTER = new Map<string, Direction>([
  ['الشمالي', 'north'],
  ['الجنوبي', 'south'],
  ['الشرقي', 'east'],
  ['الغربي', 'west'],
  ['الشماليه', 'north'],
  ['الجنوبيه', 'south'],
  ['الشرقيه', 'east'],
  ['الغربيه', 'west'],
]);

const AR_AFTER_MIN = Math.min(...[...AR_AFTER.keys()].map((k) => k.length));
const AR_AFTER_MAX = Math.max(...[...AR_AFTER.keys()].map((k) => k.length));
const AR_AFTER_START = commonStart([...AR_AFTER.keys()]);

function commonStart(words: string[]): string {
  let start = words[0] ?? '';
  for (const w of words) while (!w.startsWith(start)) start = start.slice(0, -1);
  return start;
}

const EN_BEFORE = new Map<string, Cue>([
  ['near', { kind: 'near' }],
  ['outskirts', { kind: 'near' }],
  ['vicinity', { kind: 'near' }],
  ['around', { kind: 'near' }],
  ['nearby', { kind: 'near' }],
  ['rural', { kind: 'countryside' }],
  ['countryside', { kind: 'countryside' }],
  ['city', { kind: 'city' }],
  ['town', { kind: 'town' }],
  ['village', { kind: 'town' }],
  ['province', { kind: 'province' }],
  ['governorate', { kind: 'province' }],
  ['district', { kind: 'district' }],
  ['camp', { kind: 'camp' }],
  ['northern', { direction: 'north' }],
  ['southern', { direction: 'south' }],
  ['eastern', { direction: 'east' }],
  ['western', { direction: 'west' }],
  ['northwestern', { direction: 'north-west' }],
  ['northeastern', { direction: 'north-east' }],
  ['southwestern', { direction: 'south-west' }],
  ['southeastern', { direction: 'south-east' }],
  ['northwest', { direction: 'north-west' }],
  ['northeast', { direction: 'north-east' }],
  ['southwest', { direction: 'south-west' }],
  ['southeast', { direction: 'south-east' }],
  ['north', { direction: 'north' }],
  ['south', { direction: 'south' }],
  ['east', { direction: 'east' }],
  ['west', { direction: 'west' }],
]);

/** Words that may sit between an English cue and the name: "the outskirts of", "north of the". */
const EN_GLUE = new Set(['of', 'the', 'to', 'close', 'in', 'and']);

const EN_AFTER = new Map<string, RegionKind>([
  ['countryside', 'countryside'],
  ['province', 'province'],
  ['governorate', 'province'],
  ['city', 'city'],
  ['town', 'town'],
  ['village', 'town'],
  ['district', 'district'],
  ['camp', 'camp'],
  ['outskirts', 'near'],
]);

const AR_GLUE = new Set(['من', 'في', 'على', 'الي', 'عند']);

/** Most words looked at on either side of a name. */
const WINDOW = 4;

function combine(a: Direction | undefined, b: Direction | undefined): Direction | undefined {
  if (!a) return b;
  if (!b || a === b) return a;
  const ns = a === 'north' || a === 'south' ? a : b === 'north' || b === 'south' ? b : undefined;
  const ew = a === 'east' || a === 'west' ? a : b === 'east' || b === 'west' ? b : undefined;
  return ns && ew ? (`${ns}-${ew}` as Direction) : a;
}

/** Strength of a kind when several cues qualify one name: the most specific wins. */
const KIND_ORDER: RegionKind[] = ['near', 'countryside', 'part', 'province', 'district', 'subdistrict', 'city', 'town', 'camp', 'neighbourhood'];

function pickKind(current: RegionKind | undefined, next: RegionKind): RegionKind {
  if (!current) return next;
  return KIND_ORDER.indexOf(next) < KIND_ORDER.indexOf(current) ? next : current;
}

const BARES: string[] = [];
const CLITICS: string[] = [];

/** A cue word, read through its clitics (بريف، وريف، بمحيط، لمدينة): the first reading that is one. */
function cueOfReadings(word: string): Cue | undefined {
  const n = cliticReadingsInto(word, BARES, CLITICS);
  for (let k = 0; k < n; k++) {
    const c = AR_BEFORE.get(BARES[k]!);
    if (c) return c;
  }
  return undefined;
}

/**
 * cueOfReadings of every word that has one, worked out once: a document's word is then looked up
 * as it is, without slicing it into readings.
 */
const AR_CUE_WORDS = new Map<string, Cue>();
for (const bare of AR_BEFORE.keys()) {
  for (const form of cliticForms(bare)) {
    const cue = cueOfReadings(form);
    if (cue) AR_CUE_WORDS.set(form, cue);
  }
}

function arabicCue(word: string): Cue | undefined {
  return AR_CUE_WORDS.get(word);
}

/**
 * The region phrase around tokens [start, end) (a place name), if any. `sep(i)` says whether
 * tokens i and i + 1 are separated by nothing but spaces (no comma, no full stop).
 */
export function regionAround(
  tokens: readonly Token[],
  start: number,
  end: number,
  sep: (i: number) => boolean,
): RegionMarker | undefined {
  const first = tokens[start];
  if (!first) return undefined;
  const arabic = isArabicWord(first.norm);
  let kind: RegionKind | undefined;
  let direction: Direction | undefined;
  let from = start;
  let to = end;

  // Before the name: walk back over cue words (and glue words between them).
  for (let i = start - 1; i >= 0 && start - i <= WINDOW && sep(i); i--) {
    const w = tokens[i]!.norm;
    if (arabic) {
      if (w === 'من' && i > 0 && AR_NEAR_BEFORE_MIN.has(stripBi(tokens[i - 1]!.norm)) && sep(i - 1)) {
        kind = pickKind(kind, 'near');
        from = --i;
        continue;
      }
      const cue = arabicCue(w);
      if (cue) {
        if ('kind' in cue) kind = pickKind(kind, cue.kind);
        else direction = combine(cue.direction, direction);
        from = i;
        continue;
      }
      if (AR_GLUE.has(w) && from === i + 1 && kind === undefined && direction === undefined) continue;
      break;
    } else {
      const cue = EN_BEFORE.get(w);
      if (cue) {
        if ('kind' in cue) kind = pickKind(kind, cue.kind);
        else direction = combine(cue.direction, direction);
        from = i;
        continue;
      }
      if (EN_GLUE.has(w)) continue;
      break;
    }
  }

  // After the name.
  if (arabic) {
    for (let i = end; i < tokens.length && i - end < 2 && sep(i - 1); i++) {
      const w = tokens[i]!.norm;
      // Most words are ruled out by length and the common start (ال) before the lookup hashes them.
      const d = w.length >= AR_AFTER_MIN && w.length <= AR_AFTER_MAX && w.startsWith(AR_AFTER_START) ? AR_AFTER.get(w) : undefined;
      if (!d) break;
      direction = combine(direction, d);
      to = i + 1;
    }
    if (direction && !kind) kind = 'part';
  } else {
    for (let i = end; i < tokens.length && i - end < 2 && sep(i - 1); i++) {
      const k = EN_AFTER.get(tokens[i]!.norm);
      if (!k) break;
      kind = pickKind(kind, k);
      to = i + 1;
    }
    if (direction && !kind) kind = 'part';
  }
  if (!kind) return undefined;
  const marker: RegionMarker = { kind, start: tokens[from]!.start, end: tokens[to - 1]!.end };
  if (direction) marker.direction = direction;
  return marker;
}

/** بالقرب → القرب: the preposition on "القرب من". */
function stripBi(w: string): string {
  return w.startsWith('ب') ? w.slice(1) : w;
}
