import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { Agreement, Violation } from '../monitor/types.js';
import { addDays, checkReportDate, dayRange } from './days.js';
import { ReportInputError } from './errors.js';
import { BUILTIN_ACTOR_LABELS } from './i18n.js';
import type {
  ActorLabel, DayIncident, EscalationArea, EscalationSeriesInput, Label, ReportData, ReportEscalation,
  ReportIncident, ReportSource, ReportSources, ReportViolationParty, ReportZone,
} from './types.js';

/** Days of history the escalation chart shows before the report date. */
export const ESCALATION_WINDOW_DAYS = 30;

export interface BuildOptions {
  now?: () => Date;
}

type Labeller = (id: string) => Label;

async function actorLabeller(sources: ReportSources, ids: Set<string>): Promise<Labeller> {
  const given = sources.actorLabels ? await sources.actorLabels([...ids]) : new Map<string, ActorLabel>();
  return (id) => {
    const l = given.get(id) ?? BUILTIN_ACTOR_LABELS.get(id);
    return l ? { id, en: l.en, ar: l.ar } : { id, en: id, ar: null };
  };
}

function zoneGroups(agreement: Agreement, incidents: ReportIncident[], located: Map<string, [number, number] | null>): ReportZone[] {
  const groups: ReportZone[] = agreement.zones.map((z) => ({
    area: { id: z.id, en: z.name, ar: z.name_ar ?? null }, kind: 'zone', incidents: [],
  }));
  const outside: ReportZone = { area: { id: null, en: 'outside', ar: null }, kind: 'outside', incidents: [] };
  const unlocated: ReportZone = { area: { id: null, en: 'unlocated', ar: null }, kind: 'unlocated', incidents: [] };
  for (const inc of incidents) {
    const at = located.get(inc.id) ?? null;
    if (at === null) { unlocated.incidents.push(inc); continue; }
    let inAny = false;
    agreement.zones.forEach((z, i) => {
      if (booleanPointInPolygon(at, z.geometry)) { groups[i]!.incidents.push(inc); inAny = true; }
    });
    if (!inAny) outside.incidents.push(inc);
  }
  return [...groups, outside, unlocated].filter((g) => g.kind === 'zone' || g.incidents.length > 0);
}

function adminGroups(incidents: ReportIncident[]): ReportZone[] {
  const byArea = new Map<string, ReportZone>();
  const unlocated: ReportZone = { area: { id: null, en: 'unlocated', ar: null }, kind: 'unlocated', incidents: [] };
  for (const inc of incidents) {
    if (inc.place === null) { unlocated.incidents.push(inc); continue; }
    const key = inc.admin1 ?? '';
    let g = byArea.get(key);
    if (!g) {
      g = { area: { id: key || null, en: key || 'unknown area', ar: null }, kind: 'admin1', incidents: [] };
      byArea.set(key, g);
    }
    g.incidents.push(inc);
  }
  const groups = [...byArea.values()].sort((a, b) => b.incidents.length - a.incidents.length || a.area.en.localeCompare(b.area.en));
  return unlocated.incidents.length > 0 ? [...groups, unlocated] : groups;
}

/** The series over the whole window, oldest first: missing days count 0. */
function fillSeries(area: Label, input: EscalationSeriesInput, from: string, to: string): ReportEscalation {
  const byDay = new Map(input.points.map((p) => [p.date, p]));
  const points = dayRange(from, to).map((date) => {
    const p = byDay.get(date);
    return { date, index: p && Number.isFinite(p.index) ? p.index : 0, baseline: p && p.baseline !== null && Number.isFinite(p.baseline) ? p.baseline : null };
  });
  const last = points[points.length - 1]!;
  return {
    area, threshold: input.threshold, points, today: last.index, baseline_today: last.baseline,
    crossed: input.threshold !== null && last.index >= input.threshold,
  };
}

function violationsByParty(items: Violation[], ruleText: (v: Violation) => string, label: Labeller): ReportViolationParty[] {
  const parties = new Map<string, Map<string, { description: string; count: number }>>();
  for (const v of items) {
    for (const p of v.parties.length > 0 ? v.parties : ['']) {
      let rules = parties.get(p);
      if (!rules) { rules = new Map(); parties.set(p, rules); }
      const r = rules.get(v.rule_id) ?? { description: ruleText(v), count: 0 };
      r.count++;
      rules.set(v.rule_id, r);
    }
  }
  return [...parties].map(([p, rules]) => ({
    party: p === '' ? { id: null, en: 'unattributed', ar: 'غير منسوب' } : label(p),
    total: [...rules.values()].reduce((s, r) => s + r.count, 0),
    rules: [...rules].map(([rule_id, r]) => ({ rule_id, description: r.description, count: r.count }))
      .sort((a, b) => b.count - a.count || a.rule_id.localeCompare(b.rule_id)),
  })).sort((a, b) => b.total - a.total || a.party.en.localeCompare(b.party.en));
}

