import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbox rows carry the HMAC their writer computed under OUTBOX_HMAC_KEY, and the appender's
 * verdict on rows whose HMAC fails: such rows are rejected, never appended, and the pending
 * index leaves them out so that the relay and the appender's batches skip them.
 */
export class OutboxHmac1796171000000 implements MigrationInterface {
  name = 'OutboxHmac1796171000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbox_events" ADD "hmac" character(64)`);
    await queryRunner.query(
      `ALTER TABLE "outbox_events" ADD "rejected_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(`ALTER TABLE "outbox_events" ADD "rejection" character varying(32)`);
    await queryRunner.query(`DROP INDEX "public"."outbox_events_pending_idx"`);
    await queryRunner.query(
      `CREATE INDEX "outbox_events_pending_idx" ON "outbox_events" ("id") WHERE audited_at IS NULL AND rejected_at IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."outbox_events_pending_idx"`);
    await queryRunner.query(
      `CREATE INDEX "outbox_events_pending_idx" ON "outbox_events" ("id") WHERE audited_at IS NULL`,
    );
    await queryRunner.query(`ALTER TABLE "outbox_events" DROP COLUMN "rejection"`);
    await queryRunner.query(`ALTER TABLE "outbox_events" DROP COLUMN "rejected_at"`);
    await queryRunner.query(`ALTER TABLE "outbox_events" DROP COLUMN "hmac"`);
  }
}
