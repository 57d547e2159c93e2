/**
 * ISO 3166-1 numeric codes (ACLED's `iso` column) for the countries Marsad's sources cover and
 * the states whose forces act there. Unknown codes export an empty cell rather than a guess.
 */
const ISO_NUMERIC: Readonly<Record<string, number>> = {
  AE: 784, AF: 4, AM: 51, AO: 24, AT: 40, AZ: 31, BD: 50, BE: 56, BF: 854, BH: 48, CD: 180, CF: 140,
  CH: 756, CM: 120, CN: 156, CY: 196, DE: 276, DJ: 262, DK: 208, DZ: 12, EG: 818, EH: 732, ER: 232,
  ES: 724, ET: 231, FR: 250, GB: 826, GE: 268, GR: 300, IL: 376, IN: 356, IQ: 368, IR: 364, IT: 380,
  JO: 400, KE: 404, KG: 417, KM: 174, KW: 414, KZ: 398, LB: 422, LY: 434, MA: 504, ML: 466, MM: 104,
  MR: 478, MZ: 508, NE: 562, NG: 566, NL: 528, NO: 578, OM: 512, PK: 586, PL: 616, PS: 275, QA: 634,
  RU: 643, SA: 682, SD: 729, SE: 752, SO: 706, SS: 728, SY: 760, TD: 148, TJ: 762, TM: 795, TN: 788,
  TR: 792, UA: 804, UG: 800, US: 840, UZ: 860, YE: 887, ZA: 710,
};

export function isoNumeric(alpha2: string): number | null {
  return ISO_NUMERIC[alpha2.toUpperCase()] ?? null;
}

/** ACLED's spelling where it differs from the CLDR English name. */
const ACLED_NAMES: Readonly<Record<string, string>> = {
  PS: 'Palestine',
  CD: 'Democratic Republic of Congo',
};

let regionNames: Intl.DisplayNames | null | undefined;

export function countryName(alpha2: string): string {
  const code = alpha2.toUpperCase();
  const fixed = ACLED_NAMES[code];
  if (fixed) return fixed;
  if (regionNames === undefined) {
    try {
      regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
    } catch {
      regionNames = null;
    }
  }
  try {
    return regionNames?.of(code) ?? code;
  } catch {
    return code;
  }
}
