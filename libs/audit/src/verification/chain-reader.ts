import { AUDIT_CHAIN_ID } from '../audit.constants';

/** Anything that runs SQL: a DataSource, an EntityManager, or a plain pg client wrapper. */
export interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

export interface StoredAuditRow {
  seq: string;
  outbox_id: string;
  learner_id: string | null;
  event_type: string;
  event: unknown;
  prev_hash: string;
  hash: string;
}

export interface ChainReadOptions {
  chainId?: number;
  /** Read rows with seq greater than this (0: from the start). */
  afterSeq?: bigint;
  /** Stop after this seq (inclusive); undefined reads to the current end. */
  upToSeq?: bigint;
  batchSize?: number;
}

/**
 * Streams the stored chain in seq order, a batch at a time (keyset paging on the primary key),
 * so verification holds one batch in memory however long the chain is.
 */
export async function* readChain(
  sql: SqlRunner,
  options: ChainReadOptions = {},
): AsyncGenerator<StoredAuditRow[]> {
  const chainId = options.chainId ?? AUDIT_CHAIN_ID;
  const batchSize = options.batchSize ?? 2_000;
  let after = options.afterSeq ?? 0n;
  for (;;) {
    const rows = (await sql.query(
      `SELECT seq, outbox_id, learner_id, event_type, event, prev_hash, hash FROM audit_events
        WHERE chain_id = $1 AND seq > $2 AND ($3::bigint IS NULL OR seq <= $3::bigint)
        ORDER BY seq LIMIT $4`,
      [chainId, after.toString(), options.upToSeq?.toString() ?? null, batchSize],
    )) as StoredAuditRow[];
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batchSize) return;
    after = BigInt(rows[rows.length - 1].seq);
  }
}
