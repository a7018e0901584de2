import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency records stop storing the HTTP status: each command route answers one success
 * status, so a replay takes the route's. Down restores the column with the statuses the routes
 * answer (200 for a decision, whose body names the application and its exemption; 201 else).
 */
export class IdempotencyStatusBelongsToRoute1796159013241 implements MigrationInterface {
  name = 'IdempotencyStatusBelongsToRoute1796159013241';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "idempotency_records" DROP COLUMN "status_code"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "idempotency_records" ADD "status_code" integer NOT NULL DEFAULT 201`,
    );
    await queryRunner.query(
      `UPDATE "idempotency_records" SET "status_code" = 200 WHERE "response_body" ? 'application' AND "response_body" ? 'exemption'`,
    );
    await queryRunner.query(
      `ALTER TABLE "idempotency_records" ALTER COLUMN "status_code" DROP DEFAULT`,
    );
  }
}
