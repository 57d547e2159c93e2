import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { gazetteerDir } from '../../config/home.js';
import { monitorReportSources } from '../../report/monitor-sources.js';
import { buildReportData, CHROMIUM_MISSING, findChromium, renderReport, storeReportSources } from '../../report/index.js';
import type { ApiContext } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import { levelParams, noQuery, parse, reportQuery } from '../schemas.js';
import { routeOptions } from './route-options.js';

/** Files made from the record: admin boundaries of the imported gazetteer, the daily report. */
export function registerFileRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get('/api/boundaries/:level', routeOptions({
    summary: 'Admin boundaries (admin1, admin2 or admin3) of the imported gazetteer as GeoJSON', tags: ['map'], access: 'read',
    params: levelParams, query: noQuery,
  }), async (req, res) => {
    const { level } = parse(levelParams, req.params, 'path');
    parse(noQuery, req.query, 'query');
    const file = join(gazetteerDir(ctx.home), `${level}.geojson`);
    if (!existsSync(file)) throw notFound(`no ${level} boundaries in ${gazetteerDir(ctx.home)}: import the gazetteer first (marsad data import)`);
    return res.type('application/geo+json; charset=utf-8').header('cache-control', 'public, max-age=3600').send(createReadStream(file));
  });

  app.get('/api/reports/daily', routeOptions({
    summary: 'The daily situation report (HTML, or PDF through headless Chromium)', tags: ['reports'], access: 'read', query: reportQuery, queryKey: true,
  }), async (req, res) => {
    const q = parse(reportQuery, req.query, 'query');
    if (q.format === 'pdf' && findChromium() === null) throw new ApiError(503, 'unavailable', CHROMIUM_MISSING);
    const monitor = monitorReportSources(ctx.store, { storeConfig: ctx.storeConfig, home: ctx.home });
    let bytes: Buffer;
    try {
      const data = await buildReportData(storeReportSources(ctx.store, monitor), q.date, q.agreement ?? null);
      bytes = await renderReport(data, q.format, q.lang);
    } finally {
      await monitor.close();
    }
    const name = `marsad-report-${q.date}${q.agreement ? `-${q.agreement}` : ''}-${q.lang}.${q.format}`;
    return res.type(q.format === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8')
      .header('content-disposition', `${q.format === 'pdf' ? 'attachment' : 'inline'}; filename="${name}"`).send(bytes);
  });
}
