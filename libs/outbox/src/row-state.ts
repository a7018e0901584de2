/**
 * SQL that reads a timestamptz column as a row state records it: UTC ISO 8601 with the stored
 * microseconds, whatever the session's time zone (a JavaScript Date would drop the last three
 * digits, so an edit below the millisecond would go unseen).
 */
export function utcTimestampSql(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}
