import { useCallback, useEffect, useMemo, useState } from 'react';
import { AgreementView } from './AgreementView.js';
import { AlertsView, CoordinationView } from './AlertsView.js';
import { api, storedKey, storeKey } from './api.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { Filters } from './Filters.js';
import { STRINGS, formatDate, type Lang } from './i18n.js';
import { IncidentList } from './IncidentList.js';
import { IncidentPanel } from './IncidentPanel.js';
import { MapView } from './MapView.js';
import { SignIn } from './SignIn.js';
import { Timeline } from './Timeline.js';
import type { Agreement, ApiConfig, ControlPlaceView, IncidentView, Me, Violation } from './types.js';
import { incidentQuery, readState, writeState, type Tab, type ViewState } from './url-state.js';

const LANG_STORAGE = 'marsad.lang';

function defaultLang(): Lang {
  const saved = localStorage.getItem(LANG_STORAGE);
  if (saved === 'ar' || saved === 'en') return saved;
  return navigator.language.startsWith('ar') ? 'ar' : 'en';
}

/** The latest day any incident covers: the day control is shown for when none is chosen. */
function lastDay(all: readonly IncidentView[]): string {
  let d = '';
  for (const i of all) if (i.date && i.date.end > d) d = i.date.end;
  return d;
}

function firstDay(all: readonly IncidentView[]): string {
  let d = '';
  for (const i of all) if (i.date && (!d || i.date.start < d)) d = i.date.start;
  return d;
}

