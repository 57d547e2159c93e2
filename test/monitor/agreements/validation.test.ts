import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Place } from '../../../src/geo/types.js';
import { AgreementError } from '../../../src/monitor/agreements/errors.js';
import { areaKm2 } from '../../../src/monitor/agreements/geometry.js';
import { loadAgreementFile, loadAgreementsDir, parseAgreement } from '../../../src/monitor/agreements/load.js';
import type { PlaceSource } from '../../../src/monitor/agreements/resolve-places.js';
import { agreementToYaml } from '../../../src/monitor/agreements/serialise.js';
import { catalogue } from '../violations/fixtures.js';

function place(id: string, name: string, lat: number, lon: number, admin1 = 'Hama'): Place {
  return {
    id, name, name_ar: null, names: [name], lat, lon, kind: 'locality', country: 'SY', admin1, admin2: null, admin3: null,
    admin1_ar: null, admin2_ar: null, admin3_ar: null, pcode: null, population: 0, alt_ids: [],
  };
}

/** A gazetteer of four places, two of them sharing a name. */
const PLACES: PlaceSource = (() => {
  const all = [
    place('wof:1', 'Alpha', 35.0, 36.0),
    place('wof:2', 'Beta', 35.0, 36.5),
    place('wof:3', 'Twin', 35.2, 36.2, 'Idleb'),
    place('wof:4', 'Twin', 36.2, 37.2, 'Aleppo'),
  ];
  return {
    get: (id) => all.find((p) => p.id === id),
    lookup: (name) => all.filter((p) => p.name.toLowerCase() === name.toLowerCase()),
  };
})();

const HEAD = `id: t
name: T
description: d
approximation: null
parties: [{id: syria-government-forces, name: G}, {id: syria-opposition, name: O}]
guarantors: [{id: turkey, name: Turkey}]
effective: {from: "2019-01-01", until: null}
`;

const RULE = `rules:
  - {id: r1, description: d, sub_event_types: [Air/drone strike], scope: {zone: z}}
`;

/** The problems the text gives, or fails the test when it loads. */
function problems(text: string, withPlaces = true): AgreementError {
  try {
    parseAgreement(text, 'bad.yaml', { ...(withPlaces ? { places: PLACES } : {}), actors: catalogue() });
  } catch (err) {
    if (err instanceof AgreementError) return err;
    throw err;
  }
  throw new Error('the agreement loaded; expected problems');
}

const square = (ring: string) => `zones:
  - id: z
    name: Z
    geometry: {type: Polygon, coordinates: [${ring}]}
`;

describe('agreement validation: geometry', () => {
  it('an unclosed ring is named with its path and line', () => {
    const e = problems(HEAD + square('[[36, 35], [37, 35], [37, 36], [36, 36]]') + RULE);
    expect(e.message).toContain('bad.yaml');
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]).toMatchObject({ path: 'zones[0].geometry.coordinates[0]', line: 11 });
    expect(e.problems[0]!.message).toMatch(/not closed.*repeat the first position/);
  });

  it('a self-intersecting polygon (a bow tie) is refused, with where it crosses', () => {
    const e = problems(HEAD + square('[[36, 35], [37, 36], [37, 35], [36, 36], [36, 35]]') + RULE);
    expect(e.problems[0]!.path).toBe('zones[0].geometry');
    expect(e.problems[0]!.message).toMatch(/intersects itself .*\[36\.5, 35\.5\]/);
  });

  it('a ring of three positions is too short', () => {
    const e = problems(HEAD + square('[[36, 35], [37, 35], [36, 35]]') + RULE);
    expect(e.problems[0]!.message).toMatch(/at least 4 positions/);
  });

  it('out-of-range coordinates hint at swapped lat/lon', () => {
    const e = problems(HEAD + square('[[35, 136], [35, 137], [36, 137], [35, 136]]') + RULE);
    expect(e.problems[0]!.path).toBe('zones[0].geometry.coordinates[0][0]');
    expect(e.problems[0]!.message).toMatch(/swapped/);
  });

  it('a line needs buffer_km > 0', () => {
    const noBuffer = problems(HEAD + 'zones:\n  - {id: z, name: Z, line: [[36, 35], [37, 35]]}\n' + RULE);
    expect(noBuffer.problems[0]).toMatchObject({ path: 'zones[0].buffer_km' });
    const zero = problems(HEAD + 'zones:\n  - {id: z, name: Z, line: [[36, 35], [37, 35]], buffer_km: 0}\n' + RULE);
    expect(zero.problems[0]!.path).toBe('zones[0].buffer_km');
    expect(zero.problems[0]!.message).toMatch(/more than 0 km/);
  });

  it('a zone given two ways is refused', () => {
    const e = problems(HEAD + `zones:\n  - {id: z, name: Z, line: [[36, 35], [37, 35]], buffer_km: 5, geometry: {type: Polygon, coordinates: [[[36, 35], [37, 35], [37, 36], [36, 35]]]}}\n` + RULE);
    expect(e.problems[0]!.message).toMatch(/only one of geometry, line, line_from_places/);
  });
});

