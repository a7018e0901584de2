/**
 * Exact credit arithmetic. Credits arrive as decimal strings ("4.5", "8.00") with at most two
 * significant decimals; they are handled as integer hundredths so sums never drift.
 */

const DECIMAL_PATTERN = /^(\d+)(?:\.(\d+))?$/;

/** Credits as an integer count of hundredths ("4.5" → 450). */
export type Hundredths = number;

export function isCreditAmount(value: unknown): value is string {
  return typeof value === 'string' && tryParseHundredths(value) !== undefined;
}

function tryParseHundredths(value: string): Hundredths | undefined {
  const match = DECIMAL_PATTERN.exec(value);
  if (!match) return undefined;
  const whole = match[1];
  const fraction = match[2] ?? '';
  // Digits past the second decimal are accepted only as zeros ("4.500" from a numeric(6,3)).
  if (/[^0]/.test(fraction.slice(2))) return undefined;
  const hundredths = Number(whole) * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'));
  return Number.isSafeInteger(hundredths) ? hundredths : undefined;
}

/** Parses a non-negative decimal with at most two decimals; throws on anything else. */
export function parseHundredths(value: string, what = 'credit amount'): Hundredths {
  const hundredths = tryParseHundredths(value);
  if (hundredths === undefined) {
    throw new RangeError(`${what} "${value}" is not a decimal with at most two decimals`);
  }
  return hundredths;
}

/** Canonical form without trailing zeros: 450 → "4.5", 800 → "8", 25 → "0.25". */
export function formatHundredths(hundredths: Hundredths): string {
  if (!Number.isSafeInteger(hundredths) || hundredths < 0) {
    throw new RangeError(`cannot format ${hundredths} hundredths as a credit amount`);
  }
  const whole = Math.trunc(hundredths / 100);
  const fraction = (hundredths % 100).toString().padStart(2, '0').replace(/0+$/, '');
  return fraction === '' ? `${whole}` : `${whole}.${fraction}`;
}

/** Canonical form of a decimal string ("8.00" → "8"). */
export function normaliseCredits(value: string): string {
  return formatHundredths(parseHundredths(value));
}

export function sumHundredths(values: readonly Hundredths[]): Hundredths {
  return values.reduce((total, value) => total + value, 0);
}
