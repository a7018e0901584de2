import { REJECTED_OUTBOX_ROWS } from '@app/outbox';
import { SqlRunner } from './chain-reader';

const SHOWN_IDS = 10;

/**
 * Outbox rows the appender refused because their HMAC failed: someone wrote them without the
 * key (a forged INSERT). They never entered the chain, but they are a break to look into.
 */
export async function rejectedOutboxRows(
  sql: SqlRunner,
): Promise<{ code: 'OUTBOX_ROW_REJECTED'; detail: string } | null> {
  const rows = (await sql.query(
    `SELECT count(*)::int AS count, (array_agg(id::text ORDER BY id))[1:${SHOWN_IDS}] AS ids,
            array_agg(DISTINCT rejection ORDER BY rejection) AS reasons
       FROM (${REJECTED_OUTBOX_ROWS}) AS rejected`,
  )) as { count: number; ids: string[] | null; reasons: string[] | null }[];
  const { count, ids, reasons } = rows[0];
  if (count === 0) return null;
  return {
    code: 'OUTBOX_ROW_REJECTED',
    detail: `${count} outbox row(s) refused by the appender (${(reasons ?? []).join(', ')}), not in the chain; the first: ${(ids ?? []).join(', ')}${count > SHOWN_IDS ? ', …' : ''}`,
  };
}
