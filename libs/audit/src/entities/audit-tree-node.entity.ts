import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Every complete perfect subtree of the log's Merkle tree (RFC 9162 hashing): node (level,
 * index) covers leaves index·2^level … (index+1)·2^level − 1; level 0 holds the leaf hashes
 * (leaf i is audit record seq i+1). Written with the records they complete, in the same
 * transaction; never updated or deleted (trigger). A root or a proof element is a fold of at
 * most log2(n) of these rows, so proofs are a few indexed reads at any size.
 */
@Entity({ name: 'audit_tree_nodes' })
@Check('audit_tree_nodes_hash_size', 'octet_length(hash) = 32')
export class AuditTreeNodeEntity {
  @PrimaryColumn({ name: 'chain_id', type: 'smallint' })
  chainId: number;

  @PrimaryColumn({ type: 'smallint' })
  level: number;

  @PrimaryColumn({ name: 'idx', type: 'bigint' })
  index: string;

  /** The 32-byte SHA-256 node hash. */
  @Column({ type: 'bytea' })
  hash: Buffer;
}
