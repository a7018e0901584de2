/**
 * Identity documents that open a learning account, and the format rules for their numbers.
 * Only the shape and check digits are verified here; whether a document really exists is
 * outside what the ledger can know.
 */

export const ID_TYPES = [
  'RESIDENT_ID', // 居民身份证, GB 11643-1999
  'PASSPORT',
  'HKMO_PERMIT', // 港澳居民来往内地通行证
  'TW_PERMIT', // 台湾居民来往大陆通行证
  'FOREIGN_PERMANENT_ID', // 外国人永久居留身份证
] as const;

export type IdType = (typeof ID_TYPES)[number];

export function isIdType(value: unknown): value is IdType {
  return typeof value === 'string' && (ID_TYPES as readonly string[]).includes(value);
}

/**
 * The one form a number is validated, hashed and stored in. NFKC first because Chinese input
 * methods often type full-width characters (`１１０１…Ｘ`), which NFKC folds to ASCII; then trim
 * and uppercase (a trailing `x` is the same check character as `X`). The type is taken so a
 * document-specific rule can be added without changing callers.
 */
export function normaliseIdNumber(_type: IdType, raw: string): string {
  return raw.normalize('NFKC').trim().toUpperCase();
}

// ISO 7064 MOD 11-2 as GB 11643-1999 writes it: weight i = 2^(17-i) mod 11.
const MOD11_2_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const MOD11_2_CHECK_CHARS = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/** The check character for the first 17 digits of a resident ID (or 2023 permanent-residence ID). */
export function mod11_2CheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new TypeError('expected exactly 17 digits');
  let sum = 0;
  for (let index = 0; index < 17; index++) sum += Number(first17[index]) * MOD11_2_WEIGHTS[index];
  return MOD11_2_CHECK_CHARS[sum % 11];
}

const RESIDENT_ID_PATTERN = /^\d{17}[\dX]$/;

/**
 * The birth date (YYYY-MM-DD) in positions 7–14 of an 18-character resident ID, or null when
 * the shape is wrong or the date does not exist. It does not check the check digit or the
 * 1900/future limits: use validateIdNumber for that.
 */
export function birthDateFromResidentId(number: string): string | null {
  const normalised = normaliseIdNumber('RESIDENT_ID', number);
  if (!RESIDENT_ID_PATTERN.test(normalised)) return null;
  return calendarDate(normalised.slice(6, 14));
}

/**
 * null when the number is valid for the type, else a short reason fit for a 422 field error.
 * The number is normalised first, so callers store normaliseIdNumber(type, raw).
 * `now` decides "not in the future"; dates are compared in China Standard Time (UTC+8, no DST),
 * where the documents are issued, so a child born today in Beijing is valid before 08:00 UTC.
 */
export function validateIdNumber(
  type: IdType,
  number: string,
  now: Date = new Date(),
): string | null {
  if (typeof number !== 'string') return 'is required';
  const value = normaliseIdNumber(type, number);
  switch (type) {
    case 'RESIDENT_ID':
      return validateResidentId(value, now);
    case 'PASSPORT':
      return /^[A-Z0-9]{5,17}$/.test(value) ? null : 'must be 5 to 17 letters or digits';
    case 'HKMO_PERMIT':
      return /^[HM](\d{8}|\d{10})$/.test(value)
        ? null
        : 'must be H or M followed by 8 or 10 digits';
    case 'TW_PERMIT':
      return /^(\d{8}|\d{10})$/.test(value) ? null : 'must be 8 or 10 digits';
    case 'FOREIGN_PERMANENT_ID':
      return validateForeignPermanentId(value);
    default:
      return 'unknown document type';
  }
}

function validateResidentId(value: string, now: Date): string | null {
  if (value.length !== 18) return 'must be 18 characters';
  if (!RESIDENT_ID_PATTERN.test(value)) return 'must be 17 digits followed by a digit or X';
  const birthDate = calendarDate(value.slice(6, 14));
  if (birthDate === null) return 'contains a birth date that does not exist';
  if (birthDate < '1900-01-01') return 'contains a birth date before 1900';
  // ISO dates compare correctly as strings.
  if (birthDate > chinaDate(now)) return 'contains a birth date in the future';
  if (mod11_2CheckChar(value.slice(0, 17)) !== value[17]) return 'has a wrong check digit';
  return null;
}

function validateForeignPermanentId(value: string): string | null {
  // 2017 card: 3-letter nationality code + 12 digits.
  if (/^[A-Z]{3}\d{12}$/.test(value)) return null;
  // 2023 card: 18 characters modelled on the resident ID, leading 9, same MOD 11-2 check.
  if (/^9\d{16}[\dX]$/.test(value)) {
    return mod11_2CheckChar(value.slice(0, 17)) === value[17] ? null : 'has a wrong check digit';
  }
  return 'must be 3 letters and 12 digits, or 18 characters starting with 9';
}

/** 'YYYY-MM-DD' for a YYYYMMDD string naming a real Gregorian date, else null. */
function calendarDate(yyyymmdd: string): string | null {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls Feb 30 over to Mar 1 (and maps years 0–99 to 19xx): a round trip exposes both.
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return null;
  }
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

function chinaDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
