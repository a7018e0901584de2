import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Written in the same transaction as the change it describes. The relay hands rows to BullMQ
 * (jobId from `id`); a row is finished only when its audit record exists, so rows handed over
 * but still unaudited after a timeout are sent again — unless the appender rejected it.
 */
@Entity({ name: 'outbox_events' })
@Index('outbox_events_pending_idx', ['id'], {
  where: 'audited_at IS NULL AND rejected_at IS NULL',
})
export class OutboxEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'learner_id', type: 'uuid', nullable: true })
  learnerId: string | null;

  @Column({ name: 'event_type', type: 'varchar', length: 64 })
  eventType: string;

  /** What happened, who did it (user, role, scope) and when: the audit event body. */
  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Last hand-over to the queue; null until the relay sends it. */
  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true })
  dispatchedAt: Date | null;

  @Column({ name: 'dispatch_count', type: 'integer', default: 0 })
  dispatchCount: number;

  /** Set by the audit processor in the transaction that appends the record. */
  @Column({ name: 'audited_at', type: 'timestamptz', nullable: true })
  auditedAt: Date | null;

  /** HMAC-SHA256 of the payload's canonical JSON under OUTBOX_HMAC_KEY, hex (OutboxHmac). */
  @Column({ type: 'char', length: 64, nullable: true })
  hmac: string | null;

  /** Set instead of `audited_at` when the appender refuses the row: it never enters the chain. */
  @Column({ name: 'rejected_at', type: 'timestamptz', nullable: true })
  rejectedAt: Date | null;

  /** Why (OutboxRejection): HMAC_MISSING, HMAC_MISMATCH, COLUMNS_DISAGREE. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  rejection: string | null;
}
