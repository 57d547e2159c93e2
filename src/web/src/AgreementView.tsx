import { useEffect, useMemo, useState } from 'react';
import { api } from './api.js';
import { EscalationChart } from './EscalationChart.js';
import { formatDate, formatNumber, type Lang, type Strings } from './i18n.js';
import type { Agreement, EscalationPoint, Violation } from './types.js';

interface Props {
  lang: Lang;
  t: Strings;
  agreements: Agreement[];
  selected: string | null;
  onSelectAgreement(id: string): void;
  violations: Violation[];
  from: string;
  to: string;
  onOpenIncident(id: string): void;
}

function countBy(vs: readonly Violation[], key: (v: Violation) => string[]): [string, number][] {
  const m = new Map<string, number>();
  for (const v of vs) for (const k of key(v)) m.set(k, (m.get(k) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1]);
}

function Bars({ lang, rows, label }: { lang: Lang; rows: [string, number][]; label: string }) {
  const peak = Math.max(1, ...rows.map((r) => r[1]));
  return (
    <table className="bars" aria-label={label}>
      <tbody>
        {rows.map(([k, n]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td>
              <span className="bar" style={{ width: `${(n / peak) * 100}%` }} aria-hidden="true" />
              <span className="n">{formatNumber(lang, n)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AgreementView({ lang, t, agreements, selected, onSelectAgreement, violations, from, to, onOpenIncident }: Props) {
  const agreement = agreements.find((a) => a.id === selected) ?? agreements[0] ?? null;
  const [series, setSeries] = useState<EscalationPoint[]>([]);
  useEffect(() => {
    if (!agreement) return;
    let alive = true;
    api.escalation({ agreement: agreement.id, from: from || undefined, to: to || undefined }).then(
      (s) => alive && setSeries(s),
      () => alive && setSeries([]),
    );
    return () => {
      alive = false;
    };
  }, [agreement?.id, from, to]);
  const mine = useMemo(() => violations.filter((v) => !agreement || v.agreement_id === agreement.id), [violations, agreement]);
  if (!agreement) return <p>{t.noData}</p>;
  const name = (x: { name: string; name_ar?: string }): string => (lang === 'ar' ? x.name_ar ?? x.name : x.name);
  const partyNames = new Map([...agreement.parties, ...agreement.guarantors].map((p) => [p.id, p.name]));
  const party = (id: string): string => partyNames.get(id) ?? id;
  return (
    <div className="agreement">
      {agreements.length > 1 && (
        <label>
          {t.agreement}
          <select value={agreement.id} onChange={(e) => onSelectAgreement(e.target.value)}>
            {agreements.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </select>
        </label>
      )}
      <h2>{agreement.name}</h2>
      <p className="muted">
        {formatDate(lang, agreement.effective.from)} – {agreement.effective.until ? formatDate(lang, agreement.effective.until) : '…'} ·{' '}
        {agreement.parties.map((p) => p.name).join(lang === 'ar' ? '، ' : ', ')}
      </p>
      <div className="cols">
        <section aria-labelledby="zones-h">
          <h3 id="zones-h">{t.zones}</h3>
          <ul>{agreement.zones.map((z) => <li key={z.id}>{name(z)}</li>)}</ul>
          <h3>{t.posts}</h3>
          <ul className="posts">{agreement.posts.map((p) => <li key={p.id}>{name(p)} <span className="muted">({p.held_by})</span></li>)}</ul>
        </section>
        <section aria-labelledby="byparty-h">
          <h3 id="byparty-h">{t.byParty} <span className="muted">({formatNumber(lang, mine.length)})</span></h3>
          {mine.length ? <Bars lang={lang} label={t.byParty} rows={countBy(mine, (v) => { const a = (v.accountable ?? v.parties).map(party); return a.length ? a : [t.unknown]; })} /> : <p>{t.noViolations}</p>}
          <h3>{t.byRule}</h3>
          {mine.length ? <Bars lang={lang} label={t.byRule} rows={countBy(mine, (v) => [v.rule_id])} /> : <p>{t.noViolations}</p>}
        </section>
      </div>
      <section aria-labelledby="esc-h">
        <h3 id="esc-h">{t.escalation}</h3>
        <EscalationChart lang={lang} t={t} points={series} />
      </section>
      <section aria-labelledby="vlist-h">
        <h3 id="vlist-h">{t.violations}</h3>
        <ul className="violations">
          {mine.slice(0, 100).map((v) => (
            <li key={v.id}>
              <button type="button" className="link" onClick={() => onOpenIncident(v.incident_id)}>
                {formatDate(lang, v.date.start)} · {v.rule_id} · {(v.accountable ?? v.parties).map(party).join(', ') || t.unknown} · {v.sub_event_type}
              </button>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
