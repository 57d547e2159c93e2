import { InvalidArgumentError } from 'commander';
import type { Language } from '../model/document.js';

/** A real calendar day written YYYY-MM-DD. */
export function parseIsoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidArgumentError(`"${value}" is not a date of the form YYYY-MM-DD`);
  const t = Date.parse(`${value}T00:00:00Z`);
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== value) {
    throw new InvalidArgumentError(`"${value}" is not a calendar date`);
  }
  return value;
}

export function parseLanguage(value: string): Language {
  if (value === 'ar' || value === 'en') return value;
  throw new InvalidArgumentError(`"${value}" is not a supported language (ar, en)`);
}

export function parseChoice<T extends string>(choices: readonly T[]): (value: string) => T {
  return (value) => {
    if ((choices as readonly string[]).includes(value)) return value as T;
    throw new InvalidArgumentError(`"${value}" is not one of ${choices.join(', ')}`);
  };
}

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`"${value}" is not a positive whole number`);
  return n;
}
