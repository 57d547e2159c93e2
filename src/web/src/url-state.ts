import type { Lang } from './i18n.js';

export type Tab = 'map' | 'agreement' | 'alerts' | 'coordination';
const TABS: readonly Tab[] = ['map', 'agreement', 'alerts', 'coordination'];

/**
 * Everything that makes a view lives in the page's query string, so a link reproduces it. The
 * names are the API's own filter names, which lets the list query be built straight from them.
 */
export interface ViewState {
  lang: Lang;
  tab: Tab;
  types: string[];
  grades: string[];
  actor: string;
  admin1: string;
  text: string;
  from: string;
  to: string;
  /** The day control is shown for (defaults to `to`). */
  date: string;
  incident: string | null;
  agreement: string | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const list = (v: string | null): string[] => (v ? v.split(',').filter(Boolean) : []);
const day = (v: string | null): string => (v && DAY.test(v) ? v : '');

export function readState(search: string, fallbackLang: Lang): ViewState {
  const p = new URLSearchParams(search);
  const lang = p.get('lang');
  const tab = p.get('tab') as Tab | null;
  return {
    lang: lang === 'ar' || lang === 'en' ? lang : fallbackLang,
    tab: tab && TABS.includes(tab) ? tab : 'map',
    types: list(p.get('type')),
    grades: list(p.get('grade')),
    actor: p.get('actor') ?? '',
    admin1: p.get('admin1') ?? '',
    text: p.get('text') ?? '',
    from: day(p.get('from')),
    to: day(p.get('to')),
    date: day(p.get('date')),
    incident: p.get('incident') || null,
    agreement: p.get('agreement') || null,
  };
}

export function writeState(s: ViewState): string {
  const p = new URLSearchParams();
  p.set('lang', s.lang);
  if (s.tab !== 'map') p.set('tab', s.tab);
  if (s.types.length) p.set('type', s.types.join(','));
  if (s.grades.length) p.set('grade', s.grades.join(','));
  if (s.actor) p.set('actor', s.actor);
  if (s.admin1) p.set('admin1', s.admin1);
  if (s.text) p.set('text', s.text);
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
  if (s.date) p.set('date', s.date);
  if (s.incident) p.set('incident', s.incident);
  if (s.agreement) p.set('agreement', s.agreement);
  return `?${p.toString()}`;
}

/** The incident list query for the API (same names as its filters). */
export function incidentQuery(s: ViewState): Record<string, string | string[] | undefined> {
  return {
    type: s.types.length ? s.types : undefined,
    grade: s.grades.length ? s.grades : undefined,
    actor: s.actor || undefined,
    admin1: s.admin1 || undefined,
    text: s.text || undefined,
    from: s.from || undefined,
    to: s.to || undefined,
  };
}

export function addDays(dayStr: string, n: number): string {
  const d = new Date(`${dayStr}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
