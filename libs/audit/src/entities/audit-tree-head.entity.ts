import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A signed tree head: `{origin, treeSize, rootHash, timestamp}` as RFC 8785 canonical JSON
 * signed with Ed25519, and the same head's C2SP checkpoint note signed with the same key.
 * The signed texts are what counts: the other columns are copies for finding heads, and a head
 * is trusted only when its signatures verify with a key from configuration (never a key stored
 * here). Never updated or deleted (trigger).
 */
@Entity({ name: 'audit_tree_heads' })
@Index('audit_tree_heads_serving_idx', ['chainId', 'treeSize', 'id'])
export class AuditTreeHeadEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'chain_id', type: 'smallint' })
  chainId: number;

  @Column({ name: 'tree_size', type: 'bigint' })
  treeSize: string;

  /** Lowercase hex. */
  @Column({ name: 'root_hash', type: 'char', length: 64 })
  rootHash: string;

  @Column({ name: 'signed_at', type: 'timestamptz' })
  signedAt: Date;

  /** SHA-256 of the signing key's 32 raw bytes, lowercase hex. */
  @Column({ name: 'key_fingerprint', type: 'char', length: 64 })
  keyFingerprint: string;

  /** The canonical JSON that was signed. */
  @Column({ type: 'text' })
  payload: string;

  /** Ed25519 signature of `payload`, base64. */
  @Column({ type: 'text' })
  signature: string;

  /** Ed25519 signature of the head's checkpoint note body, base64. */
  @Column({ name: 'note_signature', type: 'text' })
  noteSignature: string;
}
