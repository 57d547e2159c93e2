import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * The dashboard is a static bundle that `marsad serve` hands out from dist/web; every asset (the
 * basemap, the Arabic font, Leaflet's images) is bundled so it works with no network.
 */
export default defineConfig({
  root: webRoot,
  base: './',
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
