/**
 * Credits arrive as validated decimal text (IsDecimalAmount: digits, at most two decimals) and
 * are compared and formatted in whole hundredths, never as floats. Output matches what
 * PostgreSQL returns for numeric(p,2), so a created resource reads the same as a listed one.
 */
export function toHundredths(value: string | number): number {
  const [whole, fraction = ''] = String(value).split('.');
  return Number(whole) * 100 + Number((fraction + '00').slice(0, 2));
}

export function formatCredits(value: string | number): string {
  const hundredths = toHundredths(value);
  return `${Math.trunc(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}
