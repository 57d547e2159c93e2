import { useEffect, useMemo, useState } from 'react';
import { typeColour } from './colours.js';
import { gradeName, typeName, type Lang, type Strings } from './i18n.js';
import { EVENT_TYPE_LIST, GRADE_LIST, type IncidentView } from './types.js';
import type { ViewState } from './url-state.js';

interface Props {
  lang: Lang;
  t: Strings;
  state: ViewState;
  all: IncidentView[];
  onChange(patch: Partial<ViewState>): void;
}

export function Filters({ lang, t, state, all, onChange }: Props) {
  const { areas, actors } = useMemo(() => {
    const a = new Map<string, string>();
    const ac = new Set<string>();
    for (const i of all) {
      if (i.location?.admin1) a.set(i.location.admin1, i.location.admin1);
      for (const x of i.actor_ids) ac.add(x);
    }
    return { areas: [...a.keys()].sort(), actors: [...ac].sort() };
  }, [all]);
  // The text box filters when typing pauses, not on every key.
  const [text, setText] = useState(state.text);
  useEffect(() => setText(state.text), [state.text]);
  useEffect(() => {
    if (text === state.text) return;
    const h = setTimeout(() => onChange({ text }), 350);
    return () => clearTimeout(h);
  }, [text]); // eslint-disable-line react-hooks/exhaustive-deps

  const toggleType = (ty: string): void => {
    const has = state.types.includes(ty);
    onChange({ types: has ? state.types.filter((x) => x !== ty) : [...state.types, ty] });
  };
  return (
    <form className="filters" aria-label={t.filters} onSubmit={(e) => { e.preventDefault(); onChange({ text }); }}>
      <fieldset className="types">
        <legend>{t.type}</legend>
        {EVENT_TYPE_LIST.map((ty) => (
          <label key={ty} className="check">
            <input type="checkbox" checked={state.types.includes(ty)} onChange={() => toggleType(ty)} data-type={ty} />
            <span className="dot" style={{ background: typeColour(ty) }} aria-hidden="true" />
            {typeName(lang, ty)}
          </label>
        ))}
      </fieldset>
      <div className="row">
        <label>
          {t.grade}
          <select value={state.grades[0] ?? ''} onChange={(e) => onChange({ grades: e.target.value ? [e.target.value] : [] })} name="grade">
            <option value="">{t.allGrades}</option>
            {GRADE_LIST.map((g) => (
              <option key={g} value={g}>{gradeName(lang, g)}</option>
            ))}
          </select>
        </label>
        <label>
          {t.area}
          <select value={state.admin1} onChange={(e) => onChange({ admin1: e.target.value })} name="admin1">
            <option value="">{t.allAreas}</option>
            {areas.map((a) => (
              <option key={a} value={a}>{a}</option>
            ))}
          </select>
        </label>
        <label>
          {t.actor}
          <select value={state.actor} onChange={(e) => onChange({ actor: e.target.value })} name="actor">
            <option value="">—</option>
            {actors.map((a) => (
              <option key={a} value={a}>{a}</option>
            ))}
          </select>
        </label>
      </div>
      <div className="row">
        <label className="grow">
          {t.text}
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} name="text" />
        </label>
      </div>
      <div className="row">
        <label>
          {t.from}
          <input type="date" value={state.from} onChange={(e) => onChange({ from: e.target.value })} name="from" />
        </label>
        <label>
          {t.to}
          <input type="date" value={state.to} onChange={(e) => onChange({ to: e.target.value })} name="to" />
        </label>
        <label>
          {t.controlDate}
          <input type="date" value={state.date} onChange={(e) => onChange({ date: e.target.value })} name="date" />
        </label>
      </div>
      <button type="button" className="link" onClick={() => onChange({ types: [], grades: [], actor: '', admin1: '', text: '', from: '', to: '' })}>
        {t.clearFilters}
      </button>
    </form>
  );
}
