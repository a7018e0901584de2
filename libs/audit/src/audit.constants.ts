/** The one chain of this deployment; `chain_id` leaves room for per-shard chains later. */
export const AUDIT_CHAIN_ID = 1;

/** Job names on the audit queue. */
export const AUDIT_APPEND_JOB = 'append';
export const AUDIT_TREE_HEAD_JOB = 'tree-head';

/** The job scheduler that signs periodic tree heads (one per deployment, whatever the worker count). */
export const AUDIT_TREE_HEAD_SCHEDULER = 'audit-tree-head';

/** The relay's jobId for an outbox row: re-sends of the same row de-duplicate in BullMQ. */
export function auditJobId(outboxId: string): string {
  return `outbox-${outboxId}`;
}

/** Key of the transaction-scoped advisory lock that serialises appends to one chain. */
export function chainLockKey(chainId: number): string {
  return `audit-chain:${chainId}`;
}

/**
 * The audit log's tables. All are append-only (triggers refuse UPDATE, DELETE and TRUNCATE), so
 * the runtime database role needs INSERT and SELECT on them and nothing more (plus USAGE on
 * `audit_tree_heads_id_seq`, the heads' id sequence).
 */
export const AUDIT_LOG_TABLES = ['audit_events', 'audit_tree_nodes', 'audit_tree_heads'] as const;
