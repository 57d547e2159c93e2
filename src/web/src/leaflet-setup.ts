import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import 'leaflet.markercluster/dist/MarkerCluster.Default.css';

// leaflet.markercluster is a UMD plugin that extends the global `L`: publish it before the plugin loads.
(globalThis as unknown as { L: typeof L }).L = L;

export default L;
