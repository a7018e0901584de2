import { MigrationInterface, QueryRunner } from 'typeorm';

/** A certification body's candidates, read by body first (the body roster). */
export class BodyRosterIndex1796240000000 implements MigrationInterface {
  name = 'BodyRosterIndex1796240000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "exam_registrations_body_learner_idx" ON "exam_registrations" ("certification_body_id", "learner_id") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."exam_registrations_body_learner_idx"`);
  }
}