export function App() {
  const [state, setState] = useState<ViewState>(() => readState(location.search, defaultLang()));
  const t = STRINGS[state.lang];
  const [me, setMe] = useState<Me | null>(null);
  const [signInError, setSignInError] = useState<string | null>(null);
  const [config, setConfig] = useState<ApiConfig | null>(null);
  const [all, setAll] = useState<IncidentView[]>([]);
  const [incidents, setIncidents] = useState<IncidentView[]>([]);
  const [loading, setLoading] = useState(true);
  const [agreements, setAgreements] = useState<Agreement[]>([]);
  const [violations, setViolations] = useState<Violation[]>([]);
  const [control, setControl] = useState<ControlPlaceView[]>([]);
  const [refresh, setRefresh] = useState(0);
  const [error, setError] = useState<string | null>(null);

  const update = useCallback((patch: Partial<ViewState>) => {
    setState((s) => {
      const next = { ...s, ...patch };
      history.replaceState(null, '', writeState(next));
      return next;
    });
  }, []);

  useEffect(() => {
    const onPop = (): void => setState((s) => readState(location.search, s.lang));
    addEventListener('popstate', onPop);
    history.replaceState(null, '', writeState(state));
    return () => removeEventListener('popstate', onPop);
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    document.documentElement.lang = state.lang;
    document.documentElement.dir = state.lang === 'ar' ? 'rtl' : 'ltr';
    document.title = t.title;
    localStorage.setItem(LANG_STORAGE, state.lang);
  }, [state.lang, t]);

  const signIn = useCallback((key: string | null) => {
    storeKey(key);
    setSignInError(null);
    if (!key) {
      setMe(null);
      return;
    }
    api.me().then(
      (m) => setMe(m),
      (e: unknown) => {
        storeKey(null);
        setMe(null);
        setSignInError(e instanceof Error ? e.message : String(e));
      },
    );
  }, []);

  useEffect(() => {
    signIn(storedKey());
    api.config().then(setConfig, () => setConfig({ tileUrl: null, tileAttribution: null }));
    api.agreements().then(
      async (list) => setAgreements(await Promise.all(list.map((a) => (Array.isArray(a.zones) ? a : api.agreement(a.id))))),
      () => setAgreements([]),
    );
  }, [signIn]);

  useEffect(() => {
    api.incidents({}).then(setAll, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [refresh, me?.user]);

  const query = useMemo(() => incidentQuery(state), [state.types, state.grades, state.actor, state.admin1, state.text, state.from, state.to]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    let alive = true;
    setLoading(true);
    // Slider drags change the query many times a second: ask only once it settles.
    const h = setTimeout(() => {
      api.incidents(query).then(
        (items) => {
          if (!alive) return;
          setIncidents(items);
          setLoading(false);
          setError(null);
        },
        (e: unknown) => {
          if (!alive) return;
          setLoading(false);
          setError(e instanceof Error ? e.message : String(e));
        },
      );
    }, 150);
    return () => {
      alive = false;
      clearTimeout(h);
    };
  }, [query, refresh, me?.user]);

  useEffect(() => {
    let alive = true;
    api.violations({ from: state.from || undefined, to: state.to || undefined }).then((v) => alive && setViolations(v), () => alive && setViolations([]));
    return () => {
      alive = false;
    };
  }, [state.from, state.to, refresh, me?.user]);

  const controlDate = state.date || state.to || lastDay(all);
  useEffect(() => {
    if (!controlDate) return;
    let alive = true;
    api.control({ date: controlDate }).then((c) => alive && setControl(c), () => alive && setControl([]));
    return () => {
      alive = false;
    };
  }, [controlDate, refresh, me?.user]);

  // Live updates: new incidents and alerts arrive on the server's event stream.
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const es = new EventSource('/api/stream');
    const bump = (): void => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        setRefresh((n) => n + 1);
      }, 2000);
    };
    es.addEventListener('incident', bump);
    es.addEventListener('alert', bump);
    // A closed stream (no stream route, server restarting) is not worth retrying noisily.
    es.onerror = () => es.close();
    return () => {
      es.close();
      if (timer) clearTimeout(timer);
    };
  }, []);

  const actorNames = useMemo(
    () => new Map(agreements.flatMap((a) => [...a.parties, ...a.guarantors]).map((p) => [p.id, p.name])),
    [agreements],
  );
  const openIncident = useCallback((id: string) => update({ incident: id, tab: 'map' }), [update]);
  const tabs: [Tab, string][] = [['map', t.tabMap], ['agreement', t.tabAgreement], ['alerts', t.tabAlerts], ['coordination', t.tabCoordination]];

  return (
    <div className={`app lang-${state.lang}`}>
      <a href="#main" className="skip">{t.tabMap}</a>
      <header className="top">
        <h1>{t.brand}</h1>
        <nav aria-label={t.brand}>
          {tabs.map(([id, label]) => (
            <button key={id} type="button" className="tab" aria-current={state.tab === id ? 'page' : undefined} onClick={() => update({ tab: id })} data-tab={id}>
              {label}
            </button>
          ))}
        </nav>
        <div className="tools">
          <button type="button" lang={state.lang === 'ar' ? 'en' : 'ar'} onClick={() => update({ lang: state.lang === 'ar' ? 'en' : 'ar' })} aria-label={t.switchToLabel} data-testid="lang-toggle">
            {t.switchTo}
          </button>
          <SignIn t={t} me={me} error={signInError} onSignIn={signIn} onSignOut={() => signIn(null)} />
        </div>
      </header>
      {error && <p role="alert" className="error banner">{t.error}: {error}</p>}
      <main id="main" className={`tab-${state.tab}${state.incident ? ' with-panel' : ''}`}>
        <ErrorBoundary key={state.tab} message={t.error}>
        {state.tab === 'map' && (
          <>
            <div className="side">
              <Filters lang={state.lang} t={t} state={state} all={all} onChange={update} />
              <Timeline lang={state.lang} t={t} all={all} from={state.from} to={state.to} onChange={(from, to) => update({ from, to })} />
              <p className="control-note" data-testid="control-date">{t.control}: {formatDate(state.lang, controlDate)}</p>
              <ControlList lang={state.lang} control={control} />
              <IncidentList lang={state.lang} t={t} incidents={incidents} loading={loading} selectedId={state.incident} onSelect={openIncident} />
            </div>
            <MapView
              lang={state.lang}
              t={t}
              config={config}
              incidents={incidents}
              selectedId={state.incident}
              onSelect={openIncident}
              agreements={agreements}
              violations={violations}
              control={control}
              controlDate={controlDate}
            />
            {state.incident && (
              <ErrorBoundary key={state.incident} message={t.error}>
              <IncidentPanel
                key={state.incident}
                lang={state.lang}
                t={t}
                id={state.incident}
                me={me}
                actorNames={actorNames}
                onClose={() => update({ incident: null })}
                onReviewed={() => setRefresh((n) => n + 1)}
              />
              </ErrorBoundary>
            )}
          </>
        )}
        {state.tab === 'agreement' && (
          <AgreementView
            lang={state.lang}
            t={t}
            agreements={agreements}
            selected={state.agreement}
            onSelectAgreement={(id) => update({ agreement: id })}
            violations={violations}
            from={state.from || firstDay(all)}
            to={state.to || lastDay(all)}
            onOpenIncident={openIncident}
          />
        )}
        {state.tab === 'alerts' && <AlertsView lang={state.lang} t={t} onOpenIncident={openIncident} refresh={refresh} />}
        {state.tab === 'coordination' && <CoordinationView lang={state.lang} t={t} agreement={state.agreement ?? agreements[0]?.id ?? null} signedIn={Boolean(me?.user)} day={controlDate} onOpenIncident={openIncident} />}
        </ErrorBoundary>
      </main>
    </div>
  );
}

function ControlList({ lang, control }: { lang: Lang; control: ControlPlaceView[] }) {
  if (!control.length) return null;
  const t = STRINGS[lang];
  return (
    <details className="control-list">
      <summary>{t.control} ({control.length})</summary>
      <ul data-testid="control-list">
        {control.map((c) => (
          <li key={c.place_id} data-place={c.name} data-controller={c.controller ?? ''}>
            {(lang === 'ar' ? c.name_ar ?? c.name : c.name)}: {c.controller ?? t.unknown}
          </li>
        ))}
      </ul>
    </details>
  );
}
