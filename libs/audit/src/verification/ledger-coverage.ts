import { LEDGER_ENTRY_IDS } from '@app/ledger';
import { UNAUDITED_OUTBOX_ENTRY_IDS } from '@app/outbox';
import { AUDIT_CHAIN_ID } from '../audit.constants';
import { SqlRunner } from './chain-reader';

export interface LedgerCoverage {
  /** Ledger entries in the database. */
  entries: number;
  /** Entries with their audit record in the chain. */
  audited: number;
  /** Entries whose outbox row is still on its way (not a break: the pipeline is behind). */
  pending: number;
  /** Entries with neither an audit record nor a pending outbox row: an audit record was lost or removed. */
  missing: number;
  /** The first missing entries, oldest first (at most 20). */
  missingEntryIds: string[];
}

export interface RecordAnomaly {
  /** First seq concerned. */
  seq: number;
  count: number;
}

/** SQL for the ledger entry id an audit event is about (its change of kind `ledger_entry`). */
function entryId(table = ''): string {
  const event = `${table ? `${table}.` : ''}event`;
  return `(CASE WHEN ${event} #>> '{changes,0,kind}' = 'ledger_entry' THEN ${event} #>> '{changes,0,id}' END)`;
}

/** Every ledger entry has its audit record, or one on its way (matched by the change's id). */
export async function ledgerCoverage(
  sql: SqlRunner,
  chainId = AUDIT_CHAIN_ID,
): Promise<LedgerCoverage> {
  const rows = (await sql.query(
    `WITH audited AS (SELECT DISTINCT ${entryId()} AS entry_id FROM audit_events WHERE chain_id = $1),
          pending AS (${UNAUDITED_OUTBOX_ENTRY_IDS})
     SELECT count(*)::int AS entries,
            count(*) FILTER (WHERE a.entry_id IS NOT NULL)::int AS audited,
            count(*) FILTER (WHERE a.entry_id IS NULL AND p.entry_id IS NOT NULL)::int AS pending,
            count(*) FILTER (WHERE a.entry_id IS NULL AND p.entry_id IS NULL)::int AS missing,
            (array_agg(e.entry_id ORDER BY e.seq) FILTER (WHERE a.entry_id IS NULL AND p.entry_id IS NULL))[1:20]
              AS missing_entry_ids
       FROM (${LEDGER_ENTRY_IDS}) e
       LEFT JOIN audited a ON a.entry_id = e.entry_id
       LEFT JOIN pending p ON p.entry_id = e.entry_id`,
    [chainId],
  )) as {
    entries: number;
    audited: number;
    pending: number;
    missing: number;
    missing_entry_ids: string[] | null;
  }[];
  const row = rows[0];
  return {
    entries: row.entries,
    audited: row.audited,
    pending: row.pending,
    missing: row.missing,
    missingEntryIds: row.missing_entry_ids ?? [],
  };
}

/** Records that name a ledger entry which does not exist: forged (or the entry was removed). */
export async function recordsWithoutEntry(
  sql: SqlRunner,
  chainId = AUDIT_CHAIN_ID,
): Promise<RecordAnomaly | null> {
  const rows = (await sql.query(
    `SELECT min(a.seq)::text AS seq, count(*)::int AS count
       FROM audit_events a
      WHERE a.chain_id = $1 AND ${entryId('a')} IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM (${LEDGER_ENTRY_IDS}) e WHERE e.entry_id = ${entryId('a')})`,
    [chainId],
  )) as { seq: string | null; count: number }[];
  return rows[0].seq === null ? null : { seq: Number(rows[0].seq), count: rows[0].count };
}

/** A ledger entry recorded twice in the chain: the seq of the first extra record. */
export async function duplicatedRecords(
  sql: SqlRunner,
  chainId = AUDIT_CHAIN_ID,
): Promise<RecordAnomaly | null> {
  const rows = (await sql.query(
    `SELECT min(second)::text AS seq, count(*)::int AS count FROM (
       SELECT (array_agg(seq ORDER BY seq))[2] AS second
         FROM audit_events WHERE chain_id = $1 AND ${entryId()} IS NOT NULL
        GROUP BY ${entryId()} HAVING count(*) > 1) AS twice`,
    [chainId],
  )) as { seq: string | null; count: number }[];
  return rows[0].seq === null ? null : { seq: Number(rows[0].seq), count: rows[0].count };
}
