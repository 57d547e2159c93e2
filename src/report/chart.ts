import { escapeHtml } from './escape.js';
import type { Formatters, ReportText } from './i18n.js';
import type { ReportEscalation } from './types.js';

/**
 * The escalation chart as inline SVG: one bar a day (the report day outlined, days at or over
 * the threshold in red), the rolling baseline as a line, the threshold as a dashed line. Time
 * runs left to right in both languages, as in Arabic press charts; labels are localised.
 */

const W = 720;
const H = 230;
const M = { left: 46, right: 14, top: 30, bottom: 30 };
const COLORS = {
  bar: '#8fa9c4', barToday: '#1f4e79', over: '#d98880', overToday: '#a93226',
  baseline: '#d68910', threshold: '#a93226', grid: '#e3e7ec', axis: '#5d6d7e', text: '#2c3e50',
};

/** A round axis maximum ≥ v, and its tick step. */
function niceScale(v: number): { max: number; step: number } {
  const raw = Math.max(v, 1) / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((k) => k * mag).find((s) => s >= raw) ?? 10 * mag;
  return { max: Math.ceil(Math.max(v, 1) / step) * step, step };
}

const r1 = (n: number): string => (Math.round(n * 10) / 10).toString();

export function escalationChart(e: ReportEscalation, reportDay: string, f: Formatters, t: ReportText): string {
  const n = e.points.length;
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const top = Math.max(...e.points.map((p) => Math.max(p.index, p.baseline ?? 0)), e.threshold !== null ? e.threshold * 1.15 : 0);
  const { max, step } = niceScale(top);
  const x = (i: number): number => M.left + (pw * (i + 0.5)) / n;
  const y = (v: number): number => M.top + ph - (ph * v) / max;
  const slot = pw / n;
  const bw = Math.max(2, slot * 0.72);
  const rtlText = f.lang === 'ar' ? ' direction="rtl"' : '';
  const parts: string[] = [];

  for (let v = 0; v <= max + 1e-9; v += step) {
    parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${r1(y(v))}" y2="${r1(y(v))}" stroke="${COLORS.grid}" stroke-width="1"/>`);
    parts.push(`<text x="${M.left - 6}" y="${r1(y(v) + 4)}" text-anchor="end" font-size="11" fill="${COLORS.axis}">${escapeHtml(f.num(v, 1))}</text>`);
  }

  e.points.forEach((p, i) => {
    const over = e.threshold !== null && p.index >= e.threshold;
    const today = p.date === reportDay;
    const fill = over ? (today ? COLORS.overToday : COLORS.over) : (today ? COLORS.barToday : COLORS.bar);
    const h = Math.max(p.index > 0 ? 1 : 0, y(0) - y(p.index));
    parts.push(`<rect class="bar" data-date="${escapeHtml(p.date)}" data-index="${p.index}" x="${r1(x(i) - bw / 2)}" y="${r1(y(0) - h)}" width="${r1(bw)}" height="${r1(h)}" fill="${fill}"><title>${escapeHtml(`${f.day(p.date)}: ${f.num(p.index, 1)}`)}</title></rect>`);
  });

  // Baseline: a line through the days that have one (gaps where the baseline is unknown).
  const runs: string[][] = [];
  let run: string[] = [];
  e.points.forEach((p, i) => {
    if (p.baseline === null) { if (run.length > 0) runs.push(run); run = []; return; }
    run.push(`${r1(x(i))},${r1(y(p.baseline))}`);
  });
  if (run.length > 0) runs.push(run);
  for (const r of runs) {
    parts.push(`<polyline class="baseline" points="${r.join(' ')}" fill="none" stroke="${COLORS.baseline}" stroke-width="2" stroke-linejoin="round"/>`);
  }

  if (e.threshold !== null) {
    const ty = r1(y(e.threshold));
    parts.push(`<line class="threshold" x1="${M.left}" x2="${W - M.right}" y1="${ty}" y2="${ty}" stroke="${COLORS.threshold}" stroke-width="1.5" stroke-dasharray="6 4"/>`);
  }

  // Axis and day labels: about seven, always the report day (last), counted back from it.
  parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${r1(y(0))}" y2="${r1(y(0))}" stroke="${COLORS.axis}" stroke-width="1"/>`);
  const every = Math.max(1, Math.ceil(n / 7));
  for (let i = n - 1; i >= 0; i -= every) {
    const p = e.points[i]!;
    const weight = i === n - 1 ? ' font-weight="bold"' : '';
    parts.push(`<text x="${r1(x(i))}" y="${H - M.bottom + 16}" text-anchor="middle" font-size="11" fill="${COLORS.text}"${weight}${rtlText}>${escapeHtml(f.shortDay(p.date))}</text>`);
  }

  // Legend across the top, in reading order for the language.
  const legend: { key: string; draw: (lx: number) => string; label: string }[] = [
    { key: 'index', label: t.index, draw: (lx) => `<rect x="${lx}" y="9" width="14" height="10" fill="${COLORS.bar}"/>` },
    { key: 'baseline', label: t.baseline, draw: (lx) => `<line x1="${lx}" x2="${lx + 14}" y1="14" y2="14" stroke="${COLORS.baseline}" stroke-width="2"/>` },
  ];
  if (e.threshold !== null) {
    legend.push({
      key: 'threshold', label: `${t.threshold} (${f.num(e.threshold, 1)})`,
      draw: (lx) => `<line x1="${lx}" x2="${lx + 14}" y1="14" y2="14" stroke="${COLORS.threshold}" stroke-width="1.5" stroke-dasharray="4 3"/>`,
    });
  }
  const itemW = 150;
  legend.forEach((item, k) => {
    if (f.lang === 'ar') {
      const right = W - M.right - k * itemW;
      parts.push(item.draw(right - 14));
      parts.push(`<text x="${right - 20}" y="18" text-anchor="start" font-size="12" fill="${COLORS.text}" direction="rtl">${escapeHtml(item.label)}</text>`);
    } else {
      const left = M.left + k * itemW;
      parts.push(item.draw(left));
      parts.push(`<text x="${left + 20}" y="18" text-anchor="start" font-size="12" fill="${COLORS.text}">${escapeHtml(item.label)}</text>`);
    }
  });

  const title = escapeHtml(t.chartLabel(f.lang === 'ar' && e.area.ar ? e.area.ar : e.area.en));
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${title}" data-points="${n}" direction="ltr"><title>${title}</title>${parts.join('')}</svg>`;
}