/**
 * Gather what the daily situation report for `date` shows (optionally for one agreement):
 * asks every source once, groups and labels, and leaves rendering to html.ts.
 */
export async function buildReportData(
  sources: ReportSources, date: string, agreementId?: string | null, options: BuildOptions = {},
): Promise<ReportData> {
  checkReportDate(date);
  const agreement = agreementId ? await sources.agreement(agreementId) : null;
  if (agreementId && agreement === null) throw new ReportInputError(`no agreement "${agreementId}" (see marsad agreements list)`);
  const aid = agreement?.id ?? null;

  const [dayIncidents, violationsAll, control, posts] = await Promise.all([
    sources.incidentsOn(date),
    sources.violations(date, aid),
    sources.controlChanges(date),
    sources.postsAttacked(date, aid),
  ]);
  const violations = aid === null ? violationsAll : violationsAll.filter((v) => v.agreement_id === aid);
  const kept: DayIncident[] = dayIncidents.filter((d) => d.incident.grade !== 'discounted');

  const actorIds = new Set<string>();
  for (const d of kept) d.incident.actor_ids.forEach((a) => actorIds.add(a));
  for (const v of violations) v.parties.forEach((a) => actorIds.add(a));
  for (const c of control) { if (c.holder) actorIds.add(c.holder); if (c.from) actorIds.add(c.from); }
  for (const p of posts) p.perpetrators.forEach((a) => actorIds.add(a));
  if (agreement) {
    agreement.parties.forEach((p) => actorIds.add(p.id));
    agreement.guarantors.forEach((p) => actorIds.add(p.id));
    agreement.posts.forEach((p) => actorIds.add(p.held_by));
  }
  const label = await actorLabeller(sources, actorIds);

  const located = new Map<string, [number, number] | null>();
  const incidents: ReportIncident[] = kept.map(({ incident: i, evidence }) => {
    located.set(i.id, i.location ? [i.location.lon, i.location.lat] : null);
    const srcs: string[] = [];
    for (const m of i.members) if (m.source && !srcs.includes(m.source)) srcs.push(m.source);
    return {
      id: i.id, sub_event_type: i.sub_event_type, grade: i.grade, date: i.date,
      place: i.location ? { id: null, en: i.location.name, ar: i.location.name_ar } : null,
      admin1: i.location?.admin1 ?? null,
      actors: i.actor_ids.map(label), fatalities: i.fatalities, sources: srcs, evidence,
    };
  });
  incidents.sort((a, b) => (b.fatalities ?? 0) - (a.fatalities ?? 0) || a.id.localeCompare(b.id));
  const zones = agreement ? zoneGroups(agreement, incidents, located) : adminGroups(incidents);

  // Escalation: every zone of the agreement, or every admin area with incidents today.
  const from = addDays(date, -ESCALATION_WINDOW_DAYS);
  const areas: { area: EscalationArea; label: Label }[] = agreement
    ? agreement.zones.map((z) => ({ area: { kind: 'zone', agreement_id: agreement.id, zone_id: z.id }, label: { id: z.id, en: z.name, ar: z.name_ar ?? null } }))
    : [...new Map(kept.filter((d) => d.incident.location?.admin1).map((d) => {
      const l = d.incident.location!;
      return [`${l.country}/${l.admin1}`, { area: { kind: 'admin1', country: l.country, admin1: l.admin1! } as EscalationArea, label: { id: l.admin1, en: l.admin1!, ar: null } }];
    })).values()];
  const escalation = await Promise.all(areas.map(async (a) => fillSeries(a.label, await sources.escalationSeries(a.area, from, date), from, date)));

  const incidentPlace = new Map(incidents.map((i) => [i.id, i.place]));
  const ruleById = new Map(agreement?.rules.map((r) => [r.id, r.description]) ?? []);
  const zoneById = new Map(agreement?.zones.map((z) => [z.id, z]) ?? []);
  const postById = new Map(agreement?.posts.map((p) => [p.id, p]) ?? []);
  const ruleText = (v: Violation): string => ruleById.get(v.rule_id) ?? v.rule_id;
  const where = (v: Violation): Label | null => {
    const z = v.zone_id ? zoneById.get(v.zone_id) : undefined;
    if (z) return { id: z.id, en: z.name, ar: z.name_ar ?? null };
    const p = v.post_id ? postById.get(v.post_id) : undefined;
    if (p) return { id: p.id, en: p.name, ar: p.name_ar ?? null };
    const id = v.zone_id ?? v.post_id;
    return id ? { id, en: id, ar: null } : null;
  };

  const postsAttacked = posts.map((p) => {
    const post = postById.get(p.post_id);
    return {
      post: post ? { id: post.id, en: post.name, ar: post.name_ar ?? null } : { id: p.post_id, en: p.post_id, ar: null },
      held_by: post ? label(post.held_by) : { id: null, en: '?', ar: null },
      incident_id: p.incident_id, sub_event_type: p.sub_event_type, date: p.date,
      perpetrators: p.perpetrators.map(label), distance_km: p.distance_km,
    };
  });

  // Sources: the documents behind the kept incidents, grouped by source name.
  const docIncidents = new Map<string, Set<string>>();
  for (const { incident } of kept) {
    for (const m of incident.members) {
      let s = docIncidents.get(m.doc_id);
      if (!s) { s = new Set(); docIncidents.set(m.doc_id, s); }
      s.add(incident.id);
    }
  }
  const docs = docIncidents.size > 0 ? await sources.sources(date, [...docIncidents.keys()]) : [];
  const bySource = new Map<string, { src: ReportSource; incidents: Set<string> }>();
  for (const d of docs) {
    const name = d.source ?? '?';
    let e = bySource.get(name);
    if (!e) { e = { src: { name, documents: [], incidents: 0 }, incidents: new Set() }; bySource.set(name, e); }
    if (!e.src.documents.some((x) => x.doc_id === d.doc_id)) {
      e.src.documents.push({ doc_id: d.doc_id, title: d.title, url: d.url, published: d.published });
    }
    for (const id of docIncidents.get(d.doc_id) ?? []) e.incidents.add(id);
  }
  const sourceList = [...bySource.values()].map((e) => ({ ...e.src, incidents: e.incidents.size }))
    .sort((a, b) => b.incidents - a.incidents || a.name.localeCompare(b.name));

  return {
    date,
    generated_at: (options.now ?? (() => new Date()))().toISOString(),
    agreement: agreement && {
      id: agreement.id, name: agreement.name, approximation: agreement.approximation,
      parties: agreement.parties.map((p) => { const l = label(p.id); return l.en === p.id ? { id: p.id, en: p.name, ar: l.ar } : l; }),
      guarantors: agreement.guarantors.map((p) => { const l = label(p.id); return l.en === p.id ? { id: p.id, en: p.name, ar: l.ar } : l; }),
    },
    grouping: agreement ? 'zone' : 'admin1',
    totals: {
      incidents: incidents.length,
      fatalities: incidents.reduce((s, i) => s + (i.fatalities ?? 0), 0),
      violations: violations.length,
      control_changes: control.length,
      posts_attacked: postsAttacked.length,
      escalation_crossings: escalation.filter((e) => e.crossed).length,
      discounted: dayIncidents.length - kept.length,
    },
    zones,
    violations: {
      by_party: violationsByParty(violations, ruleText, label),
      items: violations.map((v) => ({
        id: v.id, agreement_id: v.agreement_id, rule_id: v.rule_id, rule: ruleText(v), where: where(v),
        parties: v.parties.map(label), incident_id: v.incident_id, grade: v.grade, sub_event_type: v.sub_event_type,
        place: incidentPlace.get(v.incident_id) ?? null,
      })),
    },
    control_changes: control.map((c) => ({
      place: { id: null, en: c.place.name, ar: c.place.name_ar },
      from: c.from ? label(c.from) : null, to: c.holder ? label(c.holder) : null,
      since: c.since, sub_event_type: c.sub_event_type, grade: c.grade, incident_id: c.incident_id,
      sources: c.sources, evidence: c.evidence, contested: c.contested,
    })),
    escalation,
    posts_attacked: postsAttacked,
    sources: sourceList,
  };
}
