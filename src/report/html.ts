import { escalationChart } from './chart.js';
import { escapeHtml as esc, safeUrl } from './escape.js';
import { TEXT, formatters, gradeLabel, labelText, subEventLabel, type Formatters, type ReportText } from './i18n.js';
import { reportCss } from './style.js';
import type {
  Label, ReportControlChange, ReportData, ReportEscalation, ReportIncident, ReportLang, ReportPostAttack, ReportSource,
  ReportViolation, ReportViolationParty, ReportZone,
} from './types.js';

/**
 * The daily situation report as one self-contained HTML page: inline CSS and SVG, no scripts,
 * no external fetches (a Content-Security-Policy forbids them), every text escaped. Arabic is
 * laid out right to left; names and quotes from documents are isolated (dir="auto", <bdi>) so a
 * Latin name in Arabic text, or the reverse, does not scramble the line.
 */

interface Ctx {
  lang: ReportLang;
  f: Formatters;
  t: ReportText;
  date: string;
}

const bdi = (s: string): string => `<bdi>${esc(s)}</bdi>`;
const name = (l: Label, c: Ctx): string => bdi(labelText(l, c.lang));
const names = (ls: Label[], c: Ctx): string => (ls.length === 0 ? '—' : ls.map((l) => name(l, c)).join(c.lang === 'ar' ? '، ' : ', '));
const idCode = (id: string): string => `<code class="id" dir="ltr">${esc(id)}</code>`;
const numCell = (n: number | null, c: Ctx): string => `<td class="num">${n === null ? '—' : esc(c.f.num(n))}</td>`;

function gradeTag(g: string | null, c: Ctx): string {
  if (g === null) return '—';
  return `<span class="grade ${esc(g)}">${esc(gradeLabel(g, c.lang))}</span>`;
}

function masthead(d: ReportData, c: Ctx): string {
  const a = d.agreement;
  const agreement = a === null ? '' : `<p class="agreement"><b>${esc(c.t.agreement)}:</b> ${bdi(a.name)} ${idCode(a.id)}
    ${a.parties.length > 0 ? ` · <b>${esc(c.t.parties)}:</b> ${names(a.parties, c)}` : ''}
    ${a.guarantors.length > 0 ? ` · <b>${esc(c.t.guarantors)}:</b> ${names(a.guarantors, c)}` : ''}
    ${a.approximation ? `<span class="approx"><b>${esc(c.t.approximation)}:</b> ${bdi(a.approximation)}</span>` : ''}</p>`;
  return `<header>
  <div class="masthead">
    <div><h1>${esc(c.t.title)}</h1><div class="dateline">${esc(c.f.longDay(d.date))}</div></div>
    <div class="brand"><b>مرصد</b> · <b>Marsad</b></div>
  </div>${agreement}
</header>`;
}

function figures(d: ReportData, c: Ctx): string {
  const t = d.totals;
  const box = (n: number, label: string, alert = false): string =>
    `<div class="fig${alert && n > 0 ? ' alert' : ''}"><span class="n">${esc(c.f.num(n))}</span><span class="l">${esc(label)}</span></div>`;
  return `<section id="summary" class="summary"><div class="figures">
  ${box(t.incidents, c.t.incidents)}${box(t.fatalities, c.t.fatalities)}${box(t.violations, c.t.violations, true)}
  ${box(t.control_changes, c.t.controlChanges)}${box(t.posts_attacked, c.t.postsAttacked, true)}${box(t.escalation_crossings, c.t.crossings, true)}
</div>${t.discounted > 0 ? `<p class="note">${esc(c.t.discounted(c.f.num(t.discounted)))}</p>` : ''}</section>`;
}

function escalationSection(d: ReportData, c: Ctx): string {
  const body = d.escalation.length === 0 ? `<p class="empty">${esc(c.t.noEscalation)}</p>` : d.escalation.map((e) => escalationFigure(e, c)).join('\n');
  return `<section id="escalation"><h2>${esc(c.t.escalation)}</h2>${body}</section>`;
}