describe('agreement validation: references', () => {
  const zone = 'zones:\n  - {id: z, name: Z, line: [[36, 35], [37, 35]], buffer_km: 5}\n';

  it('a rule naming an unknown zone says which zones there are', () => {
    const e = problems(HEAD + zone + 'rules:\n  - {id: r1, description: d, sub_event_types: [Air/drone strike], scope: {zone: dmz2}}\n');
    expect(e.problems).toEqual([
      { path: 'rules[0].scope.zone', line: 11, message: 'no zone "dmz2" in this agreement (zones: z)' },
    ]);
  });

  it('an unknown place is named', () => {
    const e = problems(HEAD + 'zones:\n  - {id: z, name: Z, line_from_places: [Alpha, Gamma], buffer_km: 5}\n' + RULE);
    expect(e.problems[0]!.path).toBe('zones[0].line_from_places[1]');
    expect(e.problems[0]!.message).toMatch(/no place named "Gamma" in the gazetteer/);
  });

  it('an unknown gazetteer id is named', () => {
    const e = problems(HEAD + zone + 'posts:\n  - {id: p, name: P, place: "wof:99", radius_km: 3, held_by: turkey}\n' + RULE);
    expect(e.problems[0]).toMatchObject({ path: 'posts[0].place' });
    expect(e.problems[0]!.message).toMatch(/no place with id "wof:99"/);
  });

  it('an ambiguous name lists the candidates to choose from', () => {
    const e = problems(HEAD + zone + 'posts:\n  - {id: p, name: P, place: Twin, radius_km: 3, held_by: turkey}\n' + RULE);
    expect(e.problems[0]!.message).toMatch(/names 2 places.*wof:3 Twin \(Idleb\).*wof:4 Twin \(Aleppo\)/);
  });

  it('place names without a gazetteer say what to run', () => {
    const e = problems(HEAD + 'zones:\n  - {id: z, name: Z, line_from_places: [Alpha, Beta], buffer_km: 5}\n' + RULE, false);
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]!.message).toMatch(/marsad data import/);
  });

  it('a post held by someone outside the agreement, an unknown actor, a bad sub-event type: all reported at once', () => {
    const e = problems(HEAD + zone +
      'posts:\n  - {id: p, name: P, lat: 35.1, lon: 36.1, radius_km: 3, held_by: nato}\n' +
      'rules:\n  - {id: r1, description: d, sub_event_types: [Airstrike], scope: {zone: z}}\n');
    expect(e.problems.map((p) => p.path)).toEqual(['rules[0].sub_event_types[0]']);
    const later = problems(HEAD + zone +
      'posts:\n  - {id: p, name: P, lat: 35.1, lon: 36.1, radius_km: 3, held_by: nato}\n' +
      'rules:\n  - {id: r1, description: d, sub_event_types: [Air/drone strike], actors: [hst], scope: {post: p}}\n' +
      '  - {id: r1, description: d, sub_event_types: [Air/drone strike], scope: {post: q}}\n');
    expect(later.problems.map((p) => p.path).sort()).toEqual(['posts[0].held_by', 'rules[0].actors[0]', 'rules[1].id', 'rules[1].scope.post']);
    expect(later.message).toMatch(/4 problems/);
  });

  it('missing required fields and unknown fields are named', () => {
    const e = problems('id: t\nname: T\ndescription: d\nparties: []\neffective: {from: "2019-02-30"}\nrules: []\nzone: []\n');
    const byPath = Object.fromEntries(e.problems.map((p) => [p.path, p.message]));
    expect(byPath['approximation']).toBe('"approximation" is required');
    expect(byPath['parties']).toMatch(/at least one party/);
    expect(byPath['effective.from']).toMatch(/calendar date/);
    expect(byPath['rules']).toMatch(/at least one rule/);
    expect(byPath['']).toMatch(/Unrecognized key.*zone/);
  });

  it('not YAML at all gives the line', () => {
    const e = problems('id: [t\nname: T\n');
    expect(e.problems[0]!.message).toMatch(/not valid YAML or JSON/);
    expect(e.problems[0]!.line).toBeGreaterThanOrEqual(1);
  });
});

