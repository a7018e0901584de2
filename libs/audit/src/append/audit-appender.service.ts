import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { canonicalJson } from '@app/core';
import { OutboxStore, PendingOutboxRow } from '@app/outbox';
import { AUDIT_CHAIN_ID, chainLockKey } from '../audit.constants';
import { AuditPipelineSettings } from '../audit-pipeline.settings';
import { chainHashOfJson, GENESIS_HASH } from '../chain';
import { leafHash } from '../merkle';
import { appendTreeLeaves } from '../tree/tree-store';
import { auditColumnsOf, buildAuditEvent } from './audit-event';

export interface AppendOutcome {
  /** Records this call added to the chain (its own rows and any other pending ones). */
  appended: number;
  /** Seq of the first and last record added, when any. */
  firstSeq?: string;
  lastSeq?: string;
}

/** Bounds the work of one job (and so its duration): at most this many batches. */
const MAX_DRAIN_ROUNDS = 20;

/**
 * Appends outbox rows to the chain: gapless seq, `hash = chainHash(prevHash, event)`, and to
 * the Merkle tree: leaf seq−1 is SHA-256(0x00 ‖ the same canonical JSON), and the nodes it
 * completes are stored in the same transaction.
 *
 * - Serialised across processes and machines by a transaction-scoped advisory lock: the head is
 *   read after the lock is held, and READ COMMITTED gives each statement a fresh snapshot, so
 *   every append sees the previous one's commit.
 * - Idempotent by outbox id: only rows with `audited_at IS NULL` are taken, `audited_at` is set
 *   in the same transaction, and `audit_events.outbox_id` is unique as a last guard.
 * - Batched: one lock acquisition appends up to `appendBatchSize` pending rows, oldest first,
 *   plus the caller's own, and a job that finds a backlog keeps draining it (bounded). Jobs
 *   whose rows an earlier job already took cost one indexed read and no lock, so the chain runs
 *   ahead of the queue instead of taking the lock once per record.
 */
@Injectable()
export class AuditAppender {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: AuditPipelineSettings,
    private readonly outbox: OutboxStore,
  ) {}

  async appendOutbox(outboxIds: string[]): Promise<AppendOutcome> {
    // A redelivered or duplicated job: nothing to do, and no lock taken.
    const pending = await this.outbox.unauditedAmong(this.dataSource.manager, outboxIds);
    if (pending.length === 0) return { appended: 0 };
    const outcome = await this.appendPending(pending);
    // Keep draining a backlog while holding the job: the chain then runs ahead of the queue, and
    // the jobs of rows taken here finish with the cheap check above.
    for (
      let round = 1;
      round < MAX_DRAIN_ROUNDS && outcome.appended >= this.settings.appendBatchSize * round;
      round++
    ) {
      const more = await this.appendPending();
      if (more.appended === 0) break;
      outcome.appended += more.appended;
      outcome.lastSeq = more.lastSeq;
    }
    return outcome;
  }

  /** One transaction: the oldest pending rows (up to the batch size) and `include`, appended in id order. */
  appendPending(include: string[] = []): Promise<AppendOutcome> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        chainLockKey(AUDIT_CHAIN_ID),
      ]);
      const rows = await this.outbox.unauditedBatch(manager, {
        limit: this.settings.appendBatchSize,
        include,
      });
      if (rows.length === 0) return { appended: 0 };
      return this.append(manager, rows);
    });
  }

  private async append(manager: EntityManager, rows: PendingOutboxRow[]): Promise<AppendOutcome> {
    const heads: { seq: string; hash: string }[] = await manager.query(
      'SELECT seq, hash FROM audit_events WHERE chain_id = $1 ORDER BY seq DESC LIMIT 1',
      [AUDIT_CHAIN_ID],
    );
    let seq = heads.length ? BigInt(heads[0].seq) : 0n;
    const treeSize = Number(seq);
    let previous = heads.length ? heads[0].hash : GENESIS_HASH;
    const leafHashes: Buffer[] = [];
    const records = rows.map((row) => {
      const event = buildAuditEvent(row.id, row.event_type, row.payload);
      const eventJson = canonicalJson(event);
      const hash = chainHashOfJson(previous, eventJson);
      leafHashes.push(leafHash(Buffer.from(eventJson, 'utf8')));
      const columns = auditColumnsOf(event);
      seq += 1n;
      const record = {
        seq: seq.toString(),
        outbox_id: row.id,
        learner_id: columns.learnerId,
        event_type: columns.eventType,
        event,
        prev_hash: previous,
        hash,
      };
      previous = hash;
      return record;
    });
    // One statement for the whole batch; the event travels as JSON and lands as jsonb unchanged.
    await manager.query(
      `INSERT INTO audit_events (chain_id, seq, outbox_id, learner_id, event_type, event, prev_hash, hash)
       SELECT $1, r.seq, r.outbox_id, r.learner_id, r.event_type, r.event, r.prev_hash, r.hash
         FROM jsonb_to_recordset($2::jsonb) AS r(seq bigint, outbox_id bigint, learner_id uuid,
              event_type varchar(64), event jsonb, prev_hash char(64), hash char(64))`,
      [AUDIT_CHAIN_ID, JSON.stringify(records)],
    );
    await appendTreeLeaves(manager, treeSize, leafHashes);
    await this.outbox.markAudited(
      manager,
      rows.map((row) => row.id),
    );
    return {
      appended: records.length,
      firstSeq: records[0].seq,
      lastSeq: records[records.length - 1].seq,
    };
  }
}