function escalationFigure(e: ReportEscalation, c: Ctx): string {
  const status = e.threshold === null ? esc(c.t.noThreshold)
    : e.crossed ? `<span class="crossed">${esc(c.t.crossed)}</span>` : esc(c.t.notCrossed);
  const parts = [
    `${esc(c.t.today)}: <b>${esc(c.f.num(e.today, 1))}</b>`,
    `${esc(c.t.baseline)}: ${e.baseline_today === null ? '—' : esc(c.f.num(e.baseline_today, 1))}`,
    ...(e.threshold !== null ? [`${esc(c.t.threshold)}: ${esc(c.f.num(e.threshold, 1))}`] : []),
    status,
  ];
  return `<figure class="escalation" data-area="${esc(e.area.id ?? '')}">
  <h3>${name(e.area, c)}</h3>
  ${escalationChart(e, c.date, c.f, c.t)}
  <figcaption>${parts.join(' · ')}</figcaption>
</figure>`;
}

function zoneTitle(z: ReportZone, c: Ctx): string {
  if (z.kind === 'outside') return esc(c.t.outside);
  if (z.kind === 'unlocated') return esc(c.t.unlocated);
  if (z.kind === 'admin1' && z.area.id === null) return esc(c.t.unknownArea);
  return name(z.area, c);
}

/** Anchors for incidents, so violations can link to them (ids may hold any characters). */
type Anchors = Map<string, string>;

function incidentRows(i: ReportIncident, c: Ctx, anchors: Anchors): string {
  const date = i.date && (i.date.start !== c.date || i.date.end !== c.date) ? `<br><span class="note">${esc(c.f.range(i.date))}</span>` : '';
  const anchor = anchors.get(i.id);
  const row = `<tr class="main" data-incident="${esc(i.id)}"${anchor ? ` id="${anchor}"` : ''}>
    <td>${i.place ? name(i.place, c) : '—'}${date}</td>
    <td>${esc(subEventLabel(i.sub_event_type, c.lang))}</td>
    <td>${names(i.actors, c)}</td>
    <td>${gradeTag(i.grade, c)}</td>
    ${numCell(i.fatalities, c)}
    <td>${i.sources.length === 0 ? '—' : i.sources.map(bdi).join('<br>')}</td>
  </tr>`;
  // The quote and the incident id share a full-width row: long ids would crush a column.
  const quote = i.evidence ? `<span class="evidence" dir="auto">${esc(i.evidence)}</span>` : '<span></span>';
  // One tbody per incident keeps the pair on the same page.
  return `<tbody class="pair">${row}<tr class="detail"><td colspan="6"><div class="detail">${quote}${idCode(i.id)}</div></td></tr></tbody>`;
}

function incidentsSection(d: ReportData, c: Ctx, anchors: Anchors): string {
  const heading = d.grouping === 'zone' ? c.t.incidentsByZone : c.t.incidentsByArea;
  const head = `<tr><th>${esc(c.t.place)}</th><th>${esc(c.t.type)}</th><th>${esc(c.t.actors)}</th><th>${esc(c.t.grade)}</th>
    <th class="num">${esc(c.t.fatalities)}</th><th>${esc(c.t.sources)}</th></tr>`;
  const groups = d.zones.map((z) => {
    const count = `<span class="count">(${esc(c.f.num(z.incidents.length))})</span>`;
    const body = z.incidents.length === 0 ? `<p class="empty">${esc(c.t.noIncidents)}</p>`
      : `<table class="incidents"><thead>${head}</thead>${z.incidents.map((i) => incidentRows(i, c, anchors)).join('')}</table>`;
    return `<div class="zone" data-kind="${z.kind}"><h3>${zoneTitle(z, c)} ${count}</h3>${body}</div>`;
  }).join('\n');
  const body = d.zones.length === 0 ? `<p class="empty">${esc(c.t.noIncidents)}</p>` : groups;
  return `<section id="incidents"><h2>${esc(heading)}</h2>${body}</section>`;
}

