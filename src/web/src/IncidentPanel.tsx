import { useEffect, useRef, useState } from 'react';
import { api, ApiError } from './api.js';
import { typeColour } from './colours.js';
import { segmentText } from './evidence.js';
import { formatDate, formatNumber, formatRange, gradeName, typeName, type Lang, type Strings } from './i18n.js';
import { EVENT_TYPES, eventTypeOf, type SubEventType } from '../../model/event.js';
import type { IncidentDetail, Me, StoredDocument } from './types.js';

interface Props {
  lang: Lang;
  t: Strings;
  id: string;
  me: Me | null;
  /** Actor id → name, from the agreements' parties (ids stand for themselves otherwise). */
  actorNames: ReadonlyMap<string, string>;
  onClose(): void;
  /** Called after a review changed the incident, so lists and map reload. */
  onReviewed(): void;
}

export function IncidentPanel({ lang, t, id, me, actorNames, onClose, onReviewed }: Props) {
  const [detail, setDetail] = useState<IncidentDetail | null>(null);
  const [docs, setDocs] = useState<Map<string, StoredDocument>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const box = useRef<HTMLElement>(null);

  // On a phone the panel opens below the map: bring it into view.
  useEffect(() => {
    if (window.matchMedia('(max-width: 760px)').matches) box.current?.scrollIntoView({ block: 'start' });
  }, [id]);

  useEffect(() => {
    let alive = true;
    setError(null);
    api.incident(id).then(
      async (d) => {
        if (!alive) return;
        setDetail(d);
        const ids = [...new Set(d.events.map((e) => e.event.doc_id))];
        const got = await Promise.all(ids.map((x) => api.document(x).catch(() => null)));
        if (!alive) return;
        setDocs(new Map(got.filter((g): g is StoredDocument => g !== null).map((g) => [g.doc.id, g])));
      },
      (e: unknown) => alive && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      alive = false;
    };
  }, [id, reloads]);

  // The evidence is often far down a long report: bring each box's first mark into view.
  useEffect(() => {
    for (const box of document.querySelectorAll<HTMLElement>('.panel .doc-text')) {
      const m = box.querySelector('mark');
      if (m) box.scrollTop = Math.max(0, m.offsetTop - 24);
    }
  }, [docs]);

  const inc = detail?.incident;
  // Agreement parties by their agreed names; any other actor by the name its events carry.
  const nameOf = (a: string): string => {
    if (actorNames.has(a)) return actorNames.get(a)!;
    for (const e of detail?.events ?? []) for (const x of [e.event.actor1, e.event.actor2]) if (x?.id === a) return x.name;
    return a;
  };
  const canReview = me?.role === 'analyst' || me?.role === 'admin';
  return (
    <aside className="panel" aria-labelledby="panel-h" data-testid="incident-panel" ref={box}>
      <div className="panel-head">
        <h2 id="panel-h">
          {inc && <span className="dot" style={{ background: typeColour(inc.event_type) }} aria-hidden="true" />}
          {inc ? typeName(lang, inc.event_type) : t.incident}
        </h2>
        <button type="button" className="icon" onClick={onClose} aria-label={t.close}>
          ×
        </button>
      </div>
      {error && <p role="alert" className="error">{t.error}: {error}</p>}
      {!detail && !error && <p>{t.loading}</p>}
      {inc && detail && (
        <>
          <dl className="facts">
            <dt>{t.date}</dt>
            <dd>{formatRange(lang, inc.date)}</dd>
            <dt>{t.place}</dt>
            <dd>{(lang === 'ar' ? inc.location?.name_ar ?? inc.location?.name : inc.location?.name) ?? '—'}{inc.location?.admin1 ? `${lang === 'ar' ? '، ' : ', '}${inc.location.admin1}` : ''}</dd>
            <dt>{t.actors}</dt>
            <dd>{inc.actor_ids.map(nameOf).join(lang === 'ar' ? '، ' : ', ') || '—'}</dd>
            <dt>{t.fatalities}</dt>
            <dd>{formatNumber(lang, inc.fatalities)}</dd>
            <dt>{t.grade}</dt>
            <dd><span className={`grade g-${inc.grade}`} data-testid="grade">{gradeName(lang, inc.grade)}</span></dd>
            <dt>{t.reviewStatus}</dt>
            <dd data-testid="review-status">{t[(detail.review?.status ?? 'unreviewed') as 'unreviewed'] ?? detail.review?.status}</dd>
          </dl>
          {inc.explanation.length > 0 && (
            <details>
              <summary>{t.why}</summary>
              <ul>{inc.explanation.map((x, i) => <li key={i} dir="auto">{x}</li>)}</ul>
            </details>
          )}
          <section aria-labelledby="sources-h">
            <h3 id="sources-h">{t.sources}</h3>
            <ul className="sources">
              {inc.members.map((m) => {
                const doc = docs.get(m.doc_id)?.doc;
                return (
                  <li key={m.event_id} dir="auto">
                    {doc?.url ? <a href={doc.url} target="_blank" rel="noreferrer noopener">{m.source ?? doc.source ?? m.doc_id}</a> : <span>{m.source ?? doc?.source ?? m.doc_id}</span>}
                    {doc?.published && <span className="muted"> · {formatDate(lang, doc.published)}</span>}
                    {doc?.title && <div className="muted">{doc.title}</div>}
                  </li>
                );
              })}
            </ul>
          </section>
          <section aria-labelledby="evidence-h">
            <h3 id="evidence-h">{t.evidence}</h3>
            {[...docs.values()].map((d) => {
              const spans = detail.events.filter((e) => e.event.doc_id === d.doc.id).flatMap((e) => e.event.evidence);
              return (
                <figure key={d.doc.id} className="evidence">
                  <figcaption>{d.doc.source ?? d.doc.id}</figcaption>
                  <div className="doc-text" lang={d.doc.language === 'und' ? undefined : d.doc.language} dir={d.doc.language === 'ar' ? 'rtl' : d.doc.language === 'en' ? 'ltr' : 'auto'} data-testid="evidence-text" data-doc={d.doc.id}>
                    {segmentText(d.text, spans).map((s, i) => (s.marked ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
                  </div>
                </figure>
              );
            })}
          </section>
          <section aria-labelledby="violations-h">
            <h3 id="violations-h">{t.violations}</h3>
            {detail.violations.length === 0 ? (
              <p>{t.noViolations}</p>
            ) : (
              <ul className="violations" data-testid="panel-violations">
                {detail.violations.map((v) => (
                  <li key={v.id}>
                    <strong>{v.rule_id}</strong> · {v.agreement_id} · {(v.accountable ?? v.parties).map(nameOf).join(', ') || t.unknown} · {formatRange(lang, v.date)}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <ReviewBox lang={lang} t={t} id={inc.id} canReview={canReview} subType={inc.sub_event_type} fatalities={inc.fatalities} onDone={() => { setReloads((n) => n + 1); onReviewed(); }} />
        </>
      )}
    </aside>
  );
}

interface ReviewProps {
  lang: Lang;
  t: Strings;
  id: string;
  canReview: boolean;
  subType: SubEventType;
  fatalities: number | null;
  onDone(): void;
}

function ReviewBox({ lang, t, id, canReview, subType, fatalities, onDone }: ReviewProps) {
  const [note, setNote] = useState('');
  const [sub, setSub] = useState<SubEventType>(subType);
  const [fat, setFat] = useState(fatalities === null ? '' : String(fatalities));
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<string | null>(null);
  useEffect(() => {
    setSub(subType);
    setFat(fatalities === null ? '' : String(fatalities));
  }, [id, subType, fatalities]);
  if (!canReview) return <p className="muted">{t.reviewOnlyAnalysts}</p>;
  const act = async (action: 'confirm' | 'reject' | 'correct'): Promise<void> => {
    setBusy(true);
    setMsg(null);
    try {
      const body: Record<string, unknown> = note ? { note } : {};
      if (action === 'correct') {
        const changes: Record<string, unknown> = {};
        if (sub !== subType) {
          changes['event_type'] = eventTypeOf(sub);
          changes['sub_event_type'] = sub;
        }
        const f = fat === '' ? null : Number(fat);
        if (f !== fatalities && (f === null || Number.isFinite(f))) changes['fatalities'] = f;
        body['changes'] = changes;
      }
      await api.review(id, action, body);
      setMsg(t.reviewed);
      setNote('');
      onDone();
    } catch (e) {
      setMsg(`${t.error}: ${e instanceof ApiError || e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="review-h" className="review">
      <h3 id="review-h">{t.review}</h3>
      <label>
        {t.note}
        <input type="text" value={note} onChange={(e) => setNote(e.target.value)} dir="auto" />
      </label>
      <div className="buttons">
        <button type="button" disabled={busy} onClick={() => void act('confirm')}>{t.confirm}</button>
        <button type="button" disabled={busy} onClick={() => void act('reject')} className="danger">{t.reject}</button>
      </div>
      <details>
        <summary>{t.correct}</summary>
        <label>
          {t.typeCorrect}
          <select value={sub} onChange={(e) => setSub(e.target.value as SubEventType)}>
            {Object.entries(EVENT_TYPES).map(([ty, subs]) => (
              <optgroup key={ty} label={typeName(lang, ty)}>
                {subs.map((x) => <option key={x} value={x}>{x}</option>)}
              </optgroup>
            ))}
          </select>
        </label>
        <label>
          {t.fatalitiesCorrect}
          <input type="number" min={0} value={fat} onChange={(e) => setFat(e.target.value)} />
        </label>
        <button type="button" disabled={busy} onClick={() => void act('correct')}>{t.saveCorrection}</button>
      </details>
      <p role="status" aria-live="polite" data-testid="review-message">{msg}</p>
    </section>
  );
}