describe('agreement loading', () => {
  const dir = mkdtempSync(join(tmpdir(), 'marsad-agreements-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('resolves places, buffers the line and keeps how it was built; the written file reloads identically without a gazetteer', () => {
    const a = parseAgreement(HEAD + 'zones:\n  - {id: z, name: Z, line_from_places: [Alpha, "wof:2"], buffer_km: 5}\n' +
      'posts:\n  - {id: p, name: P, place: Beta, radius_km: 3, held_by: turkey}\n' + RULE, 'ok.yaml', { places: PLACES, actors: catalogue() });
    const z = a.zones[0]!;
    expect(z.built_from?.places?.map((p) => p.gazetteer_id)).toEqual(['wof:1', 'wof:2']);
    // A 45.6 km line with 5 km each side and round ends: 2 × 5 × 45.6 + π × 25 ≈ 535 km².
    expect(areaKm2(z.geometry)).toBeGreaterThan(520);
    expect(areaKm2(z.geometry)).toBeLessThan(545);
    expect(a.posts[0]).toMatchObject({ lat: 35.0, lon: 36.5, gazetteer_id: 'wof:2' });
    const file = join(dir, 't.yaml');
    writeFileSync(file, agreementToYaml(a, 'resolved'));
    expect(loadAgreementFile(file)).toEqual(a);
  });

  it('JSON is read too', () => {
    const json = JSON.stringify({
      id: 'j', name: 'J', description: 'd', approximation: null,
      parties: [{ id: 'a', name: 'A' }], effective: { from: '2019-01-01' },
      zones: [{ id: 'z', name: 'Z', geometry: { type: 'Polygon', coordinates: [[[36, 35], [37, 35], [37, 36], [36, 35]]] } }],
      rules: [{ id: 'r', description: 'd', sub_event_types: ['Armed clash'], scope: { zone: 'any' } }],
    });
    const a = parseAgreement(json, 'j.json');
    expect(a.rules[0]!.scope).toEqual({ kind: 'zone', zone: 'any' });
    expect(a.guarantors).toEqual([]);
  });

  it('a folder with two files of one id is an error naming both', () => {
    const d = mkdtempSync(join(dir, 'dup-'));
    const text = HEAD + square('[[36, 35], [37, 35], [37, 36], [36, 35]]') + RULE;
    writeFileSync(join(d, 'a.yaml'), text);
    writeFileSync(join(d, 'b.yml'), text);
    expect(() => loadAgreementsDir(d)).toThrow(/agreement id "t" is also used by .*a\.yaml/);
  });

  it('a missing folder holds no agreements', () => {
    expect(loadAgreementsDir(join(dir, 'none'))).toEqual([]);
  });
});
