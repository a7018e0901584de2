import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A signed statement of the chain head: `{chainId, seq, headHash, createdAt}` signed with Ed25519. */
@Entity({ name: 'audit_checkpoints' })
@Index('audit_checkpoints_chain_seq_idx', ['chainId', 'seq'])
export class AuditCheckpointEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'chain_id', type: 'smallint' })
  chainId: number;

  @Column({ type: 'bigint' })
  seq: string;

  @Column({ name: 'head_hash', type: 'char', length: 64 })
  headHash: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** The canonical JSON that was signed. */
  @Column({ type: 'text' })
  payload: string;

  /** Base64 Ed25519 signature over `payload`. */
  @Column({ type: 'text' })
  signature: string;

  @Column({ name: 'public_key', type: 'text' })
  publicKey: string;
}
