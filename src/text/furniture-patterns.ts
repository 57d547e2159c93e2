/**
 * Phrases of web-page furniture, as normalise() spells them (أ→ا، ة→ه، ى→ي, no harakat, Latin
 * lower case). Grouped by the kind of furniture; furniture.ts decides how each is applied
 * (anywhere in a line, at its start, or as the whole line).
 */

const alt = (phrases: readonly string[]): string => phrases.map((p) => `(?:${p})`).join('|');

/** Not a letter or digit: the end of a word, for Arabic as well (JS \b is ASCII only). */
const END = '(?=$|[^\\p{L}\\p{N}])';

/** Links to other articles: a line that starts with one of these is furniture whatever follows. */
export const LINK_LABEL = new RegExp(
  `^(?:${alt([
    'ا?قرا (?:ايضا|كذلك|المزيد)',
    'اقرا\\s*:',
    '(?:طالع|شاهد|تابع) (?:ايضا|كذلك)',
    'يمكنك (?:ايضا )?قراءه',
    'read (?:also|more)',
    'also read',
    'see also',
    'related\\s*:',
    'related (?:articles|stories|posts|news|content|coverage|reading|links)\\s*:',
    'more\\s*:',
  ])})${END}`,
  'u',
);

/** Headings of a related-articles (or similar) box: the whole line is one of these. */
export const BOX_HEADING = new RegExp(
  `^(?:${alt([
    '(?:مقالات|اخبار|مواضيع|موضوعات|تقارير|قصص) (?:ذات صله|مشابهه|متعلقه|اخري)',
    'ذات صله',
    'قد (?:يعجبك|يهمك|تهمك)(?: (?:ايضا|كذلك))?',
    'ننصحك بقراءه',
    'اخترنا لك',
    'الاكثر (?:قراءه|مشاهده|تداولا)',
    'المزيد من (?:الاخبار|المقالات)',
    'اقرا (?:ايضا|المزيد)',
    'related(?: (?:articles|stories|posts|news|content|coverage|reading|links))?',
    'you (?:may|might) (?:also )?(?:like|be interested in)',
    'recommended(?: for you| stories| articles| reading)?',
    'more (?:stories|news|articles|from [\\p{L} ]{1,30})',
    'most (?:read|popular|viewed|shared)',
    "trending(?: now)?|top stories|don'?t miss|editor'?s picks",
  ])})$`,
  'u',
);

/** Comment forms: the whole line (punctuation and counts aside) is one of these. */
export const COMMENT_LINE = new RegExp(
  `^(?:\\d+ )?(?:${alt([
    'comments?|responses?|replies',
    'leave a (?:comment|reply)(?: cancel reply)?',
    '(?:post|add|write|submit) (?:a |your )?comment',
    'facebook comments|cancel reply|comment policy',
    'name|email|website|comment',
    'تعليق|تعليقات',
    'التعليقات',
    'تعليقات (?:ال)?(?:فيسبوك|فيس بوك|الزوار|القراء)',
    'اترك (?:تعليقا|تعليق|تعليقك|ردا|رد|ردك)',
    '(?:اضف|ارسل|اكتب) (?:تعليقا|تعليق|تعليقك)',
    'ارسال التعليق|الغاء الرد|شاركنا رايك',
    'الاسم|البريد الالكتروني|الموقع الالكتروني',
  ])})(?: \\d+)?$`,
  'u',
);

/** Comment-form notices: a line that starts with one of these. */
export const COMMENT_NOTICE = new RegExp(
  `^(?:${alt([
    'لن يتم نشر (?:عنوان )?بريدك الالكتروني',
    'الحقول (?:الالزاميه|المطلوبه)',
    '(?:احفظ|حفظ) اسمي',
    'يجب ان تكون مسجل(?: ال)?دخول',
    'your email address will not be published',
    'required fields are marked',
    'save my name,? email',
    'you must be logged in to post',
  ])})${END}`,
  'u',
);

/** Share, close and print buttons, social links: a line made only of these (and counts). */
export const BUTTON_WORDS: ReadonlySet<string> = new Set(
  (
    'share shares sharing close print tweet email e-mail mail facebook twitter x whatsapp telegram ' +
    'linkedin pinterest reddit messenger copy link save comment comments flipboard instagram youtube ' +
    'accept agree decline reject ok ' +
    'اغلاق اغلق شارك مشاركه طباعه اطبع ارسال ارسل فيسبوك فيس بوك تويتر واتساب واتس اب تلغرام تيليجرام ' +
    'تليجرام لينكدان لينكد ان انستغرام انستجرام يوتيوب البريد الرابط نسخ حفظ المفضله غرد تغريد عبر علي ' +
    'موافق اوافق قبول رفض'
  ).split(' '),
);
/** Words in BUTTON_WORDS that are only buttons beside another button word (عبر، علي، ان، x). */
export const BUTTON_GLUE: ReadonlySet<string> = new Set(['عبر', 'علي', 'ان', 'اب', 'بوك', 'x', 'link', 'ok']);

/** Cookie notices: a cookie word and words addressing the reader or the site. */
export const COOKIE_WORD = /cookie|ملفات (?:تعريف )?الارتباط|الكوكيز|ملفات الكوكي/u;
export const COOKIE_ADDRESS = new RegExp(
  alt([
    'we use|our (?:web)?site|this (?:web)?site|by (?:continuing|using|clicking)|you (?:agree|accept|consent)',
    'accept(?: all)?(?: cookies)?$|got it|privacy policy|cookie (?:policy|settings)',
    'نستخدم|يستخدم (?:هذا )?الموقع|موقعنا|هذا الموقع|باستخدامك|بمتابعتك|بمواصله|توافق علي|سياسه (?:الخصوصيه|الكوكيز)',
    'موافق|اوافق|قبول',
  ]),
  'u',
);
/** Raw spellings that may start a notice, to spot one in a long line before normalising it. */
export const NOTICE_RAW = /cookie|الارتباط|الكوكي|newsletter|subscribe|sign up|النشر|اشترك|البريدية|rights|الحقوق|©|copyright/i;

/** Newsletter prompts. */
export const NEWSLETTER = new RegExp(
  alt([
    '^(?:subscribe|sign up|signup|join|get|register)' + END + '.*(?:newsletter|inbox|mailing list|updates)',
    'our newsletter|نشرتنا',
    '^(?:اشترك|اشتركوا|سجل|انضم)' + END + '.*(?:النشره|القائمه البريديه|بريدك|ليصلك|لتصلك)',
    '^(?:newsletter|النشره البريديه|النشره الاخباريه|القائمه البريديه)$',
  ]),
  'u',
);

/** Site footers. */
export const RIGHTS = /all rights reserved|جميع الحقوق محفوظه|حقوق (?:النشر|الطبع)(?: والنشر)? محفوظه|©|copyright \d{4}/u;

/** Tag lists: a label with a colon, or the label alone as a heading. */
export const TAGS = new RegExp(
  `^(?:${alt([
    'الوسوم|وسوم|الكلمات المفتاحيه|كلمات مفتاحيه|كلمات دلاليه|الكلمات الدلاليه',
    'tags|tagged(?: with| in)?|topics|keywords',
  ])})\\s*(?::|$)`,
  'u',
);

/** "Follow us" prompts. */
export const FOLLOW = new RegExp(`^(?:follow us|تابعونا|تابعنا)${END}`, 'u');
