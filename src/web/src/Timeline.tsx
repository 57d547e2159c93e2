import { useMemo } from 'react';
import { formatDate, type Lang, type Strings } from './i18n.js';
import type { IncidentView } from './types.js';
import { addDays, daysBetween } from './url-state.js';

interface Props {
  lang: Lang;
  t: Strings;
  /** Every incident (unfiltered): the timeline's extent and its histogram. */
  all: IncidentView[];
  from: string;
  to: string;
  onChange(from: string, to: string): void;
}

/** A day histogram of incidents with a two-handle range slider over it. */
export function Timeline({ lang, t, all, from, to, onChange }: Props) {
  const { min, max, counts } = useMemo(() => {
    let lo = '';
    let hi = '';
    const c = new Map<string, number>();
    for (const i of all) {
      const d = i.date?.start;
      if (!d) continue;
      if (!lo || d < lo) lo = d;
      if (!hi || d > hi) hi = d;
      c.set(d, (c.get(d) ?? 0) + 1);
    }
    return { min: lo, max: hi, counts: c };
  }, [all]);
  if (!min || !max) return null;
  const span = Math.max(1, daysBetween(min, max));
  const a = from && from >= min ? Math.min(span, daysBetween(min, from)) : 0;
  const b = to && to <= max ? Math.max(0, daysBetween(min, to)) : span;
  const peak = Math.max(1, ...counts.values());
  const bars = [];
  for (let i = 0; i <= span; i++) {
    const d = addDays(min, i);
    const n = counts.get(d) ?? 0;
    if (!n) continue;
    const h = (n / peak) * 28;
    bars.push(<rect key={d} x={(i / (span + 1)) * 100 + '%'} y={30 - h} width={Math.max(0.6, 100 / (span + 1)) + '%'} height={h} className={i >= a && i <= b ? 'bar in' : 'bar'} />);
  }
  const set = (na: number, nb: number): void => {
    const lo = Math.min(na, nb);
    const hi = Math.max(na, nb);
    onChange(lo === 0 ? '' : addDays(min, lo), hi === span ? '' : addDays(min, hi));
  };
  return (
    <fieldset className="timeline">
      <legend>{t.dateRange}</legend>
      <svg className="histogram" viewBox="0 0 100 30" preserveAspectRatio="none" aria-hidden="true" width="100%" height="30">
        {bars}
      </svg>
      <div className="range" dir="ltr">
        <input type="range" min={0} max={span} value={a} aria-label={t.from} aria-valuetext={formatDate(lang, addDays(min, a))} data-testid="range-from" onChange={(e) => set(Number(e.target.value), b)} />
        <input type="range" min={0} max={span} value={b} aria-label={t.to} aria-valuetext={formatDate(lang, addDays(min, b))} data-testid="range-to" onChange={(e) => set(a, Number(e.target.value))} />
      </div>
      <div className="range-labels" dir="ltr">
        <span>{formatDate(lang, addDays(min, a))}</span>
        <span>{formatDate(lang, addDays(min, b))}</span>
      </div>
    </fieldset>
  );
}
