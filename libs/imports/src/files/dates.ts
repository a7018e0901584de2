/**
 * Dates as registrars type them or their systems export them: 2026-01-15, 2026/1/15,
 * 2026.01.15, 2026年1月15日, full-width digits included (NFKC). One separator throughout, so
 * `2026-01/15` is refused rather than guessed. A time of day (`2026/1/15 0:00`, what a CSV saved
 * from Excel holds for a date-time cell) is allowed and dropped. Day-first and month-first forms
 * (15/01/2026, 01/15/2026) are refused: the same text means different days in different places.
 * XLSX date cells arrive already as YYYY-MM-DD (read-xlsx.ts).
 */

const SEPARATED =
  /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[ T](?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?)?$/;
const CHINESE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$/;

/** 'YYYY-MM-DD' for a real calendar date in one of the accepted forms, else null. */
export function parseSheetDate(text: string): string | null {
  const trimmed = text.normalize('NFKC').trim();
  const separated = SEPARATED.exec(trimmed);
  const chinese = separated ? null : CHINESE.exec(trimmed);
  const [year, month, day] = separated
    ? [separated[1], separated[3], separated[4]]
    : chinese
      ? [chinese[1], chinese[2], chinese[3]]
      : [];
  if (year === undefined) return null;
  return calendarDate(Number(year), Number(month), Number(day));
}

function calendarDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    year < 1000 ||
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return null;
  }
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
