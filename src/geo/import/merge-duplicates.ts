import { normalise } from '../../text/normalise.js';
import { haversineKm } from '../geo-math.js';
import { foldLatin } from '../transliteration.js';
import type { WofRecord } from './wof.js';

/**
 * WOF holds the same village more than once (a GeoNames record and a Quattroshapes one:
 * "Qal`at al Madiq" 1276435799 and "Qal at al Madiq" 421190419, 4 km apart). Records that share
 * a name and lie close together become one group; the group's first record is the one to keep.
 */

/** Same source: only near-coincident points are one place (two hamlets may share a name). */
const SAME_SOURCE_KM = 3;
/** Different sources place one village differently (quattroshapes points drift several km). */
const CROSS_SOURCE_KM = 8;
const CELL_DEG = 0.1;

function arabicKeys(r: WofRecord): string[] {
  return r.namesAr.map((n) => normalise(n).replace(/ /g, ''));
}

/** The Latin names that identify a record (not every GeoNames variant: those overlap a lot). */
function latinKeys(r: WofRecord): string[] {
  const names = [r.name, ...r.engPreferred];
  return names.map(foldLatin).filter((k) => k.length >= 3);
}

function editDistanceAtMost1(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

function sameName(a: WofRecord, b: WofRecord): boolean {
  const ak = arabicKeys(a);
  const bk = arabicKeys(b);
  if (ak.length && bk.length) return ak.some((k) => bk.includes(k));
  // One side has no Arabic: compare folded Latin names, allowing one slip in long names
  // ("Qal at al Madiq" reads its stray "at" as an article).
  const al = latinKeys(a);
  const bl = latinKeys(b);
  return al.some((x) => bl.some((y) => x === y || (x.length >= 8 && editDistanceAtMost1(x, y))));
}

/** Which record of a group stands for it: GeoNames-sourced, with Arabic, current, populous. */
function rank(r: WofRecord): number {
  return (
    (r.source === 'geonames' ? 8 : 0) + (r.namesAr.length ? 4 : 0) + (r.current !== 0 ? 2 : 0) + (r.population > 0 ? 1 : 0)
  );
}

export function mergeDuplicates(records: readonly WofRecord[]): WofRecord[][] {
  const parent = records.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const cells = new Map<string, number[]>();
  const cellOf = (lat: number, lon: number): [number, number] => [Math.floor(lat / CELL_DEG), Math.floor(lon / CELL_DEG)];
  records.forEach((r, i) => {
    const [y, x] = cellOf(r.lat, r.lon);
    const k = `${y}:${x}`;
    const list = cells.get(k);
    if (list) list.push(i);
    else cells.set(k, [i]);
  });
  records.forEach((a, i) => {
    const [y, x] = cellOf(a.lat, a.lon);
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        for (const j of cells.get(`${y + dy}:${x + dx}`) ?? []) {
          if (j <= i) continue;
          const b = records[j]!;
          const limit = a.source === b.source ? SAME_SOURCE_KM : CROSS_SOURCE_KM;
          if (haversineKm(a.lat, a.lon, b.lat, b.lon) > limit) continue;
          if (!sameName(a, b)) continue;
          parent[find(j)] = find(i);
        }
      }
    }
  });
  const groups = new Map<number, WofRecord[]>();
  records.forEach((r, i) => {
    const root = find(i);
    const g = groups.get(root);
    if (g) g.push(r);
    else groups.set(root, [r]);
  });
  return [...groups.values()].map((g) => g.sort((p, q) => rank(q) - rank(p) || p.id - q.id));
}
