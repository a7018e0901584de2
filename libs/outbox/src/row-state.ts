import type { EntityManager } from 'typeorm';

/**
 * SQL that reads a timestamptz column as a row state records it: UTC ISO 8601 with the stored
 * microseconds, whatever the session's time zone (a JavaScript Date would drop the last three
 * digits, so an edit below the millisecond would go unseen).
 */
export function utcTimestampSql(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/**
 * One page of `table`'s `columns` in id order after `afterId`, for `AuditedTable.states`: an
 * index range on the primary key, whatever the page. The order is the `id` column's own (for
 * uuid, byte order, which is the "C" order of its text), not that of an output column named id.
 */
export function pageInIdOrder<Row>(
  manager: Pick<EntityManager, 'query'>,
  table: string,
  columns: string,
  afterId: string | null,
  limit: number,
): Promise<Row[]> {
  return afterId === null
    ? manager.query(`SELECT ${columns} FROM ${table} AS t ORDER BY t.id LIMIT $1`, [limit])
    : manager.query(`SELECT ${columns} FROM ${table} AS t WHERE t.id > $2 ORDER BY t.id LIMIT $1`, [
        limit,
        afterId,
      ]);
}
