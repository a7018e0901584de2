import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The append-only chain: `hash = SHA-256(prev_hash ‖ canonical_json(event))`, gapless `seq`
 * per chain. Rows are never updated or deleted (trigger). `outbox_id` makes appends idempotent.
 */
@Entity({ name: 'audit_events' })
@Index('audit_events_outbox_key', ['outboxId'], { unique: true })
@Index('audit_events_learner_seq_idx', ['learnerId', 'seq'], { where: 'learner_id IS NOT NULL' })
export class AuditEventEntity {
  @PrimaryColumn({ name: 'chain_id', type: 'smallint' })
  chainId: number;

  @PrimaryColumn({ type: 'bigint' })
  seq: string;

  @Column({ name: 'outbox_id', type: 'bigint' })
  outboxId: string;

  @Column({ name: 'learner_id', type: 'uuid', nullable: true })
  learnerId: string | null;

  @Column({ name: 'event_type', type: 'varchar', length: 64 })
  eventType: string;

  /** Exactly what was hashed (after canonicalisation). */
  @Column({ type: 'jsonb' })
  event: Record<string, unknown>;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;

  @Column({ name: 'appended_at', type: 'timestamptz', default: () => 'now()' })
  appendedAt: Date;
}
