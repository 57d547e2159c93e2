import { describe, expect, it } from 'vitest';
import { classifyFurnitureLine, findFurniture } from '../../src/text/furniture.js';
import { hasSeed, lineOf, readSeed } from './seed.js';

/** 1-based numbers of the lines the spans cover (blank lines never count). */
function furnitureLines(text: string): number[] {
  return findFurniture(text).map((s) => lineOf(text, s.start));
}

const article = (...paragraphs: string[]): string => paragraphs.join('\n\n');

const LONG_AR =
  'وقال المرصد السوري لحقوق الإنسان إن الطائرات الحربية شنت عشرات الغارات على ريف إدلب الجنوبي خلال الساعات الماضية، ما أدى إلى سقوط قتلى وجرحى بين المدنيين.';
const LONG_EN =
  'The Syrian Observatory for Human Rights said warplanes carried out dozens of strikes on the southern Idlib countryside over the past hours, killing and wounding civilians.';

describe.skipIf(!hasSeed)('findFurniture on the seed page', () => {
  it('finds exactly the gold boilerplate lines', () => {
    const { text, gold } = readSeed();
    expect(furnitureLines(text)).toEqual(gold.doc.boilerplate_lines);
  });

  it('returns whole lines with their line break', () => {
    const { text } = readSeed();
    for (const s of findFurniture(text)) {
      expect(s.start === 0 || text[s.start - 1] === '\n').toBe(true);
      expect(s.end === text.length || text[s.end - 1] === '\n').toBe(true);
    }
  });
});

describe('findFurniture, Arabic', () => {
  it('removes read-also links and keeps the reporting around them', () => {
    const text = article(LONG_AR, 'اقرأ أيضا: قصف روسي على جسر الشغور', LONG_AR, 'إقرأ المزيد', LONG_AR);
    expect(furnitureLines(text)).toEqual([3, 7]);
  });

  it('removes a related box with its short headlines up to the end of the page', () => {
    const text = article(LONG_AR, 'أخبار ذات صلة', 'مقتل ثلاثة مدنيين بقصف على معرة النعمان', 'تركيا تعزز نقاطها في ريف حماة', 'شارك');
    expect(furnitureLines(text)).toEqual([3, 5, 7, 9]);
  });

  it('stops the related box at a long paragraph after it', () => {
    const text = article('مقالات ذات صلة', 'عنوان قصير', LONG_AR);
    expect(furnitureLines(text)).toEqual([1]);
  });

  it('removes comment forms, share buttons, tags, footers, newsletter and cookie notices', () => {
    expect(classifyFurnitureLine('اترك رداً')).toBe('comments');
    expect(classifyFurnitureLine('التعليقات (3)')).toBe('comments');
    expect(classifyFurnitureLine('تعليق')).toBe('comments'); // the label of the comment box
    expect(classifyFurnitureLine('لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *')).toBe('comments');
    expect(classifyFurnitureLine('مشاركة')).toBe('buttons');
    expect(classifyFurnitureLine('شارك على فيسبوك')).toBe('buttons');
    expect(classifyFurnitureLine('طباعة')).toBe('buttons');
    expect(classifyFurnitureLine('الوسوم: إدلب، روسيا، تركيا')).toBe('tags');
    expect(classifyFurnitureLine('© 2019 جميع الحقوق محفوظة لموقع مدى بوست')).toBe('rights');
    expect(classifyFurnitureLine('اشترك في النشرة البريدية ليصلك كل جديد')).toBe('newsletter');
    expect(classifyFurnitureLine('يستخدم هذا الموقع ملفات تعريف الارتباط لتحسين تجربتك. موافق')).toBe('cookies');
  });

  it('keeps reporting that merely mentions comments, sharing or cookies', () => {
    for (const line of [
      'ولم يصدر أي تعليق رسمي من وزارة الدفاع التركية على الهجوم حتى ساعة إعداد هذا التقرير.',
      'شارك آلاف المتظاهرين في مسيرة بمدينة إدلب',
      'وقال إن مشاركة روسيا في المحادثات ضرورية',
      'اقرأ التقرير الكامل على موقع الأمم المتحدة',
      'شاهد عيان قال إن القصف استهدف السوق',
      'الوسوم التي يستخدمها الناشطون على تويتر انتشرت بسرعة',
    ]) {
      expect(classifyFurnitureLine(line), line).toBeNull();
    }
  });
});

describe('findFurniture, English', () => {
  it('removes link labels, comment forms and a trailing box', () => {
    const text = article(
      LONG_EN,
      'Read more: Russian jets strike Jisr al-Shughur',
      LONG_EN,
      'Related: Turkey reinforces observation posts',
      LONG_EN,
      'Leave a Reply',
      'Your email address will not be published. Required fields are marked *',
      'You may also like',
      'Five killed in Maarat al-Numan',
      'Share',
      'Tweet',
    );
    expect(furnitureLines(text)).toEqual([3, 7, 11, 13, 15, 17, 19, 21]);
  });

  it('classifies the usual page notices', () => {
    expect(classifyFurnitureLine('Facebook Twitter WhatsApp Email')).toBe('buttons');
    expect(classifyFurnitureLine('Close')).toBe('buttons');
    expect(classifyFurnitureLine('Print')).toBe('buttons');
    expect(classifyFurnitureLine('Tags: Syria, Idlib, Russia')).toBe('tags');
    expect(classifyFurnitureLine('Copyright 2019 Example News. All rights reserved.')).toBe('rights');
    expect(classifyFurnitureLine('Sign up for our daily newsletter')).toBe('newsletter');
    expect(
      classifyFurnitureLine('We use cookies to improve your experience. By continuing to browse this site you agree to our use of cookies.'),
    ).toBe('cookies');
    expect(classifyFurnitureLine('Related articles')).toBe('box-heading');
    expect(classifyFurnitureLine('3 Comments')).toBe('comments');
  });

  it('keeps reporting that uses the same words', () => {
    for (const line of [
      'Share prices in Damascus fell sharply after the strikes.',
      'Related to the talks, Moscow said it would keep its commitments.',
      'The minister declined to comment on the reports.',
      'EU rules require websites to ask before storing cookies, the court said.',
      'Read the full statement below',
      'The close air support continued through the night.',
      LONG_EN,
    ]) {
      expect(classifyFurnitureLine(line), line).toBeNull();
    }
  });

  it('does not take a short last paragraph for a box when no box line opens it', () => {
    const text = article(LONG_EN, 'The talks resume on Monday.', 'Reporting by Jane Doe');
    expect(findFurniture(text)).toEqual([]);
  });

  it('handles CRLF line breaks and an empty text', () => {
    const text = `${LONG_EN}\r\n\r\nLeave a comment\r\n`;
    const spans = findFurniture(text);
    expect(spans).toHaveLength(1);
    expect(text.slice(spans[0]!.start, spans[0]!.end)).toBe('Leave a comment\r\n');
    expect(findFurniture('')).toEqual([]);
  });
});
