/**
 * Reports written for the incident tests (not copied from any outlet). One Russian air strike on
 * Saraqib on Tuesday 4 June 2019, told by an Arabic and an English outlet; a strike the same
 * day on Maarat al-Numan, about 27 km away; and the Arabic report republished by another outlet
 * under a new title with a paragraph added.
 */

export const SARAQIB_AR = `غارات روسية على سراقب توقع قتلى مدنيين
إدلب - المرصد السوري
الثلاثاء 4 حزيران 2019

قتل خمسة مدنيين وأصيب عشرة آخرون، اليوم الثلاثاء، جراء غارات شنتها طائرات حربية روسية على مدينة سراقب في ريف إدلب الشرقي.

وقال الدفاع المدني إن فرقه انتشلت جثث الضحايا من تحت أنقاض منزلين استهدفتهما الغارات في الحي الشرقي من المدينة.
`;

export const SARAQIB_EN = `Russian air strikes kill five civilians in Saraqib
June 4, 2019

SARAQIB, Syria (Reuters) - Russian warplanes struck the town of Saraqib in Idlib province on Tuesday, killing five civilians and wounding ten others, rescue workers said.

The White Helmets said its teams pulled the bodies from the rubble of two houses hit in the eastern part of the town.
`;

export const MAARAT_AR = `غارات روسية على معرة النعمان
إدلب - سمارت
الثلاثاء 4 حزيران 2019

قتل ثلاثة مدنيين، اليوم الثلاثاء، جراء غارات شنتها طائرات حربية روسية على مدينة معرة النعمان في ريف إدلب الجنوبي، بحسب ما أفاد به ناشطون.
`;

/** SARAQIB_AR as another outlet ran it: its own title and dateline, and a closing paragraph. */
export const SARAQIB_AR_COPY = `مقتل خمسة مدنيين بقصف جوي روسي على سراقب
إدلب - عنب بلدي
الثلاثاء 4 حزيران 2019

قتل خمسة مدنيين وأصيب عشرة آخرون، اليوم الثلاثاء، جراء غارات شنتها طائرات حربية روسية على مدينة سراقب في ريف إدلب الشرقي.

وقال الدفاع المدني إن فرقه انتشلت جثث الضحايا من تحت أنقاض منزلين استهدفتهما الغارات في الحي الشرقي من المدينة.

وتتعرض مدن وبلدات ريف إدلب لحملة قصف متواصلة منذ نهاية نيسان الماضي، أدت إلى نزوح مئات الآلاف من السكان نحو الحدود التركية.
`;

/** Coordinates of the two towns (public gazetteers), to check the distance the test relies on. */
export const SARAQIB = { lat: 35.86447, lon: 36.80591 };
export const MAARAT_AL_NUMAN = { lat: 35.6483, lon: 36.67693 };

/** Government shelling, the forces' name written with a shadda and with an attached preposition. */
export const SHELLING_SHADDA = `قصف مدفعي على كفرنبودة
حماة - عنب بلدي
الأربعاء 5 حزيران 2019

قصفت قوّات النظام بالمدفعية الثقيلة بلدة كفرنبودة في ريف حماة الشمالي، ما أدى إلى دمار واسع في منازل المدنيين.
`;

export const SHELLING_CLITIC = `تقدم لقوات النظام في ريف حماة
حماة - سمارت
الخميس 6 حزيران 2019

وصلت تعزيزات عسكرية جديدة لقوات النظام إلى محيط بلدة قلعة المضيق، وقصفت المدفعية قرية الهبيط في ريف إدلب الجنوبي.
`;

/** An opposition report: "forces" of another party, which a search for the regime's forces must not find. */
export const OPPOSITION_REPORT = `المعارضة تصد هجوما في ريف حماة
حماة - نداء سوريا
الخميس 6 حزيران 2019

صدت قوات المعارضة هجوما على بلدة الحويز في ريف حماة الشمالي، وقتلت عددا من المهاجمين.
`;
