import { useEffect, useState } from 'react';
import { api } from './api.js';
import { formatDate, formatNumber, type Lang, type Strings } from './i18n.js';
import type { Alert, CoordItem } from './types.js';

interface AlertsProps {
  lang: Lang;
  t: Strings;
  onOpenIncident(id: string): void;
  /** Changes when something new may have arrived (stream, review). */
  refresh: number;
}

export function AlertsView({ lang, t, onOpenIncident, refresh }: AlertsProps) {
  const [alerts, setAlerts] = useState<Alert[] | null>(null);
  useEffect(() => {
    let alive = true;
    api.alerts({}).then((a) => alive && setAlerts(a), () => alive && setAlerts([]));
    return () => {
      alive = false;
    };
  }, [refresh]);
  return (
    <section aria-labelledby="alerts-h" className="list-view">
      <h2 id="alerts-h">{t.alerts}</h2>
      {alerts === null ? <p>{t.loading}</p> : alerts.length === 0 ? <p>{t.noAlerts}</p> : null}
      <ul>
        {alerts?.map((a) => (
          <li key={a.id} className={`alert a-${a.kind}`}>
            <span className="when">{formatDate(lang, a.day)}</span>{' '}
            <span className="kind">{a.kind === 'post-attacked' ? t.kindPostAttacked : t.kindEscalation}</span>
            {/* The message is the monitor's own English line. */}
            <p dir="ltr" lang="en">{a.message}</p>
            <div className="links">
              {a.incident_ids.slice(0, 8).map((id, i) => (
                <button key={id} type="button" className="link" onClick={() => onOpenIncident(id)} aria-label={`${t.openIncident} ${id}`}>
                  {t.openIncident} {a.incident_ids.length > 1 ? formatNumber(lang, i + 1) : ''}
                </button>
              ))}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

interface CoordProps {
  lang: Lang;
  t: Strings;
  agreement: string | null;
  /** The log is for signed-in members only: without a key it is not asked for. */
  signedIn: boolean;
  /** The day the report picker starts on (the latest day with data). */
  day: string;
  onOpenIncident(id: string): void;
}

export function CoordinationView({ lang, t, agreement, signedIn, day: startDay, onOpenIncident }: CoordProps) {
  const [items, setItems] = useState<CoordItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [day, setDay] = useState(() => startDay || new Date().toISOString().slice(0, 10));
  const [dayEdited, setDayEdited] = useState(false);
  // The data's last day arrives after the first render when the page opens on this tab.
  useEffect(() => {
    if (startDay && !dayEdited) setDay(startDay);
  }, [startDay, dayEdited]);
  useEffect(() => {
    if (!signedIn) {
      setItems([]);
      return;
    }
    let alive = true;
    api.coordination({}).then(
      (x) => alive && setItems(x),
      (e: unknown) => {
        if (!alive) return;
        setItems([]);
        setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      alive = false;
    };
  }, [signedIn]);
  const reportUrl = `/api/reports/daily?date=${day}${agreement ? `&agreement=${encodeURIComponent(agreement)}` : ''}&lang=${lang}&format=html`;
  const download = async (e: React.MouseEvent): Promise<void> => {
    // With a key the report must be fetched with the header; without one the plain link works.
    e.preventDefault();
    try {
      const blob = await api.download(reportUrl);
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = `marsad-daily-${day}-${lang}.html`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <div className="list-view">
      <section aria-labelledby="report-h" className="report">
        <h2 id="report-h">{t.dailyReport}</h2>
        <label>
          {t.reportDate}
          <input type="date" value={day} onChange={(e) => { setDay(e.target.value); setDayEdited(true); }} name="report-date" />
        </label>{' '}
        <a href={reportUrl} onClick={(e) => void download(e)} data-testid="daily-report" className="button">
          {t.download}
        </a>
      </section>
      <section aria-labelledby="coord-h">
        <h2 id="coord-h">{t.coordination}</h2>
        {!signedIn && <p className="muted">{t.coordinationSignIn}</p>}
        {error && <p className="muted">{error}</p>}
        {signedIn && (items === null ? <p>{t.loading}</p> : items.length === 0 ? <p>{t.noCoordination}</p> : null)}
        <ul>
          {items?.map((c) => (
            <li key={c.id} className="coord">
              <span className="when">{formatDate(lang, c.created_at.slice(0, 10))}</span> · <span>{t.status}: {c.status}</span> ·{' '}
              <span>{t.filedBy}: {c.filed_by.party} ({c.filed_by.user})</span>
              <p dir="auto">{c.text}</p>
              {c.subject.kind === 'incident' && (
                <button type="button" className="link" onClick={() => onOpenIncident((c.subject as { incident_id: string }).incident_id)}>{t.openIncident}</button>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
