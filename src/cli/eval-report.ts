import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { predictAssault, predictProtest, type EventKind } from '../extract/classifier/logistic.js';
import { crossValidate, evaluateDetection, evaluateSpans, loadGsr } from '../eval/gsr.js';
import { extractorDetects, extractorSpans } from '../eval/gsr-extractor.js';
import { formatMetricsTable, type MetricsRow } from '../eval/metrics.js';
import { loadSeedGold, scoreSeed } from '../eval/seed.js';
import { processDocument, type PipelineResources } from '../pipeline.js';

const KINDS: readonly EventKind[] = ['ASSAULT', 'PROTEST'];

/** Every `*-gold.json` in the seed format under eval/, scored against the page it names. */
export function printSeedSets(evalDir: string, res: PipelineResources): void {
  for (const folder of readdirSync(evalDir).sort()) {
    const dir = join(evalDir, folder);
    const golds = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('-gold.json')).sort() : [];
    for (const goldFile of golds) {
      const gold = loadSeedGold(join(dir, goldFile));
      const text = readFileSync(join(dir, gold.doc.file), 'utf8');
      const out = processDocument(
        { inputId: gold.doc.file, text, url: null, title: null, byline: null, source: null, dateline: null,
          published: null, language: null, fromHtml: false },
        res,
        { published: gold.doc.published ?? null },
      );
      const score = scoreSeed(gold, text, out.doc, out.events);
      console.log(formatMetricsTable([{ name: `${folder}/${gold.doc.file}`, m: score.events }], `\n== ${folder}: events (required gold; optional gold neutral)`));
      for (const m of score.matches) console.log(`  matched ${m.gold} ← ${m.event}${m.km === null ? '' : ` (${m.km.toFixed(2)} km)`}`);
      if (score.missed.length) console.log(`  missed: ${score.missed.join(', ')}`);
      if (score.falsePositives.length) console.log(`  false positives: ${score.falsePositives.join(', ')}`);
      console.log(`  must_not violations: ${score.mustNotViolations.length === 0 ? 'none' : score.mustNotViolations.join('; ')}`);
      for (const c of score.checks) console.log(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
    }
  }
}

export function printGsr(evalDir: string, res: PipelineResources): void {
  const folder = join(evalDir, 'arabic-event-gsr');
  if (!existsSync(folder)) return;
  const set = loadGsr(folder);
  const rows: MetricsRow[] = [];
  for (const kind of KINDS) {
    const items = set.items[kind];
    if (items.length === 0) continue;
    rows.push({ name: `${kind} extractor (rules, untrained)`, m: evaluateDetection(items, extractorDetects(res, kind)) });
    const cv = crossValidate(items);
    rows.push({ name: `${kind} classifier, 5-fold CV`, m: cv.pooled });
    rows.push({
      name: `${kind} classifier, trained on this set`,
      m: evaluateDetection(items, kind === 'ASSAULT' ? predictAssault : predictProtest),
    });
  }
  console.log(formatMetricsTable(rows, '\n== arabic-event-gsr: sentence detection (label yes vs easy/difficult no; ambiguous left out)'));
  console.log('  The honest classifier figure is the cross-validated one; "trained on this set" is resubstitution.');
  console.log("  The rules are fitted to nothing, but their lexicons were extended after reading their errors on this set.");
  const spanRows: MetricsRow[] = [];
  for (const kind of KINDS) {
    const records = set.spans[kind];
    if (records.length === 0) continue;
    const m = evaluateSpans(records, extractorSpans(res, kind));
    spanRows.push({ name: `${kind} source actor`, m: m.source }, { name: `${kind} verb`, m: m.verb }, { name: `${kind} target`, m: m.target });
  }
  console.log(formatMetricsTable(spanRows, '\n== arabic-event-gsr: spans (token overlap with the best-matching gold span)'));
}
