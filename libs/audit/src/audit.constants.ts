/** The one chain of this deployment; `chain_id` leaves room for per-shard chains later. */
export const AUDIT_CHAIN_ID = 1;

/** `chainId` as it appears in signed checkpoint payloads. */
export const AUDIT_CHAIN_NAME = String(AUDIT_CHAIN_ID);

/** Job names on the audit queue. */
export const AUDIT_APPEND_JOB = 'append';
export const AUDIT_CHECKPOINT_JOB = 'checkpoint';

/** The job scheduler that makes periodic checkpoints (one per deployment, whatever the worker count). */
export const AUDIT_CHECKPOINT_SCHEDULER = 'audit-checkpoint';

/** The relay's jobId for an outbox row: re-sends of the same row de-duplicate in BullMQ. */
export function auditJobId(outboxId: string): string {
  return `outbox-${outboxId}`;
}

/** Key of the transaction-scoped advisory lock that serialises appends to one chain. */
export function chainLockKey(chainId: number): string {
  return `audit-chain:${chainId}`;
}
