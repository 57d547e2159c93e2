import { partyColour } from './colours.js';
import { formatDate, formatNumber, type Lang, type Strings } from './i18n.js';
import type { EscalationPoint } from './types.js';

interface Props {
  lang: Lang;
  t: Strings;
  points: EscalationPoint[];
  threshold?: number;
}

const W = 640;
const H = 220;
const PAD = { l: 36, r: 12, t: 12, b: 28 };

/** One line per unit (zone or area) of its escalation index by day; crossings are dotted red. */
export function EscalationChart({ lang, t, points, threshold }: Props) {
  if (points.length === 0) return <p>{t.noData}</p>;
  const days = [...new Set(points.map((p) => p.day))].sort();
  const first = days[0] ?? '';
  const last = days[days.length - 1] ?? '';
  const t0 = Date.parse(first);
  const span = Math.max(1, Date.parse(last) - t0);
  const top = Math.max(1, threshold ?? 0, ...points.map((p) => p.index));
  const x = (d: string): number => PAD.l + ((Date.parse(d) - t0) / span) * (W - PAD.l - PAD.r);
  const y = (v: number): number => H - PAD.b - (Math.max(0, v) / top) * (H - PAD.t - PAD.b);
  const units = new Map<string, EscalationPoint[]>();
  for (const p of points) {
    const list = units.get(p.unit) ?? [];
    list.push(p);
    units.set(p.unit, list);
  }
  const ticks = [0, top / 2, top];
  return (
    <figure className="chart" dir="ltr">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${t.escalation}: ${formatDate(lang, first)} – ${formatDate(lang, last)}`}>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={PAD.l} x2={W - PAD.r} y1={y(v)} y2={y(v)} className="grid" />
            <text x={PAD.l - 4} y={y(v) + 4} textAnchor="end" className="tick">{formatNumber(lang, Math.round(v * 10) / 10)}</text>
          </g>
        ))}
        {threshold !== undefined && <line x1={PAD.l} x2={W - PAD.r} y1={y(threshold)} y2={y(threshold)} className="threshold" />}
        <text x={PAD.l} y={H - 8} className="tick">{formatDate(lang, first)}</text>
        <text x={W - PAD.r} y={H - 8} textAnchor="end" className="tick">{formatDate(lang, last)}</text>
        {[...units.entries()].map(([unit, pts]) => {
          const sorted = [...pts].sort((a, b) => a.day.localeCompare(b.day));
          const d = sorted.map((p, i) => `${i ? 'L' : 'M'}${x(p.day).toFixed(1)},${y(p.index).toFixed(1)}`).join(' ');
          return (
            <g key={unit}>
              <path d={d} fill="none" stroke={partyColour(unit)} strokeWidth={2} />
              {sorted.filter((p) => p.crossed).map((p) => <circle key={p.day} cx={x(p.day)} cy={y(p.index)} r={4} className="crossed" />)}
            </g>
          );
        })}
      </svg>
      <figcaption>
        {[...units.entries()].map(([unit, pts]) => (
          <span key={unit} className="legend-item">
            <span className="dot" style={{ background: partyColour(unit) }} aria-hidden="true" />
            {pts[0]?.unit_name ?? unit}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
