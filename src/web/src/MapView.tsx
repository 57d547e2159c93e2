import { useEffect, useRef, useState } from 'react';
import L from './leaflet-setup.js';
import 'leaflet.markercluster';
import { api } from './api.js';
import { partyColour, severityRadius, typeColour } from './colours.js';
import { formatDate, formatNumber, formatRange, typeName, type Lang, type Strings } from './i18n.js';
import type { Agreement, ApiConfig, ControlPlaceView, IncidentView, Violation } from './types.js';

interface Props {
  lang: Lang;
  t: Strings;
  config: ApiConfig | null;
  incidents: IncidentView[];
  selectedId: string | null;
  onSelect(id: string): void;
  agreements: Agreement[];
  violations: Violation[];
  control: ControlPlaceView[];
  controlDate: string;
}

/** Syria's extent: where the map opens before any incident tells it otherwise. */
const START_BOUNDS: L.LatLngBoundsExpression = [[32.3, 35.6], [37.4, 42.4]];
/** Zoom from which second-level boundaries are worth drawing (and fetching). */
const ADMIN2_ZOOM = 9;

interface Layers {
  map: L.Map;
  incidents: L.MarkerClusterGroup;
  selected: L.LayerGroup;
  zones: L.LayerGroup;
  violations: L.LayerGroup;
  control: L.LayerGroup;
  admin2: L.GeoJSON | null;
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function MapView(props: Props) {
  const el = useRef<HTMLDivElement>(null);
  const layers = useRef<Layers | null>(null);
  const fitted = useRef(false);
  // On a phone the legend would hide the map: it starts folded there.
  const [legendOpen, setLegendOpen] = useState(() => !window.matchMedia('(max-width: 760px)').matches);
  const onSelect = useRef(props.onSelect);
  onSelect.current = props.onSelect;

  // The map and its static layers are made once; the data layers below are redrawn on change.
  useEffect(() => {
    if (!el.current) return;
    const map = L.map(el.current, { zoomControl: true, attributionControl: true, preferCanvas: false, minZoom: 3, maxZoom: 14 });
    map.fitBounds(START_BOUNDS);
    map.createPane('basemap').style.zIndex = '250';
    // Above the country fills whichever arrives first.
    map.createPane('boundaries').style.zIndex = '260';
    map.createPane('shading').style.zIndex = '390';
    // The chosen incident sits above everything, outside the clusters, so it is always seen.
    map.createPane('selected').style.zIndex = '650';
    // Who holds a place is read at any zoom: its point sits above the clusters.
    map.createPane('controlPoints').style.zIndex = '640';
    map.attributionControl.addAttribution('Natural Earth');
    let admin2: L.GeoJSON | null = null;
    let admin2Loading = false;
    let alive = true;
    // The outlines are most of the bundle's weight: a chunk of their own, loaded beside the data.
    void import('./basemap.js').then(({ countryOutlines }) => {
      if (!alive) return;
      L.geoJSON(countryOutlines(), {
        pane: 'basemap',
        interactive: false,
        style: { color: '#8a8f98', weight: 0.8, fillColor: '#f4f1ea', fillOpacity: 1 },
      }).addTo(map);
    });
    api.boundaries('admin1').then(
      (fc) => {
        if (!alive) return;
        L.geoJSON(fc, { pane: 'boundaries', interactive: false, style: { color: '#6b7280', weight: 1, fill: false, dashArray: '3 3' } }).addTo(map);
      },
      () => undefined,
    );
    const onZoom = (): void => {
      if (map.getZoom() >= ADMIN2_ZOOM) {
        if (!admin2 && !admin2Loading) {
          admin2Loading = true;
          api.boundaries('admin2').then(
            (fc) => {
              if (!alive) return;
              admin2 = L.geoJSON(fc, { pane: 'boundaries', interactive: false, style: { color: '#9ca3af', weight: 0.6, fill: false } });
              if (map.getZoom() >= ADMIN2_ZOOM) admin2.addTo(map);
            },
            () => undefined,
          );
        } else if (admin2 && !map.hasLayer(admin2)) admin2.addTo(map);
      } else if (admin2 && map.hasLayer(admin2)) map.removeLayer(admin2);
    };
    map.on('zoomend', onZoom);
    const control = L.layerGroup().addTo(map);
    const zones = L.layerGroup().addTo(map);
    const violations = L.layerGroup().addTo(map);
    const incidents = L.markerClusterGroup({
      maxClusterRadius: 35,
      disableClusteringAtZoom: 11,
      showCoverageOnHover: false,
      // Cluster animations run on timers that outlive the map when the view is left mid-animation.
      animate: false,
    });
    incidents.addTo(map);
    const selected = L.layerGroup().addTo(map);
    layers.current = { map, incidents, selected, zones, violations, control, admin2 };
    // The layout moves (phone width, panel opening): Leaflet must re-measure its box.
    const resize = new ResizeObserver(() => map.invalidateSize());
    resize.observe(el.current);
    return () => {
      alive = false;
      resize.disconnect();
      map.stop();
      map.remove();
      layers.current = null;
    };
  }, []);

  useEffect(() => {
    const l = layers.current;
    if (!l || !props.config?.tileUrl) return;
    const tiles = L.tileLayer(props.config.tileUrl, { attribution: props.config.tileAttribution ?? '', pane: 'basemap', zIndex: 1 });
    tiles.addTo(l.map);
    return () => {
      l.map.removeLayer(tiles);
    };
  }, [props.config?.tileUrl, props.config?.tileAttribution]);

  useEffect(() => {
    const l = layers.current;
    if (!l) return;
    l.incidents.clearLayers();
    l.selected.clearLayers();
    const markers: L.Layer[] = [];
    for (const inc of props.incidents) {
      if (!inc.location) continue;
      const selected = inc.id === props.selectedId;
      const m = L.circleMarker([inc.location.lat, inc.location.lon], {
        radius: severityRadius(inc.fatalities),
        color: selected ? '#111827' : '#ffffff',
        weight: selected ? 3 : 1,
        fillColor: typeColour(inc.event_type),
        fillOpacity: 0.85,
        className: `marsad-incident${selected ? ' selected' : ''}`,
        ...(selected ? { pane: 'selected' } : {}),
      });
      const place = props.lang === 'ar' ? inc.location.name_ar ?? inc.location.name : inc.location.name;
      m.bindTooltip(
        `<strong>${esc(typeName(props.lang, inc.event_type))}</strong><br>${esc(place)} · ${esc(formatDate(props.lang, inc.date?.start))}` +
          (inc.fatalities ? `<br>${esc(props.t.fatalities)}: ${esc(formatNumber(props.lang, inc.fatalities))}` : ''),
      );
      m.on('click', () => onSelect.current(inc.id));
      if (selected) m.addTo(l.selected);
      markers.push(m);
    }
    l.incidents.addLayers(markers.filter((m) => !l.selected.hasLayer(m)));
    el.current?.setAttribute('data-incidents', String(markers.length));
    // The first data decide where the map looks; later filtering leaves the view to the user.
    if (!fitted.current && markers.length) {
      fitted.current = true;
      const pts = props.incidents.flatMap((i) => (i.location ? [L.latLng(i.location.lat, i.location.lon)] : []));
      l.map.fitBounds(L.latLngBounds(pts).pad(0.3), { maxZoom: 9, animate: false });
    }
  }, [props.incidents, props.selectedId, props.lang, props.t]);

  useEffect(() => {
    const l = layers.current;
    if (!l) return;
    l.zones.clearLayers();
    for (const a of props.agreements) {
      for (const z of a.zones) {
        L.geoJSON(z.geometry as GeoJSON.GeoJsonObject, {
          interactive: true,
          style: { color: '#b45309', weight: 2, dashArray: '6 4', fillColor: '#f59e0b', fillOpacity: 0.08, className: 'marsad-zone' },
        })
          .bindTooltip(esc(props.lang === 'ar' ? z.name_ar ?? z.name : z.name), { sticky: true })
          .addTo(l.zones);
      }
      for (const p of a.posts) {
        L.circle([p.lat, p.lon], { radius: p.radius_km * 1000, color: '#374151', weight: 1, dashArray: '2 3', fill: false, interactive: false }).addTo(l.zones);
        L.circleMarker([p.lat, p.lon], { radius: 4, color: '#ffffff', weight: 1.5, fillColor: '#111827', fillOpacity: 1, className: 'marsad-post' })
          .bindTooltip(`${esc(props.t.posts)}: ${esc(props.lang === 'ar' ? p.name_ar ?? p.name : p.name)} (${esc(p.held_by)})`)
          .addTo(l.zones);
      }
    }
  }, [props.agreements, props.lang, props.t]);

  useEffect(() => {
    const l = layers.current;
    if (!l) return;
    l.violations.clearLayers();
    for (const v of props.violations) {
      L.circleMarker([v.lat, v.lon], { radius: 13, color: '#b91c1c', weight: 2.5, dashArray: '4 3', fill: false, className: 'marsad-violation' })
        .bindTooltip(`${esc(props.t.violations)}: ${esc(v.rule_id)} · ${esc((v.accountable ?? v.parties).join(', ') || props.t.unknown)} · ${esc(formatDate(props.lang, v.date.start))}`)
        .on('click', () => onSelect.current(v.incident_id))
        .addTo(l.violations);
    }
    el.current?.setAttribute('data-violations', String(props.violations.length));
  }, [props.violations, props.lang, props.t]);

  useEffect(() => {
    const l = layers.current;
    if (!l) return;
    l.control.clearLayers();
    for (const c of props.control) {
      const colour = partyColour(c.controller);
      L.circle([c.lat, c.lon], { radius: 5000, pane: 'shading', color: colour, weight: 1, fillColor: colour, fillOpacity: 0.35, interactive: false }).addTo(l.control);
      L.circleMarker([c.lat, c.lon], { radius: 6, pane: 'controlPoints', color: colour, weight: 3, fillColor: '#ffffff', fillOpacity: 1, className: 'marsad-control' })
        .bindTooltip(
          `${esc(props.lang === 'ar' ? c.name_ar ?? c.name : c.name)}: ${esc(c.controller ?? props.t.unknown)}` +
            (c.since && typeof c.since === 'object' ? ` (${esc(props.t.since)} ${esc(formatRange(props.lang, c.since))})` : ''),
        )
        .addTo(l.control);
    }
    // A plain-text summary of what is shaded, for tests and for reading the DOM.
    el.current?.setAttribute('data-control', props.control.map((c) => `${c.name}=${c.controller ?? ''}`).sort().join(';'));
  }, [props.control, props.lang, props.t]);

  // Bring a selected incident into view (the list and links select without the map).
  useEffect(() => {
    const l = layers.current;
    const inc = props.incidents.find((i) => i.id === props.selectedId);
    if (!l || !inc?.location) return;
    const ll = L.latLng(inc.location.lat, inc.location.lon);
    // Close enough to see the place among its neighbours, without zooming out a user who zoomed in.
    l.map.setView(ll, Math.max(l.map.getZoom(), 10), { animate: false });
  }, [props.selectedId, props.incidents]);

  const partyNames = new Map(props.agreements.flatMap((a) => [...a.parties, ...a.guarantors]).map((p) => [p.id, p.name]));
  return (
    <div className="map-wrap">
      <div ref={el} className="map" dir="ltr" role="region" aria-label={props.t.tabMap} data-testid="map" />
      <details className="legend" open={legendOpen} onToggle={(e) => setLegendOpen((e.target as HTMLDetailsElement).open)}>
        <summary>{props.t.legend}</summary>
        {(['Battles', 'Explosions/Remote violence', 'Violence against civilians', 'Protests', 'Riots', 'Strategic developments'] as const).map((k) => (
          <span key={k} className="legend-item">
            <span className="dot" style={{ background: typeColour(k) }} aria-hidden="true" />
            {typeName(props.lang, k)}
          </span>
        ))}
        <span className="legend-item">
          <span className="dot ring violation" aria-hidden="true" />
          {props.t.violations}
        </span>
        <span className="legend-item">
          <span className="dot post" aria-hidden="true" />
          {props.t.posts}
        </span>
        <span className="legend-item legend-title">{props.t.control} ({formatDate(props.lang, props.controlDate)})</span>
        {[...new Set(props.control.map((c) => c.controller))].map((who) => (
          <span key={who ?? ''} className="legend-item">
            <span className="dot control" style={{ borderColor: partyColour(who) }} aria-hidden="true" />
            {who ? partyNames.get(who) ?? who : props.t.unknown}
          </span>
        ))}
      </details>
    </div>
  );
}
