import type { EventDate } from '../../model/event.js';
import type { DateMentionLike } from './mention-types.js';
import type { SentenceUnit } from './sentence-units.js';

export type DateSource = 'sentence' | 'context' | 'published';

export interface ChosenDate {
  date: EventDate;
  from: DateSource;
}

/** How many sentences back a date still governs a sentence that gives none ("خلال تلك الحملة"). */
const CARRY_SENTENCES = 2;
/** When a report gives no date at all, the event happened within the week before publication. */
const UNDATED_WINDOW_DAYS = 6;

export function chooseDate(
  unit: SentenceUnit,
  triggerStart: number,
  sentenceDates: ReadonlyMap<number, readonly DateMentionLike[]>,
  published: string | null,
): ChosenDate | null {
  const own = pastDates(sentenceDates.get(unit.index));
  if (own.length > 0) {
    const nearest = own.reduce((a, b) =>
      Math.abs(a.tokenStart - triggerStart) <= Math.abs(b.tokenStart - triggerStart) ? a : b,
    );
    return { date: nearest.date, from: 'sentence' };
  }
  for (let back = 1; back <= CARRY_SENTENCES; back++) {
    const prior = pastDates(sentenceDates.get(unit.index - back));
    if (prior.length > 0) return { date: prior.at(-1)!.date, from: 'context' };
  }
  if (!published) return null;
  return {
    date: { start: addDays(published, -UNDATED_WINDOW_DAYS), end: published, precision: 2 },
    from: 'published',
  };
}

function pastDates(list: readonly DateMentionLike[] | undefined): DateMentionLike[] {
  return (list ?? []).filter((d) => !d.future);
}

export function addDays(iso: string, days: number): string {
  const t = Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
