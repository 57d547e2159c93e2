import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findCasualtyMentions, type CasualtyMention } from '../../../src/extract/quantities/casualties.js';
import { normaliseText } from '../../../src/text/normalise.js';
import { tokenize } from '../../../src/text/tokens.js';

interface Seen {
  text: string;
  kind: CasualtyMention['kind'];
  count: number | null;
  approximate?: true;
  civilians?: true;
  children?: number;
  women?: number;
  combined?: true;
}

/** The mentions in compact form: flags only when set, so that a table row stays one line. */
function casualties(text: string): Seen[] {
  return findCasualtyMentions(tokenize(normaliseText(text))).map((m) => ({
    text: text.slice(m.start, m.end),
    kind: m.kind,
    count: m.count,
    ...(m.approximate ? { approximate: true as const } : {}),
    ...(m.civilians ? { civilians: true as const } : {}),
    ...(m.children !== null ? { children: m.children } : {}),
    ...(m.women !== null ? { women: m.women } : {}),
    ...(m.combined ? { combined: true as const } : {}),
  }));
}

type Row = [string, Seen[]];

const ARABIC: Row[] = [
  ['أسفر القصف عن مقتل 5 مدنيين', [{ text: 'مقتل 5 مدنيين', kind: 'killed', count: 5, civilians: true }]],
  ['قتل ثلاثة أشخاص في الغارة', [{ text: 'قتل ثلاثة أشخاص', kind: 'killed', count: 3 }]],
  ['وأدى ذلك إلى سقوط 12 قتيلاً', [{ text: '12 قتيلاً', kind: 'killed', count: 12 }]],
  ['استشهاد طفلين', [{ text: 'استشهاد طفلين', kind: 'killed', count: 2, civilians: true, children: 2 }]],
  ['مقتل وجرح 10 مدنيين', [
    { text: 'مقتل وجرح 10 مدنيين', kind: 'killed', count: 10, civilians: true, combined: true },
    { text: 'مقتل وجرح 10 مدنيين', kind: 'injured', count: 10, civilians: true, combined: true },
  ]],
  ['وإصابة 7 آخرين بجروح', [{ text: 'وإصابة 7 آخرين بجروح', kind: 'injured', count: 7 }]],
  ['جرح العشرات', [{ text: 'جرح العشرات', kind: 'injured', count: null, approximate: true }]],
  ['خلّف عشرات القتلى', [{ text: 'عشرات القتلى', kind: 'killed', count: null, approximate: true }]],
  ['قتيلان وثلاثة جرحى', [
    { text: 'قتيلان', kind: 'killed', count: 2 },
    { text: 'وثلاثة جرحى', kind: 'injured', count: 3 },
  ]],
  ['سقوط قتلى', [{ text: 'قتلى', kind: 'killed', count: null }]],
  ['مقتل ١٢ مدنياً', [{ text: 'مقتل ١٢ مدنياً', kind: 'killed', count: 12, civilians: true }]],
  ['مقتل خمسة وعشرين شخصاً', [{ text: 'مقتل خمسة وعشرين شخصاً', kind: 'killed', count: 25 }]],
  ['مقتل أحد عشر مدنياً', [{ text: 'مقتل أحد عشر مدنياً', kind: 'killed', count: 11, civilians: true }]],
  ['مقتل نحو 20 شخصاً', [{ text: 'مقتل نحو 20 شخصاً', kind: 'killed', count: 20, approximate: true }]],
  ['مقتل أكثر من 30 عنصراً من قوات النظام', [{ text: 'مقتل أكثر من 30 عنصراً', kind: 'killed', count: 30, approximate: true }]],
  ['مقتل ما لا يقل عن 15 مدنياً', [{ text: 'مقتل ما لا يقل عن 15 مدنياً', kind: 'killed', count: 15, approximate: true, civilians: true }]],
  ['مقتل عشرة أشخاص على الأقل', [{ text: 'مقتل عشرة أشخاص على الأقل', kind: 'killed', count: 10, approximate: true }]],
  ['مقتل 5 مدنيين بينهم 3 أطفال وامرأتان', [{ text: 'مقتل 5 مدنيين بينهم 3 أطفال وامرأتان', kind: 'killed', count: 5, civilians: true, children: 3, women: 2 }]],
  ['مقتل امرأة وطفلين', [{ text: 'مقتل امرأة وطفلين', kind: 'killed', count: 3, civilians: true, children: 2, women: 1 }]],
  ['مقتل مدني واحد', [{ text: 'مقتل مدني واحد', kind: 'killed', count: 1, civilians: true }]],
  ['مقتل مدنيين', [{ text: 'مقتل مدنيين', kind: 'killed', count: null, civilians: true }]],
  ['قتلت قوات النظام 5 مدنيين', [{ text: 'قتلت قوات النظام 5 مدنيين', kind: 'killed', count: 5, civilians: true }]],
  ['إن جندياً قتل وأصيب آخر بجروح', [{ text: 'قتل وأصيب آخر بجروح', kind: 'injured', count: 1 }]],
  ['وجرح 17 شخصاً آخرين بينهم امرأتان', [{ text: 'وجرح 17 شخصاً آخرين بينهم امرأتان', kind: 'injured', count: 17, civilians: true, women: 2 }]],
  ['مقتل 3 فلسطينيين', [{ text: 'مقتل 3 فلسطينيين', kind: 'killed', count: 3 }]],
  ['لقي 4 أشخاص حتفهم', [{ text: 'لقي 4 أشخاص حتفهم', kind: 'killed', count: 4 }]],
  ['أودت بحياة عشرين شخصاً', [{ text: 'بحياة عشرين شخصاً', kind: 'killed', count: 20 }]],
  ['ارتفعت حصيلة القتلى في إدلب إلى 25', [{ text: 'القتلى في إدلب إلى 25', kind: 'killed', count: 25 }]],
  ['سقوط 10 قتلى وجرحى', [
    { text: '10 قتلى وجرحى', kind: 'killed', count: 10, combined: true },
    { text: '10 قتلى وجرحى', kind: 'injured', count: 10, combined: true },
  ]],
  ['نزوح ثلاثة آلاف شخص', [{ text: 'نزوح ثلاثة آلاف شخص', kind: 'displaced', count: 3000 }]],
  ['نزوح عشرات الآلاف من المدنيين', [{ text: 'نزوح عشرات الآلاف من المدنيين', kind: 'displaced', count: null, approximate: true, civilians: true }]],
  ['اعتقال 20 شخصاً', [{ text: 'اعتقال 20 شخصاً', kind: 'arrested', count: 20 }]],
  ['اختطاف 3 أطفال', [{ text: 'اختطاف 3 أطفال', kind: 'abducted', count: 3, civilians: true, children: 3 }]],
  ['فُقد 4 أشخاص', [{ text: 'فُقد 4 أشخاص', kind: 'missing', count: 4 }]],
  ['مقتل مئة وخمسين شخصاً', [{ text: 'مقتل مئة وخمسين شخصاً', kind: 'killed', count: 150 }]],
];

