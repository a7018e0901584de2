/** Instants as milliseconds since the epoch; every comparison in the engine goes through here. */

export function parseInstant(value: string, what: string): number {
  const milliseconds = Date.parse(value);
  if (Number.isNaN(milliseconds)) {
    throw new RangeError(`${what} "${value}" is not an ISO date`);
  }
  return milliseconds;
}

/**
 * The instant `years` calendar years after `from` (UTC). 29 February plus a non-leap number of
 * years lands on 28 February, so an age limit never reaches past the anniversary.
 */
export function addYears(from: number, years: number): number {
  const date = new Date(from);
  const year = date.getUTCFullYear() + years;
  const month = date.getUTCMonth();
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(
    year,
    month,
    Math.min(date.getUTCDate(), lastDay),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
    date.getUTCMilliseconds(),
  );
}

/** "2024-06-30" for a UTC midnight, the full ISO instant otherwise. */
export function formatInstant(milliseconds: number): string {
  const iso = new Date(milliseconds).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}
