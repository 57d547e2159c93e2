/**
 * Places that open news datelines ("إدلب مدى بوست – …", "DAMASCUS (Reuters) -"): Syrian
 * governorates and main towns, Arab capitals and the foreign cities that datelines on the
 * region come from. A strong signal only; text-header.ts falls back to the line's structure
 * for places not listed. Facts, in the spellings outlets use; matched after normalise().
 */

export const DATELINE_PLACES_AR: readonly string[] = [
  // Syrian governorates (and their centres)
  'دمشق', 'ريف دمشق', 'حلب', 'حمص', 'حماة', 'حماه', 'اللاذقية', 'طرطوس', 'إدلب', 'ادلب', 'الرقة',
  'دير الزور', 'الحسكة', 'درعا', 'السويداء', 'القنيطرة',
  // Syrian towns that often head reports
  'القامشلي', 'منبج', 'عفرين', 'الباب', 'جرابلس', 'إعزاز', 'اعزاز', 'تل أبيض', 'رأس العين',
  'عين العرب', 'كوباني', 'البوكمال', 'الميادين', 'تدمر', 'سراقب', 'معرة النعمان', 'خان شيخون',
  'جسر الشغور', 'أريحا', 'الدانا', 'سرمدا', 'دوما', 'الغوطة الشرقية', 'داريا', 'القصير',
  'بانياس', 'جبلة', 'مصياف', 'السلمية', 'محردة', 'تل رفعت', 'الأتارب', 'دارة عزة', 'الرستن',
  'تلبيسة', 'بصرى الشام', 'نوى', 'الصنمين', 'الطبقة', 'عين عيسى', 'تل تمر', 'المالكية',
  'القريتين', 'يبرود', 'النبك', 'الزبداني', 'قطنا', 'التنف',
  // Arab capitals and major cities
  'بيروت', 'طرابلس', 'صيدا', 'صور', 'عمان', 'عمّان', 'الزرقاء', 'إربد', 'المفرق', 'بغداد', 'الموصل',
  'أربيل', 'البصرة', 'كركوك', 'الفلوجة', 'الرمادي', 'القاهرة', 'الإسكندرية', 'الرياض', 'جدة',
  'الدوحة', 'أبوظبي', 'أبو ظبي', 'دبي', 'الكويت', 'المنامة', 'مسقط', 'صنعاء', 'عدن', 'تعز',
  'مأرب', 'الحديدة', 'بنغازي', 'مصراتة', 'تونس', 'الجزائر', 'الرباط', 'الدار البيضاء', 'الخرطوم',
  'نواكشوط', 'القدس', 'رام الله', 'غزة', 'نابلس', 'الخليل', 'جنين', 'تل أبيب',
  // Neighbours and diplomacy
  'أنقرة', 'إسطنبول', 'اسطنبول', 'استانبول', 'غازي عنتاب', 'عنتاب', 'أنطاكيا', 'هاتاي', 'كلس',
  'أورفة', 'شانلي أورفة', 'موسكو', 'سوتشي', 'طهران', 'أستانا', 'نور سلطان', 'جنيف', 'فيينا',
  'واشنطن', 'نيويورك', 'باريس', 'لندن', 'برلين', 'بروكسل', 'الأمم المتحدة', 'بكين',
];

export const DATELINE_PLACES_EN: readonly string[] = [
  'Damascus', 'Rif Dimashq', 'Aleppo', 'Homs', 'Hama', 'Latakia', 'Lattakia', 'Tartus', 'Tartous',
  'Idlib', 'Idleb', 'Raqqa', 'Raqqah', 'Deir ez-Zor', 'Deir ez Zor', 'Deir al-Zor', 'Deir el-Zor',
  'Deir Ezzor', 'Hasakah', 'Hasaka', 'Al-Hasakah', 'Daraa', 'Deraa', 'Sweida', 'Suwayda',
  'Quneitra', 'Qamishli', 'Qamishlo', 'Manbij', 'Afrin', 'Al-Bab', 'Jarablus', 'Azaz', 'Tal Abyad',
  'Ras al-Ain', 'Kobani', 'Kobane', 'Abu Kamal', 'Albu Kamal', 'Mayadin', 'Palmyra', 'Saraqeb',
  'Maarat al-Numan', 'Khan Sheikhoun', 'Jisr al-Shughur', 'Ariha', 'Douma', 'Eastern Ghouta',
  'Darayya', 'Qusayr', 'Baniyas', 'Jableh', 'Masyaf', 'Salamiyah', 'Tabqa', 'Ain Issa',
  'Beirut', 'Tripoli', 'Sidon', 'Tyre', 'Amman', 'Zarqa', 'Irbid', 'Mafraq', 'Baghdad', 'Mosul',
  'Erbil', 'Irbil', 'Basra', 'Kirkuk', 'Fallujah', 'Ramadi', 'Cairo', 'Alexandria', 'Riyadh',
  'Jeddah', 'Doha', 'Abu Dhabi', 'Dubai', 'Kuwait City', 'Kuwait', 'Manama', 'Muscat', 'Sanaa',
  "Sana'a", 'Aden', 'Taiz', 'Marib', 'Hodeidah', 'Benghazi', 'Misrata', 'Tunis', 'Algiers',
  'Rabat', 'Casablanca', 'Khartoum', 'Nouakchott', 'Jerusalem', 'Ramallah', 'Gaza', 'Gaza City',
  'Nablus', 'Hebron', 'Jenin', 'Tel Aviv', 'Ankara', 'Istanbul', 'Gaziantep', 'Antakya', 'Hatay',
  'Kilis', 'Sanliurfa', 'Urfa', 'Moscow', 'Sochi', 'Tehran', 'Astana', 'Nur-Sultan', 'Geneva',
  'Vienna', 'Washington', 'New York', 'United Nations', 'Paris', 'London', 'Berlin', 'Brussels',
  'Beijing',
];

/**
 * Words that turn a place into a region around it and belong to the dateline place:
 * "ريف إدلب", "شمال حلب", "ريف حلب الغربي", "northern Idlib".
 */
export const PLACE_PREFIXES: readonly string[] = [
  'ريف', 'شمال', 'جنوب', 'شرق', 'غرب', 'شمالي', 'جنوبي', 'شرقي', 'غربي', 'بادية', 'مدينة', 'محافظة',
  'northern', 'southern', 'eastern', 'western', 'northwest', 'northeast', 'southwest', 'southeast',
  'north', 'south', 'east', 'west', 'rural',
];

export const PLACE_SUFFIXES: readonly string[] = [
  'الشمالي', 'الجنوبي', 'الشرقي', 'الغربي', 'الشمالية', 'الجنوبية', 'الشرقية', 'الغربية',
  'countryside', 'province', 'governorate', 'city',
];