const ENGLISH: Row[] = [
  ['The strike killed 5 civilians, including two children', [{ text: 'killed 5 civilians, including two children', kind: 'killed', count: 5, civilians: true, children: 2 }]],
  ['at least 12 people were killed', [{ text: 'at least 12 people were killed', kind: 'killed', count: 12, approximate: true }]],
  ['the shelling wounded dozens', [{ text: 'wounded dozens', kind: 'injured', count: null, approximate: true }]],
  ['three people were killed and 12 wounded', [
    { text: 'three people were killed', kind: 'killed', count: 3 },
    { text: '12 wounded', kind: 'injured', count: 12 },
  ]],
  ['killing two and injuring five', [
    { text: 'killing two', kind: 'killed', count: 2 },
    { text: 'injuring five', kind: 'injured', count: 5 },
  ]],
  ['twenty-five civilians were killed', [{ text: 'twenty-five civilians were killed', kind: 'killed', count: 25, civilians: true }]],
  ['a child was killed', [{ text: 'a child was killed', kind: 'killed', count: 1, civilians: true, children: 1 }]],
  ['dozens of people were injured', [{ text: 'dozens of people were injured', kind: 'injured', count: null, approximate: true }]],
  ['the death toll rose to 40', [{ text: 'death toll rose to 40', kind: 'killed', count: 40 }]],
  ['12 civilian deaths', [{ text: '12 civilian deaths', kind: 'killed', count: 12, civilians: true }]],
  ['the displacement of 5,000 people', [{ text: 'displacement of 5,000 people', kind: 'displaced', count: 5000 }]],
  ['killed or wounded 30 people', [
    { text: 'killed or wounded 30 people', kind: 'killed', count: 30, combined: true },
    { text: 'killed or wounded 30 people', kind: 'injured', count: 30, combined: true },
  ]],
  ['Five people, including a child, were killed', [{ text: 'Five people, including a child, were killed', kind: 'killed', count: 5, children: 1, civilians: true }]],
  ['police arrested 14 protesters', [{ text: 'arrested 14 protesters', kind: 'arrested', count: 14, civilians: true }]],
];