function violationsSection(d: ReportData, c: Ctx, anchors: Anchors): string {
  if (d.violations.items.length === 0) {
    return `<section id="violations"><h2>${esc(c.t.violationsByParty)}</h2><p class="empty">${esc(c.t.noViolations)}</p></section>`;
  }
  const partyRows = (p: ReportViolationParty): string => p.rules.map((r, k) => `<tr>
    ${k === 0 ? `<td rowspan="${p.rules.length}">${name(p.party, c)} <span class="note">(${esc(c.f.num(p.total))})</span></td>` : ''}
    <td><bdi>${esc(r.description)}</bdi> ${idCode(r.rule_id)}</td>${numCell(r.count, c)}</tr>`).join('');
  const byParty = `<table class="by-party"><thead><tr><th>${esc(c.t.party)}</th><th>${esc(c.t.rule)}</th><th class="num">${esc(c.t.count)}</th></tr></thead>
    <tbody>${d.violations.by_party.map(partyRows).join('')}</tbody></table>`;
  const row = (v: ReportViolation): string => {
    const anchor = anchors.get(v.incident_id);
    const place = v.place ? name(v.place, c) : idCode(v.incident_id);
    return `<tr data-violation="${esc(v.id)}" data-incident="${esc(v.incident_id)}">
    <td>${anchor ? `<a href="#${anchor}">${place}</a>` : place}</td><td>${esc(subEventLabel(v.sub_event_type, c.lang))}</td>
    <td>${v.where ? name(v.where, c) : '—'}</td><td>${names(v.parties, c)}</td><td>${gradeTag(v.grade, c)}</td>
    <td><bdi>${esc(v.rule)}</bdi></td></tr>`;
  };
  const list = `<table class="violations"><thead><tr><th>${esc(c.t.place)}</th><th>${esc(c.t.type)}</th><th>${esc(c.t.where)}</th>
    <th>${esc(c.t.party)}</th><th>${esc(c.t.grade)}</th><th>${esc(c.t.rule)}</th></tr></thead>
    <tbody>${d.violations.items.map(row).join('')}</tbody></table>`;
  return `<section id="violations"><h2>${esc(c.t.violationsByParty)}</h2>${byParty}${list}</section>`;
}

function controlSection(d: ReportData, c: Ctx): string {
  if (d.control_changes.length === 0) {
    return `<section id="control"><h2>${esc(c.t.controlChanges)}</h2><p class="empty">${esc(c.t.noControl)}</p></section>`;
  }
  const row = (x: ReportControlChange): string => {
    const main = `<tr class="${x.evidence ? 'main' : ''}">
      <td>${name(x.place, c)}${x.contested ? `<span class="flag">${esc(c.t.contested)}</span>` : ''}</td>
      <td>${x.from ? name(x.from, c) : '—'}</td><td>${x.to ? name(x.to, c) : esc(c.t.unknown)}</td>
      <td>${esc(c.f.range(x.since))}</td><td>${esc(subEventLabel(x.sub_event_type, c.lang))}</td><td>${gradeTag(x.grade, c)}</td>
      <td>${x.sources.length === 0 ? '—' : x.sources.map(bdi).join('<br>')}</td></tr>`;
    const ev = x.evidence ? `<tr class="detail"><td colspan="7"><div class="detail"><span class="evidence" dir="auto">${esc(x.evidence)}</span>${x.incident_id ? idCode(x.incident_id) : ''}</div></td></tr>` : '';
    return `<tbody class="pair">${main}${ev}</tbody>`;
  };
  return `<section id="control"><h2>${esc(c.t.controlChanges)}</h2><table class="control"><thead><tr>
    <th>${esc(c.t.place)}</th><th>${esc(c.t.from)}</th><th>${esc(c.t.to)}</th><th>${esc(c.t.since)}</th><th>${esc(c.t.type)}</th>
    <th>${esc(c.t.grade)}</th><th>${esc(c.t.sources)}</th></tr></thead>${d.control_changes.map(row).join('')}</table></section>`;
}

