import { MigrationInterface, QueryRunner } from 'typeorm';
import { appendTreeLeaves, leafHash } from '@app/audit';
import { canonicalJson } from '@app/core';

/** Records folded into the tree per statement while back-filling. */
const BACKFILL_BATCH = 5_000;

/**
 * The log's Merkle tree and its signed tree heads, which replace the signed checkpoints of the
 * hash chain. Both tables are append-only like audit_events (refuse_change() comes from the
 * LedgerGuards migration). The tree is back-filled from the records already in the log, in
 * the migration's transaction, with the same code the appender uses (leaf = SHA-256(0x00 ‖
 * canonical JSON of the stored event)). Old checkpoints signed the chain's head hash, which a
 * tree head does not carry, so they are dropped rather than converted; the first tree head is
 * signed by the next scheduled job.
 */
export class MerkleTreeAndSignedHeads1796173000000 implements MigrationInterface {
  name = 'MerkleTreeAndSignedHeads1796173000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_tree_heads" ("id" BIGSERIAL NOT NULL, "chain_id" smallint NOT NULL, "tree_size" bigint NOT NULL, "root_hash" character(64) NOT NULL, "signed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "key_fingerprint" character(64) NOT NULL, "payload" text NOT NULL, "signature" text NOT NULL, "note_signature" text NOT NULL, CONSTRAINT "PK_5603935d758035e8ac59b82f736" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_tree_heads_serving_idx" ON "audit_tree_heads"  ("chain_id", "tree_size", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_tree_nodes" ("chain_id" smallint NOT NULL, "level" smallint NOT NULL, "idx" bigint NOT NULL, "hash" bytea NOT NULL, CONSTRAINT "audit_tree_nodes_hash_size" CHECK (octet_length(hash) = 32), CONSTRAINT "PK_7bd703f404143f2e7d07c07209a" PRIMARY KEY ("chain_id", "level", "idx"))`,
    );
    for (const table of ['audit_tree_nodes', 'audit_tree_heads']) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
      await queryRunner.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
    }
    await backfillTree(queryRunner);
    await queryRunner.query('DROP TABLE "audit_checkpoints"');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_checkpoints" ("id" BIGSERIAL NOT NULL, "chain_id" smallint NOT NULL, "seq" bigint NOT NULL, "head_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "payload" text NOT NULL, "signature" text NOT NULL, "public_key" text NOT NULL, CONSTRAINT "PK_ec62ec0b7b181580b1fa64e1167" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_checkpoints_chain_seq_idx" ON "audit_checkpoints"  ("chain_id", "seq") `,
    );
    await queryRunner.query(`
      CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints
      FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
    await queryRunner.query(`DROP TABLE "audit_tree_nodes"`);
    await queryRunner.query(`DROP INDEX "public"."audit_tree_heads_serving_idx"`);
    await queryRunner.query(`DROP TABLE "audit_tree_heads"`);
  }
}

/** Folds every stored record, in seq order, into the new tree (chain 1, the only chain). */
async function backfillTree(queryRunner: QueryRunner): Promise<void> {
  let size = 0;
  for (;;) {
    const rows = (await queryRunner.query(
      'SELECT seq, event FROM audit_events WHERE chain_id = 1 AND seq > $1 ORDER BY seq LIMIT $2',
      [size, BACKFILL_BATCH],
    )) as { seq: string; event: unknown }[];
    if (rows.length === 0) return;
    if (Number(rows[rows.length - 1].seq) !== size + rows.length) {
      throw new Error(
        `audit_events has a gap after seq ${size}: run audit:verify before migrating`,
      );
    }
    const leaves = rows.map((row) => leafHash(Buffer.from(canonicalJson(row.event), 'utf8')));
    await appendTreeLeaves(queryRunner, size, leaves);
    size += rows.length;
  }
}
