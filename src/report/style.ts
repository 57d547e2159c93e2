import type { ReportLang } from './types.js';

/**
 * The report's only stylesheet, inlined: system fonts with Arabic-capable fallbacks (Noto on
 * Debian: fonts-noto-core; KacsT, DejaVu), A4 pages for the PDF, rows and charts kept whole
 * across page breaks.
 */
const FONTS: Record<ReportLang, string> = {
  ar: '"Noto Sans Arabic", "Noto Naskh Arabic", "Noto Kufi Arabic", "Segoe UI", Tahoma, "KacstOne", "Noto Sans", "DejaVu Sans", Arial, sans-serif',
  en: '"Noto Sans", "Segoe UI", "Noto Sans Arabic", "Noto Naskh Arabic", "Helvetica Neue", Arial, system-ui, "DejaVu Sans", sans-serif',
};

export function reportCss(lang: ReportLang): string {
  return `
@page { size: A4; margin: 13mm 12mm 14mm; }
* { box-sizing: border-box; }
html { font-family: ${FONTS[lang]}; font-size: 10pt; color: #1c2833; line-height: ${lang === 'ar' ? 1.6 : 1.45}; }
body { margin: 0 auto; max-width: 190mm; padding: 0; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@media screen { body { padding: 16px; } }
h1, h2, h3 { margin: 0; line-height: 1.3; }
h1 { font-size: 19pt; }
h2 { font-size: 13pt; margin: 16px 0 6px; padding-bottom: 3px; border-bottom: 2px solid #1f4e79; color: #1f4e79; break-after: avoid; }
h3 { font-size: 11pt; margin: 10px 0 4px; break-after: avoid; }
h3 .count { font-weight: normal; color: #5d6d7e; }
.masthead { border-bottom: 4px solid #1f4e79; padding-bottom: 8px; margin-bottom: 10px; display: flex; justify-content: space-between; align-items: flex-end; gap: 12px; }
.brand { font-size: 10pt; letter-spacing: .04em; color: #5d6d7e; }
.brand b { color: #1f4e79; }
.dateline { font-size: 12pt; font-weight: 600; margin-top: 2px; }
.agreement { font-size: 9pt; color: #34495e; margin: 6px 0 0; }
.agreement .approx { display: block; color: #7e5109; background: #fef5e7; border-inline-start: 3px solid #d68910; padding: 3px 6px; margin-top: 4px; }
.figures { display: grid; grid-template-columns: repeat(6, 1fr); gap: 6px; margin: 8px 0 4px; }
.fig { border: 1px solid #d5dbe1; border-radius: 4px; padding: 6px 8px; background: #f8f9fa; }
.fig .n { font-size: 17pt; font-weight: 700; font-variant-numeric: tabular-nums; display: block; line-height: 1.2; }
.fig .l { font-size: 8.5pt; color: #5d6d7e; }
.fig.alert { border-color: #a93226; background: #fdedec; }
.fig.alert .n { color: #a93226; }
.note { font-size: 8.5pt; color: #5d6d7e; margin: 2px 0; }
.empty { color: #5d6d7e; font-style: ${lang === 'ar' ? 'normal' : 'italic'}; margin: 4px 0 8px; }
table { width: 100%; border-collapse: collapse; margin: 4px 0 8px; font-size: 9pt; }
th, td { border: 1px solid #d5dbe1; padding: 3px 5px; text-align: start; vertical-align: top; }
th { background: #eaf0f6; font-weight: 600; }
tr, tbody.pair { break-inside: avoid; }
td.num, th.num { text-align: center; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.main td { border-bottom: none; }
tr.detail td { border-top: none; background: #fbfcfc; padding-top: 0; }
div.detail { display: flex; justify-content: space-between; align-items: baseline; gap: 10px; }
.evidence { font-size: 8.5pt; color: #4d5656; unicode-bidi: isolate; }
.evidence:dir(rtl)::before { content: "«"; } .evidence:dir(rtl)::after { content: "»"; }
.evidence:dir(ltr)::before { content: "“"; } .evidence:dir(ltr)::after { content: "”"; }
div.detail code.id { flex: none; white-space: nowrap; }
code, .id { font-family: "DejaVu Sans Mono", "Noto Sans Mono", monospace; font-size: 7.5pt; color: #5d6d7e; word-break: break-all; }
.grade { white-space: nowrap; font-size: 8.5pt; padding: 0 4px; border-radius: 3px; background: #eef2f6; }
.grade.confirmed, .grade.multiple-sources { background: #e9f7ef; color: #1e8449; }
.grade.contested { background: #fef5e7; color: #9c640c; }
.flag { display: block; color: #a93226; font-weight: 600; font-size: 8.5pt; }
figure { margin: 4px 0 10px; break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; font-family: inherit; }
figure svg text { font-family: ${FONTS[lang]}; }
figcaption { font-size: 9pt; color: #34495e; }
figcaption .crossed { color: #a93226; font-weight: 700; }
ol.sources { margin: 4px 0; padding-inline-start: 20px; font-size: 9pt; }
ol.sources li { margin-bottom: 3px; break-inside: avoid; }
ol.sources .docs { display: block; font-size: 8.5pt; color: #4d5656; }
a { color: #1f4e79; text-decoration: none; }
table.violations a { color: inherit; border-bottom: 1px dotted #85929e; }
footer { margin-top: 14px; padding-top: 6px; border-top: 1px solid #d5dbe1; font-size: 8pt; color: #5d6d7e; }
`;
}
