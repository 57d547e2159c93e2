import { haversineKm } from '../../geo/geo-math.js';
import { eventTypeOf, type SubEventType } from '../../model/event.js';
import type { Incident } from '../../store/types.js';
import type { PostAttackedAlert, PostHit } from '../alerts/types.js';
import type { Agreement } from '../types.js';
import type { EscalationConfig } from './config.js';

/**
 * "An observation post is attacked": a violent incident (a battle, an explosion or remote
 * violence, or an attack) located within a post's radius, while its agreement is in force, not
 * discounted and located precisely enough (config.zone_max_geo_precision). Whoever the
 * perpetrator: monitors want to know of fighting at a post. One alert per incident and agreement,
 * listing every post it touched; its id does not depend on the range computed, so recomputation
 * never repeats it.
 */
export function isViolent(sub: SubEventType): boolean {
  const type = eventTypeOf(sub);
  return type === 'Battles' || type === 'Explosions/Remote violence' || sub === 'Attack';
}

export function postAlertId(agreementId: string, incidentId: string): string {
  return `post-attacked:${agreementId}:${incidentId}`;
}

export function postAttackAlerts(incidents: readonly Incident[], agreements: readonly Agreement[], from: string, to: string,
  c: EscalationConfig): Omit<PostAttackedAlert, 'created_at'>[] {
  const out: Omit<PostAttackedAlert, 'created_at'>[] = [];
  for (const inc of incidents) {
    const loc = inc.location;
    const date = inc.date;
    if (loc === null || date === null || inc.grade === 'discounted' || !isViolent(inc.sub_event_type)) continue;
    if (loc.geo_precision > c.zone_max_geo_precision) continue;
    if (date.end < from || date.start > to) continue;
    for (const a of agreements) {
      if (a.effective.from > date.end || (a.effective.until !== null && a.effective.until < date.start)) continue;
      const hits: PostHit[] = [];
      for (const p of a.posts) {
        const km = haversineKm(loc.lat, loc.lon, p.lat, p.lon);
        if (km <= p.radius_km) {
          hits.push({ id: p.id, name: p.name, held_by: p.held_by, radius_km: p.radius_km, distance_km: Math.round(km * 100) / 100 });
        }
      }
      if (hits.length === 0) continue;
      hits.sort((x, y) => x.distance_km - y.distance_km);
      const names = hits.map((h) => `${h.name} (${h.distance_km} km)`).join(', ');
      out.push({
        id: postAlertId(a.id, inc.id),
        kind: 'post-attacked',
        day: date.start,
        agreement_id: a.id,
        message: `${inc.sub_event_type} at ${loc.name} on ${date.start === date.end ? date.start : `${date.start}..${date.end}`} ` +
          `within the radius of observation post${hits.length > 1 ? 's' : ''} ${names} of ${a.name}`,
        incident_ids: [inc.id],
        posts: hits,
        incident: {
          id: inc.id, sub_event_type: inc.sub_event_type, grade: inc.grade, lat: loc.lat, lon: loc.lon,
          date: { ...date }, fatalities: inc.fatalities, actor_ids: [...inc.actor_ids],
        },
      });
    }
  }
  return out;
}
