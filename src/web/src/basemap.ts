import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries from 'world-atlas/countries-50m.json';

/** Natural Earth country outlines, bundled with the app: the map works without any tile server. */
export function countryOutlines(): GeoJSON.FeatureCollection {
  const topo = countries as unknown as Topology<{ countries: GeometryCollection }>;
  return feature(topo, topo.objects.countries) as GeoJSON.FeatureCollection;
}
