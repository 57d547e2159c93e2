import { Rng, Weighted } from './random.js';

/**
 * Where synthetic events happen: towns of the Syrian conflict that carried most of its reported
 * violence (weights are rough shares of reporting, not measured counts), each with the years it
 * was busiest, plus a thin background over the whole country. Coordinates are public facts.
 */
export interface Hotspot {
  name: string;
  nameAr: string;
  admin1: string;
  admin1Ar: string;
  lat: number;
  lon: number;
  weight: number;
  /** Years when this place was a front line: its weight is multiplied by PEAK_FACTOR then. */
  peak: readonly number[];
}

const PEAK_FACTOR = 4;

type Row = [name: string, nameAr: string, gov: keyof typeof GOVERNORATES, lat: number, lon: number, weight: number, peak?: number[]];

/** ACLED's admin1 spelling → Arabic. */
const GOVERNORATES = {
  Idleb: 'إدلب', Aleppo: 'حلب', "Dar'a": 'درعا', 'Rural Damascus': 'ريف دمشق', Damascus: 'دمشق', Homs: 'حمص',
  Hama: 'حماة', 'Deir ez-Zor': 'دير الزور', 'Ar-Raqqa': 'الرقة', 'Al-Hasakeh': 'الحسكة', Lattakia: 'اللاذقية',
  Quneitra: 'القنيطرة', 'As-Sweida': 'السويداء', Tartous: 'طرطوس',
} as const;

