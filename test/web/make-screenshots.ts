/**
 * Takes the README's dashboard screenshots (docs/screenshots/*.png, 1280x800): the map view and
 * the incident panel, in English and in Arabic, on the demo store served by the real server.
 *
 *   npx tsx test/web/make-screenshots.ts [outDir]
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { IncidentView } from '../../src/api/incident-views.js';
import { repoRoot } from '../support/shared.js';
import { launchBrowser, startDashboardEnv, watchErrors } from './dashboard-env.js';

const outDir = resolve(process.argv[2] ?? join(repoRoot, 'docs', 'screenshots'));

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const env = await startDashboardEnv();
  const browser = await launchBrowser();
  try {
    const res = await fetch(`${env.url}/api/incidents?limit=1000`);
    const all = ((await res.json()) as { items: IncidentView[] }).items;
    // The incident that shows the panel best: reported in both languages, with violations.
    const pick = [...all].sort((a, b) => b.members.length - a.members.length || b.violations - a.violations)[0];
    if (!pick) throw new Error('the demo store has no incidents');
    const errors: string[] = [];
    for (const lang of ['en', 'ar'] as const) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: lang === 'ar' ? 'ar-SY' : 'en-GB' });
      const page = await context.newPage();
      errors.push(...watchErrors(page));
      const ready = async (): Promise<void> => {
        await page.waitForSelector('[data-testid=incident-count][data-count]');
        await page.waitForFunction(() => document.fonts.status === 'loaded');
        // Leaflet's zoom animation and the clusters settle.
        await page.waitForTimeout(1200);
      };
      await page.goto(`${env.url}/?lang=${lang}`);
      await ready();
      await page.screenshot({ path: join(outDir, `map-${lang}.png`) });
      await page.goto(`${env.url}/?lang=${lang}&incident=${encodeURIComponent(pick.id)}`);
      await ready();
      await page.waitForSelector('[data-testid=evidence-text] mark');
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(outDir, `incident-${lang}.png`) });
      await context.close();
    }
    if (errors.length) throw new Error(`the page logged errors:\n${errors.join('\n')}`);
    process.stdout.write(`screenshots in ${outDir} (incident ${pick.id})\n`);
  } finally {
    await browser.close();
    await env.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`make-screenshots: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exitCode = 1;
});
