import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxRejection } from './outbox-hmac';
import {
  CLAIM_FOR_RELAY_SQL,
  MARK_AUDITED_SQL,
  MARK_REJECTED_SQL,
  RELEASE_SQL,
  UNAUDITED_AMONG_SQL,
  UNAUDITED_BATCH_SQL,
} from './outbox.queries';

/** An outbox row on its way into the audit log. */
export interface PendingOutboxRow {
  id: string;
  event_type: string;
  learner_id: string | null;
  payload: unknown;
  hmac: string | null;
}

/**
 * The reading side of the outbox, for the audit pipeline: a row is finished only when its audit
 * record exists (`markAudited` in the appending transaction) or the appender refused it
 * (`markRejected`); handing it to the queue does not finish it. Every method runs on the
 * caller's EntityManager.
 */
@Injectable()
export class OutboxStore {
  async claimForRelay(
    manager: EntityManager,
    options: { batchSize: number; resendAfterMs: number },
  ): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(CLAIM_FOR_RELAY_SQL, [
      options.batchSize,
      options.resendAfterMs,
    ]);
    return rows.map((row) => row.id);
  }

  async release(manager: EntityManager, ids: readonly string[]): Promise<void> {
    await manager.query(RELEASE_SQL, [ids]);
  }

  async unauditedAmong(manager: EntityManager, ids: readonly string[]): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(UNAUDITED_AMONG_SQL, [ids]);
    return rows.map((row) => row.id);
  }

  /** Call with the manager of the transaction that appends them, under the chain lock. */
  unauditedBatch(
    manager: EntityManager,
    options: { limit: number; include: readonly string[] },
  ): Promise<PendingOutboxRow[]> {
    return manager.query(UNAUDITED_BATCH_SQL, [options.limit, options.include]);
  }

  async markAudited(manager: EntityManager, ids: readonly string[]): Promise<void> {
    await manager.query(MARK_AUDITED_SQL, [ids]);
  }

  /** Rows the appender refused: never relayed or appended again. */
  async markRejected(
    manager: EntityManager,
    rows: readonly { id: string; reason: OutboxRejection }[],
  ): Promise<void> {
    await manager.query(MARK_REJECTED_SQL, [
      rows.map((row) => row.id),
      rows.map((row) => row.reason),
    ]);
  }
}
