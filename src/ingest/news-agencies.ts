/**
 * News agencies and outlets whose name appears in datelines, in the spellings they print
 * ("بيروت - أ ف ب", "DAMASCUS (Reuters) -", "دمشق/ سانا"). Knowing them tells a source
 * apart from a byline after the dash. Facts; matched after normalise() with dots removed.
 */

export const NEWS_AGENCIES_AR: readonly string[] = [
  'رويترز', 'وكالة رويترز', 'فرانس برس', 'وكالة فرانس برس', 'فرانس 24', 'أ ف ب', 'أ.ف.ب', 'ا ف ب',
  'سانا', 'وكالة سانا', 'الأناضول', 'وكالة الأناضول', 'الأسوشيتد برس', 'أسوشيتد برس', 'اسوشيتد برس',
  'أ ب', 'د ب أ', 'د.ب.أ', 'يو بي آي', 'كونا', 'واس', 'وام', 'بترا', 'قنا', 'وفا', 'أ ش أ', 'شينخوا',
  'نوفوستي', 'ريا نوفوستي', 'سبوتنيك', 'تاس', 'إرنا', 'ارنا', 'فارس', 'تسنيم', 'إنترفاكس',
  'الجزيرة', 'الجزيرة نت', 'العربية', 'العربية نت', 'سكاي نيوز عربية', 'بي بي سي', 'الشرق الأوسط',
  'عنب بلدي', 'سمارت', 'الدرر الشامية', 'زمان الوصل', 'أورينت', 'أورينت نت', 'شام', 'نداء سوريا',
  'ستيب', 'ستيب نيوز', 'المرصد السوري', 'المرصد السوري لحقوق الإنسان', 'الوطن', 'تشرين', 'الثورة',
];

export const NEWS_AGENCIES_EN: readonly string[] = [
  'Reuters', 'AFP', 'Agence France-Presse', 'Agence France Presse', 'AP', 'Associated Press',
  'The Associated Press', 'SANA', 'Anadolu', 'Anadolu Agency', 'AA', 'dpa', 'UPI', 'Xinhua',
  'TASS', 'RIA Novosti', 'RIA', 'Sputnik', 'Interfax', 'IRNA', 'Fars', 'Tasnim', 'KUNA', 'WAFA',
  'Petra', 'QNA', 'SPA', 'WAM', 'MENA', 'ANSA', 'EFE', 'Kyodo', 'Bloomberg', 'Al Jazeera', 'CNN',
  'BBC', 'Enab Baladi', 'SOHR', 'Syrian Observatory for Human Rights', 'Syria Direct',
];
