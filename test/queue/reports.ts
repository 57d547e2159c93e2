/**
 * Short generated news reports, Arabic and English, about places the gazetteer knows, each
 * distinct (so each is its own document) and most describing an event, so incidents are made.
 * Several reports share a place and day, so that incident assignment is exercised across
 * workers (the same incident reported by several sources).
 */
const PLACES_AR = ['كفرنبودة', 'قلعة المضيق', 'خان شيخون', 'معرة النعمان', 'سراقب', 'أريحا'];
const PLACES_EN = ['Kafr Nabudah', 'Qalaat al-Madiq', 'Khan Shaykhun', 'Maarat al-Numan', 'Saraqib', 'Ariha'];
const SOURCES = ['وكالة الأولى', 'شبكة الثانية', 'موقع الثالث', 'Fourth Wire', 'Fifth News'];

export interface GeneratedReport {
  id: string;
  published: string;
  source: string;
  text: string;
}

export function generateReports(n: number, seed = 1): GeneratedReport[] {
  const out: GeneratedReport[] = [];
  for (let i = 0; i < n; i++) {
    const k = (i * 7 + seed) % PLACES_AR.length;
    const day = String(1 + ((i >> 2) % 27)).padStart(2, '0');
    const killed = 2 + ((i * 3 + seed) % 9);
    const source = SOURCES[i % SOURCES.length]!;
    const text = i % 3 === 2
      ? `Syrian government forces shelled the town of ${PLACES_EN[k]} in Idlib countryside on Monday, killing ${killed} civilians, ` +
        `local sources said. Report number ${seed}-${i}.`
      : `قصفت قوات النظام السوري بلدة ${PLACES_AR[k]} في ريف إدلب يوم الاثنين، ما أدى إلى مقتل ${killed} مدنيين، ` +
        `بحسب مصادر محلية. التقرير رقم ${seed}-${i}.`;
    out.push({ id: `gen-${seed}-${i}`, published: `2019-05-${day}`, source, text });
  }
  return out;
}

/** JSON lines as `marsad ingest` reads them. */
export function reportsJsonl(reports: readonly GeneratedReport[]): string {
  return reports.map((r) => JSON.stringify({ id: r.id, published: r.published, source: r.source, text: r.text })).join('\n') + '\n';
}
