import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One effect per Idempotency-Key and caller: stored in the transaction that made the effect,
 * so a replay returns the same body, and a concurrent duplicate waits on the key. The status
 * is not stored: each route answers one success status, replay or not.
 */
@Entity({ name: 'idempotency_records' })
export class IdempotencyRecordEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 128 })
  key: string;

  /** SHA-256 of method, path and canonical body. */
  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash: string;

  @Column({ name: 'response_body', type: 'jsonb' })
  responseBody: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