const ROWS: readonly Row[] = [
  ['Idlib', 'إدلب', 'Idleb', 35.93, 36.63, 10, [2019, 2020]],
  ['Maarat al-Numan', 'معرة النعمان', 'Idleb', 35.65, 36.67, 6, [2019, 2020]],
  ['Saraqib', 'سراقب', 'Idleb', 35.86, 36.8, 5, [2020]],
  ['Jisr al-Shughur', 'جسر الشغور', 'Idleb', 35.81, 36.32, 4, [2019, 2020]],
  ['Ariha', 'أريحا', 'Idleb', 35.81, 36.61, 3, [2020]],
  ['Khan Shaykhun', 'خان شيخون', 'Idleb', 35.44, 36.65, 3, [2019]],
  ['Kafr Nabl', 'كفرنبل', 'Idleb', 35.61, 36.56, 3, [2019]],
  ['Aleppo', 'حلب', 'Aleppo', 36.2, 37.16, 6, [2017]],
  ['Al-Atarib', 'الأتارب', 'Aleppo', 36.14, 36.83, 3, [2020]],
  ['Afrin', 'عفرين', 'Aleppo', 36.51, 36.87, 6, [2018]],
  ['Al-Bab', 'الباب', 'Aleppo', 36.37, 37.52, 4, [2017]],
  ['Azaz', 'أعزاز', 'Aleppo', 36.59, 37.05, 3],
  ['Manbij', 'منبج', 'Aleppo', 36.53, 37.95, 4, [2019]],
  ['Tal Rifaat', 'تل رفعت', 'Aleppo', 36.47, 37.1, 3, [2022]],
  ['Jarablus', 'جرابلس', 'Aleppo', 36.82, 38.01, 2],
  ['Ain al-Arab', 'عين العرب', 'Aleppo', 36.89, 38.35, 2, [2022]],
  ['Daraa', 'درعا', "Dar'a", 32.62, 36.1, 6, [2018, 2021]],
  ['Tafas', 'طفس', "Dar'a", 32.74, 36.07, 2, [2021, 2022]],
  ['Nawa', 'نوى', "Dar'a", 32.89, 36.04, 2, [2018]],
  ['Busra al-Sham', 'بصرى الشام', "Dar'a", 32.52, 36.48, 2],
  ['Douma', 'دوما', 'Rural Damascus', 33.57, 36.4, 5, [2017, 2018]],
  ['Harasta', 'حرستا', 'Rural Damascus', 33.56, 36.36, 3, [2017, 2018]],
  ['Jobar', 'جوبر', 'Damascus', 33.53, 36.33, 2, [2017, 2018]],
  ['Damascus', 'دمشق', 'Damascus', 33.51, 36.29, 3],
  ['Yarmouk Camp', 'مخيم اليرموك', 'Damascus', 33.47, 36.3, 2, [2018]],
  ['Yabroud', 'يبرود', 'Rural Damascus', 33.97, 36.66, 1],
  ['Homs', 'حمص', 'Homs', 34.73, 36.72, 3],
  ['Ar-Rastan', 'الرستن', 'Homs', 34.93, 36.73, 2, [2018]],
  ['Talbiseh', 'تلبيسة', 'Homs', 34.84, 36.73, 1, [2018]],
  ['Tadmur', 'تدمر', 'Homs', 34.56, 38.27, 3, [2017, 2023]],
  ['As-Sukhnah', 'السخنة', 'Homs', 34.88, 38.87, 2, [2017, 2023]],
  ['Al-Tanf', 'التنف', 'Homs', 33.5, 38.62, 0.5],
  ['Hama', 'حماة', 'Hama', 35.13, 36.75, 2],
  ['Kafr Zita', 'كفرزيتا', 'Hama', 35.37, 36.6, 3, [2019]],
  ["Qal'at al-Madiq", 'قلعة المضيق', 'Hama', 35.41, 36.39, 2, [2019]],
  ['Mhardeh', 'محردة', 'Hama', 35.25, 36.57, 1, [2019]],
  ['Deir ez-Zor', 'دير الزور', 'Deir ez-Zor', 35.33, 40.14, 5, [2017]],
  ['Al-Mayadin', 'الميادين', 'Deir ez-Zor', 35.02, 40.45, 4, [2017, 2024]],
  ['Al-Bukamal', 'البوكمال', 'Deir ez-Zor', 34.45, 40.92, 4, [2017, 2024]],
  ['Hajin', 'هجين', 'Deir ez-Zor', 34.69, 40.83, 3, [2018]],
  ['Al-Busayrah', 'البصيرة', 'Deir ez-Zor', 35.15, 40.43, 2, [2023]],
  ['Ar-Raqqa', 'الرقة', 'Ar-Raqqa', 35.95, 39.01, 4, [2017]],
  ['At-Tabqa', 'الطبقة', 'Ar-Raqqa', 35.84, 38.55, 2, [2017]],
  ['Tal Abyad', 'تل أبيض', 'Ar-Raqqa', 36.7, 38.95, 3, [2019]],
  ['Ras al-Ain', 'رأس العين', 'Al-Hasakeh', 36.85, 40.07, 4, [2019, 2020]],
  ['Al-Hasakeh', 'الحسكة', 'Al-Hasakeh', 36.5, 40.75, 3, [2022]],
  ['Qamishli', 'القامشلي', 'Al-Hasakeh', 37.05, 41.23, 2],
  ['Al-Hol', 'الهول', 'Al-Hasakeh', 36.38, 41.15, 2, [2021, 2022]],
  ['Tal Tamr', 'تل تمر', 'Al-Hasakeh', 36.65, 40.37, 2, [2019]],
  ['Lattakia', 'اللاذقية', 'Lattakia', 35.52, 35.78, 1],
  ['Kabana', 'كبانة', 'Lattakia', 35.73, 36.26, 2, [2019, 2020]],
  ['Quneitra', 'القنيطرة', 'Quneitra', 33.12, 35.82, 1, [2018]],
  ['As-Sweida', 'السويداء', 'As-Sweida', 32.71, 36.57, 2, [2023, 2024]],
  ['Tartous', 'طرطوس', 'Tartous', 34.89, 35.89, 0.5],
];

export const HOTSPOTS: readonly Hotspot[] = ROWS.map(([name, nameAr, gov, lat, lon, weight, peak]) => ({
  name, nameAr, admin1: gov, admin1Ar: GOVERNORATES[gov], lat, lon, weight, peak: peak ?? [],
}));

/** Syria's outline, coarse (about 10 km): enough to keep background events inside the country. */
const SYRIA: readonly (readonly [number, number])[] = [
  [38.79, 33.38], [36.83, 32.31], [35.72, 32.71], [35.84, 32.87], [35.78, 33.33], [36.07, 33.82], [36.61, 34.2],
  [36.45, 34.59], [36.0, 34.65], [35.9, 35.41], [36.15, 35.82], [36.42, 36.04], [36.69, 36.26], [36.74, 36.82],
  [37.07, 36.62], [38.17, 36.9], [38.7, 36.71], [39.52, 36.72], [40.67, 37.09], [41.21, 37.07], [42.35, 37.23],
  [41.84, 36.61], [41.29, 36.36], [41.38, 35.63], [41.01, 34.42], [38.79, 33.38],
];

