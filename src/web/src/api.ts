import type {
  Agreement, Alert, ApiConfig, ControlPlaceView, CoordItem, EscalationPoint, IncidentDetail, IncidentView, Me, Page,
  StoredDocument, Violation,
} from './types.js';

const KEY_STORAGE = 'marsad.apiKey';

export function storedKey(): string | null {
  try {
    return localStorage.getItem(KEY_STORAGE);
  } catch {
    return null;
  }
}

export function storeKey(key: string | null): void {
  if (key) localStorage.setItem(KEY_STORAGE, key);
  else localStorage.removeItem(KEY_STORAGE);
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

function authHeaders(): Record<string, string> {
  const key = storedKey();
  return key ? { Authorization: `Bearer ${key}` } : {};
}

async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...authHeaders() };
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { ...init, headers: { ...headers, ...(init.headers as Record<string, string> | undefined) } });
  const body: unknown = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    const err = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(res.status, err?.code ?? String(res.status), err?.message ?? `${res.status} ${res.statusText}`);
  }
  return body as T;
}

export type Query = Record<string, string | readonly string[] | number | undefined | null>;

export function queryString(q: Query): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) p.set(k, v.join(','));
    } else p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** Lists come as Page<T>; tolerate a bare array or another wrapping key. */
function itemsOf<T>(body: unknown, ...keys: string[]): T[] {
  if (Array.isArray(body)) return body as T[];
  if (body && typeof body === 'object') {
    for (const k of ['items', ...keys]) {
      const v = (body as Record<string, unknown>)[k];
      if (Array.isArray(v)) return v as T[];
    }
  }
  return [];
}

/** Follows `next` until `max` items: the map wants every incident of the view, not a first page. */
async function allPages<T>(path: string, q: Query, max: number): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await request<Page<T>>(path + queryString({ ...q, limit: Math.min(1000, max - out.length), cursor }));
    out.push(...itemsOf<T>(page));
    cursor = page.next ?? null;
  } while (cursor && out.length < max);
  return out;
}

export const api = {
  me: () => request<Me>('/api/me'),
  config: async (): Promise<ApiConfig> => {
    const c = await request<Partial<ApiConfig>>('/api/config');
    return { tileUrl: c.tileUrl ?? null, tileAttribution: c.tileAttribution ?? null };
  },
  incidents: (q: Query, max = 5000) => allPages<IncidentView>('/api/incidents', q, max),
  incident: (id: string) => request<IncidentDetail>(`/api/incidents/${encodeURIComponent(id)}`),
  document: (id: string) => request<StoredDocument>(`/api/documents/${encodeURIComponent(id)}`),
  review: (id: string, action: 'confirm' | 'reject' | 'correct', body: Record<string, unknown>) =>
    request<unknown>(`/api/incidents/${encodeURIComponent(id)}/${action}`, { method: 'POST', body: JSON.stringify(body) }),
  agreements: async () => itemsOf<Agreement>(await request<unknown>('/api/agreements'), 'agreements'),
  agreement: async (id: string) => {
    const body = await request<Agreement | { agreement: Agreement }>(`/api/agreements/${encodeURIComponent(id)}`);
    return 'agreement' in body ? body.agreement : body;
  },
  violations: (q: Query) => allPages<Violation>('/api/violations', q, 5000),
  control: async (q: Query) => normaliseControl(itemsOf<unknown>(await request<unknown>('/api/control' + queryString(q)), 'places')),
  escalation: async (q: Query) => normaliseEscalation(itemsOf<unknown>(await request<unknown>('/api/escalation' + queryString(q)), 'series', 'days')),
  // Each alert may come wrapped with its deliveries ({alert, deliveries}).
  alerts: async (q: Query) =>
    itemsOf<Alert | { alert: Alert }>(await request<unknown>('/api/alerts' + queryString({ limit: 200, ...q }))).map((x) =>
      'alert' in x ? x.alert : x,
    ),
  coordination: async (q: Query) =>
    itemsOf<CoordItem | { item: CoordItem }>(await request<unknown>('/api/coordination' + queryString({ limit: 200, ...q }))).map((x) =>
      'item' in x ? x.item : x,
    ),
  boundaries: (level: 'admin1' | 'admin2') => request<GeoJSON.FeatureCollection>(`/api/boundaries/${level}`),
  /** Downloads go through fetch so the key travels in a header, never in a URL. */
  download: async (path: string): Promise<Blob> => {
    const res = await fetch(path, { headers: authHeaders() });
    if (!res.ok) throw new ApiError(res.status, String(res.status), `${res.status} ${res.statusText}`);
    return res.blob();
  },
};

type Loose = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The contract's flat place rows, or the monitor's PlaceControl records: both become one shape. */
export function normaliseControl(rows: unknown[]): ControlPlaceView[] {
  const out: ControlPlaceView[] = [];
  for (const raw of rows) {
    const r = raw as Loose;
    const place = (r['place'] && typeof r['place'] === 'object' ? r['place'] : r) as Loose;
    const lon = num(place['lon']);
    const lat = num(place['lat']);
    if (lon === null || lat === null) continue;
    const holders = Array.isArray(r['holders']) ? (r['holders'] as string[]) : [];
    const controller = str(r['controller']) ?? str(r['holder']) ?? (holders.length > 1 ? holders.join(' / ') : null);
    const since = r['since'] as ControlPlaceView['since'];
    const claims = Array.isArray(r['claims']) ? (r['claims'] as Loose[]) : [];
    out.push({
      place_id: str(r['place_id']) ?? str(place['key']) ?? str(place['id']) ?? `${lat},${lon}`,
      name: str(r['name']) ?? str(place['name']) ?? '',
      name_ar: str(r['name_ar']) ?? str(place['name_ar']),
      lon,
      lat,
      controller,
      since: since ?? null,
      confidence: num(r['confidence']) ?? num(claims[0]?.['confidence']),
      status: str(r['status']) ?? (controller ? 'held' : 'unknown'),
    });
  }
  return out;
}

export function normaliseEscalation(rows: unknown[]): EscalationPoint[] {
  const out: EscalationPoint[] = [];
  for (const raw of rows) {
    const r = raw as Loose;
    const unit = r['unit'];
    const unitId = typeof unit === 'string' ? unit : str((unit as Loose | undefined)?.['id']) ?? str(r['unit_id']) ?? '';
    const unitName = str(r['unit_name']) ?? (typeof unit === 'object' && unit ? str((unit as Loose)['name']) : null) ?? unitId;
    const day = str(r['day']) ?? str(r['date']);
    // A series may come as {unit, points:[...]}: flatten it.
    if (Array.isArray(r['points']) || Array.isArray(r['days'])) {
      const pts = (r['points'] ?? r['days']) as Loose[];
      for (const p of normaliseEscalation(pts.map((p) => ({ unit: unitId, unit_name: unitName, ...p })))) out.push(p);
      continue;
    }
    if (!day) continue;
    out.push({ unit: unitId, unit_name: unitName, day, index: num(r['index']) ?? 0, score: num(r['score']) ?? 0, crossed: r['crossed'] === true });
  }
  return out;
}
