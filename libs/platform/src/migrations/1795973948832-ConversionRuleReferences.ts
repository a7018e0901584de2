import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Conversion: what each rule version names (referenced_ids) and targets (target_keys), so that
 * eligibility and activation's overlap report select rules in SQL; indexes for a learner's
 * applications and a rule's open applications.
 */
export class ConversionRuleReferences1795973948832 implements MigrationInterface {
  name = 'ConversionRuleReferences1795973948832';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "rule_versions" ADD "referenced_ids" uuid array NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(
      `ALTER TABLE "rule_versions" ADD "target_keys" character varying(200) array NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(
      `CREATE INDEX "exemption_applications_rule_open_idx" ON "exemption_applications"  ("rule_id") WHERE status = 'SUBMITTED'`,
    );
    await queryRunner.query(
      `CREATE INDEX "exemption_applications_learner_idx" ON "exemption_applications"  ("learner_id", "submitted_at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."exemption_applications_learner_idx"`);
    await queryRunner.query(`DROP INDEX "public"."exemption_applications_rule_open_idx"`);
    await queryRunner.query(`ALTER TABLE "rule_versions" DROP COLUMN "target_keys"`);
    await queryRunner.query(`ALTER TABLE "rule_versions" DROP COLUMN "referenced_ids"`);
  }
}