export const SYRIA_BBOX = { minLon: 35.7, minLat: 32.3, maxLon: 42.4, maxLat: 37.3 } as const;

function insideSyria(lon: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = SYRIA.length - 1; i < SYRIA.length; j = i++) {
    const [xi, yi] = SYRIA[i]!;
    const [xj, yj] = SYRIA[j]!;
    if ((yi > lat) !== (yj > lat) && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** A point where events are reported: a town, one of the villages around it, or open country. */
export interface Site {
  hotspot: Hotspot;
  lat: number;
  lon: number;
  /** 1 the town itself, 2 a village near it or a spot in its countryside. */
  precision: 1 | 2;
  name: string;
  nameAr: string;
  gazetteerId: string;
}

/** Share of events scattered over the country rather than at a hot spot's town or villages. */
const BACKGROUND_SHARE = 0.1;
const VILLAGES_PER_HOTSPOT = 14;

export interface Geography {
  /** A hot spot drawn for a year: its town, busier in its peak years. */
  hotspotFor(year: number, rng: Rng): Hotspot;
  /** Where one event of a report about `h` happens. */
  siteNear(h: Hotspot, rng: Rng): Site;
}

function nearestHotspot(lon: number, lat: number): Hotspot {
  let best = HOTSPOTS[0]!;
  let bestD = Infinity;
  for (const h of HOTSPOTS) {
    const d = (h.lon - lon) ** 2 + (h.lat - lat) ** 2;
    if (d < bestD) {
      bestD = d;
      best = h;
    }
  }
  return best;
}

/**
 * Events cluster on a fixed set of gazetteer points (the town and the villages around it), as
 * extracted events do; many events share exact coordinates, which an index must cope with.
 */
export function makeGeography(seed: number): Geography {
  const rng = new Rng(seed);
  const villages = new Map<Hotspot, Site[]>();
  HOTSPOTS.forEach((h, hi) => {
    const list: Site[] = [];
    for (let v = 0; list.length < VILLAGES_PER_HOTSPOT && v < 200; v++) {
      const lat = h.lat + rng.normal() * 0.12;
      const lon = h.lon + rng.normal() * 0.12;
      if (!insideSyria(lon, lat)) continue;
      list.push({
        hotspot: h, lat: round5(lat), lon: round5(lon), precision: 2,
        name: `${h.name} countryside`, nameAr: `ريف ${h.nameAr}`, gazetteerId: `bench:${hi}-${list.length + 1}`,
      });
    }
    villages.set(h, list);
  });
  const byYear = new Map<number, Weighted<Hotspot>>();
  const town = new Map<Hotspot, Site>(HOTSPOTS.map((h, hi) => [h, {
    hotspot: h, lat: h.lat, lon: h.lon, precision: 1, name: h.name, nameAr: h.nameAr, gazetteerId: `bench:${hi}`,
  }]));
  return {
    hotspotFor(year, r) {
      let w = byYear.get(year);
      if (!w) {
        w = new Weighted(HOTSPOTS.map((h) => [h, h.weight * (h.peak.includes(year) ? PEAK_FACTOR : 1)] as const));
        byYear.set(year, w);
      }
      return w.draw(r);
    },
    siteNear(h, r) {
      const x = r.next();
      if (x < BACKGROUND_SHARE) {
        for (;;) {
          const lon = r.uniform(SYRIA_BBOX.minLon, SYRIA_BBOX.maxLon);
          const lat = r.uniform(SYRIA_BBOX.minLat, SYRIA_BBOX.maxLat);
          if (!insideSyria(lon, lat)) continue;
          const near = nearestHotspot(lon, lat);
          return {
            hotspot: near, lat: round5(lat), lon: round5(lon), precision: 2,
            name: `${near.admin1} desert`, nameAr: `بادية ${near.admin1Ar}`, gazetteerId: `bench:open`,
          };
        }
      }
      if (x < 0.45) return town.get(h)!;
      return r.pick(villages.get(h)!);
    },
  };
}

function round5(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}
