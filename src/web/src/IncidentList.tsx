import { typeColour } from './colours.js';
import { formatDate, formatNumber, gradeName, typeName, type Lang, type Strings } from './i18n.js';
import type { IncidentView } from './types.js';

interface Props {
  lang: Lang;
  t: Strings;
  incidents: IncidentView[];
  loading: boolean;
  selectedId: string | null;
  onSelect(id: string): void;
}

/** Rendering thousands of rows gains nothing: the map shows them all, the list the latest. */
const MAX_ROWS = 300;

export function IncidentList({ lang, t, incidents, loading, selectedId, onSelect }: Props) {
  return (
    <section className="incident-list" aria-labelledby="incidents-h">
      <h2 id="incidents-h">
        {t.incidents}{' '}
        <span className="count" data-testid="incident-count" data-count={incidents.length} aria-live="polite">
          {loading ? t.loading : `${formatNumber(lang, incidents.length)} ${t.shown}`}
        </span>
      </h2>
      {!loading && incidents.length === 0 && <p>{t.noIncidents}</p>}
      <ul>
        {incidents.slice(0, MAX_ROWS).map((i) => (
          <li key={i.id}>
            <button
              type="button"
              className={`incident-row${i.id === selectedId ? ' selected' : ''}`}
              aria-current={i.id === selectedId ? 'true' : undefined}
              onClick={() => onSelect(i.id)}
              data-incident={i.id}
              data-type={i.event_type}
            >
              <span className="dot" style={{ background: typeColour(i.event_type) }} aria-hidden="true" />
              <span className="what">{typeName(lang, i.event_type)}</span>
              <span className="where">{(lang === 'ar' ? i.location?.name_ar ?? i.location?.name : i.location?.name) ?? '—'}</span>
              <span className="when">{formatDate(lang, i.date?.start)}</span>
              {i.fatalities ? <span className="fat">{t.fatalities}: {formatNumber(lang, i.fatalities)}</span> : null}
              <span className={`grade g-${i.grade}`}>{gradeName(lang, i.grade)}</span>
              {i.review && i.review !== 'unreviewed' ? <span className={`review r-${i.review}`}>{t[i.review]}</span> : null}
              {i.violations ? <span className="viol" aria-label={`${t.violations}: ${formatNumber(lang, i.violations)}`}>⚠ {formatNumber(lang, i.violations)}</span> : null}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