function postsSection(d: ReportData, c: Ctx): string {
  if (d.posts_attacked.length === 0) {
    return `<section id="posts"><h2>${esc(c.t.postsAttacked)}</h2><p class="empty">${esc(c.t.noPosts)}</p></section>`;
  }
  const row = (p: ReportPostAttack): string => `<tr><td>${name(p.post, c)}</td><td>${name(p.held_by, c)}</td>
    <td>${esc(subEventLabel(p.sub_event_type, c.lang))}</td><td>${names(p.perpetrators, c)}</td>
    <td class="num">${p.distance_km === null ? '—' : `${esc(c.f.num(p.distance_km, 1))} ${esc(c.t.km)}`}</td>
    <td>${esc(c.f.day(p.date))}</td><td>${idCode(p.incident_id)}</td></tr>`;
  return `<section id="posts"><h2>${esc(c.t.postsAttacked)}</h2><table class="posts"><thead><tr><th>${esc(c.t.post)}</th>
    <th>${esc(c.t.heldBy)}</th><th>${esc(c.t.type)}</th><th>${esc(c.t.actors)}</th><th class="num">${esc(c.t.distance)}</th>
    <th>${esc(c.t.date)}</th><th>${esc(c.t.incident)}</th></tr></thead><tbody>${d.posts_attacked.map(row).join('')}</tbody></table></section>`;
}

function sourcesSection(d: ReportData, c: Ctx): string {
  if (d.sources.length === 0) return `<section id="sources"><h2>${esc(c.t.sourcesList)}</h2><p class="empty">${esc(c.t.noSources)}</p></section>`;
  const doc = (x: ReportSource['documents'][number]): string => {
    const href = safeUrl(x.url);
    const title = `<bdi>${esc(x.title ?? x.doc_id)}</bdi>`;
    const linked = href ? `<a href="${href}">${title}</a>` : title;
    return `${linked}${x.published ? ` (${esc(c.f.day(x.published))})` : ''}${href ? ` <code class="id" dir="ltr">${href}</code>` : ''}`;
  };
  const item = (s: ReportSource): string => `<li><b>${bdi(s.name)}</b> <span class="note">${esc(c.t.citedBy)}: ${esc(c.f.num(s.incidents))} · ${esc(c.t.documents)}: ${esc(c.f.num(s.documents.length))}</span>
    ${s.documents.map((x) => `<span class="docs">${doc(x)}</span>`).join('')}</li>`;
  return `<section id="sources"><h2>${esc(c.t.sourcesList)}</h2><ol class="sources">${d.sources.map(item).join('')}</ol></section>`;
}

export function renderReportHtml(d: ReportData, lang: ReportLang): string {
  const c: Ctx = { lang, f: formatters(lang), t: TEXT[lang], date: d.date };
  const anchors: Anchors = new Map();
  for (const z of d.zones) for (const i of z.incidents) if (!anchors.has(i.id)) anchors.set(i.id, `incident-${anchors.size + 1}`);
  const title = `${c.t.title} — ${c.f.day(d.date)}${d.agreement ? ` — ${d.agreement.name}` : ''}`;
  return `<!DOCTYPE html>
<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Marsad">
<title>${esc(title)}</title>
<style>${reportCss(lang)}</style>
</head>
<body>
${masthead(d, c)}
<main>
${figures(d, c)}
${escalationSection(d, c)}
${incidentsSection(d, c, anchors)}
${violationsSection(d, c, anchors)}
${controlSection(d, c)}
${postsSection(d, c)}
${sourcesSection(d, c)}
</main>
<footer><p>${esc(c.t.footer)}</p><p>${esc(c.t.generated)}: ${esc(c.f.dateTime(d.generated_at))}</p></footer>
</body>
</html>
`;
}