describe('findCasualtyMentions', () => {
  for (const [label, rows] of [['Arabic', ARABIC], ['English', ENGLISH]] as const) {
    describe(label, () => {
      it.each(rows)('%s', (text, expected) => {
        expect(casualties(text)).toEqual(expected);
      });
    });
  }

  describe('numbers that are not casualty counts', () => {
    it.each([
      ['نشرت تركيا 12 نقطة مراقبة'],
      ['منطقة منزوعة السلاح بعمق 15 كيلومتراً'],
      ['في عام 2018'],
      ['2018'],
      ['إصابة 3 منازل'],
      ['مقتل 15 كيلومتراً'],
      ['5 مدنيين'],
      ['قتل المدنيين جريمة'],
      ['أهالي الضحايا'],
      ['نقل المرض للمصابين'],
      ['قضى ثلاثة أيام في السجن'],
      ['لقي 4 أشخاص ترحيباً'],
      ['the killing of civilians'],
      ['12 observation posts'],
    ])('%s', (text) => {
      expect(casualties(text)).toEqual([]);
    });
  });

  it('keeps the kinds of one sentence apart', () => {
    const found = casualties('مقتل 5 مدنيين بينهم طفل وإصابة 10 آخرين واعتقال 3 شبان');
    expect(found.map((f) => [f.kind, f.count])).toEqual([
      ['killed', 5],
      ['injured', 10],
      ['arrested', 3],
    ]);
    expect(found[0]!.children).toBe(1);
  });

  it('maps mentions back to original offsets', () => {
    const text = 'قُتِلَ ٣ مدنيّين';
    const [m] = findCasualtyMentions(tokenize(normaliseText(text)));
    expect(text.slice(m!.start, m!.end)).toBe('قُتِلَ ٣ مدنيّين');
    expect(m).toMatchObject({ tokenStart: 0, tokenEnd: 3, count: 3, civilians: true });
  });
});

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const seedPath = path.resolve(repoRoot, '../shared/eval/seed/seed-article.txt');
const hasShared = existsSync(seedPath);
if (!hasShared) console.warn(`SKIPPED seed casualty test: ${seedPath} is missing`);

describe.skipIf(!hasShared)('the seed article', () => {
  it('reports no casualties (it has "12 نقطة مراقبة" and "15-20 km" but no toll)', () => {
    expect(casualties(readFileSync(seedPath, 'utf8'))).toEqual([]);
  });
});
