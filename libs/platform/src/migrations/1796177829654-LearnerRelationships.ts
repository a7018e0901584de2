import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What relates staff to a learner: enrolments (学籍), exam registrations (考核报名) and the
 * shares a learner gives. Generated from the entities of libs/relationships.
 */
export class LearnerRelationships1796177829654 implements MigrationInterface {
  name = 'LearnerRelationships1796177829654';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "enrolments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "learner_id" uuid NOT NULL, "institution_id" uuid NOT NULL, "program_id" uuid NOT NULL, "student_no" character varying(32) NOT NULL, "category" character varying(24) NOT NULL, "status" character varying(16) NOT NULL, "started_at" date NOT NULL, "ended_at" date, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "enrolments_end_check" CHECK ((status = 'ACTIVE' AND ended_at IS NULL) OR (status <> 'ACTIVE' AND ended_at IS NOT NULL AND ended_at >= started_at)), CONSTRAINT "enrolments_status_check" CHECK (status IN ('ACTIVE','GRADUATED','WITHDRAWN','TRANSFERRED')), CONSTRAINT "enrolments_category_check" CHECK (category IN ('FULL_TIME','PART_TIME','SOCIAL_LEARNER','VETERAN','RETIRED_ATHLETE','LAID_OFF_WORKER','MIGRANT_WORKER','NEW_FARMER')), CONSTRAINT "PK_6e79971fbd26967c4da9ed52770" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "enrolments_learner_institution_idx" ON "enrolments"  ("learner_id", "institution_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "enrolments_one_active_key" ON "enrolments"  ("learner_id", "program_id") WHERE status = 'ACTIVE'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "enrolments_student_no_key" ON "enrolments"  ("institution_id", "student_no") `,
    );
    await queryRunner.query(
      `CREATE TABLE "exam_registrations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "learner_id" uuid NOT NULL, "scheme_id" uuid NOT NULL, "certification_body_id" uuid NOT NULL, "level" character varying(16) NOT NULL, "session" character varying(32) NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b743fd969c7b8364bb4da0ea4a2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "exam_registrations_learner_body_idx" ON "exam_registrations"  ("learner_id", "certification_body_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "exam_registrations_session_key" ON "exam_registrations"  ("learner_id", "scheme_id", "level", "session") `,
    );
    await queryRunner.query(
      `CREATE TABLE "learner_shares" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "learner_id" uuid NOT NULL, "institution_id" uuid, "certification_body_id" uuid, "until" date NOT NULL, "withdrawn_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "learner_shares_one_grantee" CHECK ((institution_id IS NULL) <> (certification_body_id IS NULL)), CONSTRAINT "PK_a3d412d5e0c90a2e21a76a2a786" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "learner_shares_learner_idx" ON "learner_shares"  ("learner_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_learner_fk" FOREIGN KEY ("learner_id") REFERENCES "learners"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_institution_fk" FOREIGN KEY ("institution_id") REFERENCES "institutions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_program_fk" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "exam_registrations" ADD CONSTRAINT "exam_registrations_learner_fk" FOREIGN KEY ("learner_id") REFERENCES "learners"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "exam_registrations" ADD CONSTRAINT "exam_registrations_scheme_fk" FOREIGN KEY ("scheme_id") REFERENCES "certificate_schemes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "exam_registrations" ADD CONSTRAINT "exam_registrations_body_fk" FOREIGN KEY ("certification_body_id") REFERENCES "certification_bodies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "learner_shares" ADD CONSTRAINT "learner_shares_learner_fk" FOREIGN KEY ("learner_id") REFERENCES "learners"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "learner_shares" ADD CONSTRAINT "learner_shares_institution_fk" FOREIGN KEY ("institution_id") REFERENCES "institutions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "learner_shares" ADD CONSTRAINT "learner_shares_body_fk" FOREIGN KEY ("certification_body_id") REFERENCES "certification_bodies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "learner_shares" DROP CONSTRAINT "learner_shares_body_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "learner_shares" DROP CONSTRAINT "learner_shares_institution_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "learner_shares" DROP CONSTRAINT "learner_shares_learner_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "exam_registrations" DROP CONSTRAINT "exam_registrations_body_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "exam_registrations" DROP CONSTRAINT "exam_registrations_scheme_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "exam_registrations" DROP CONSTRAINT "exam_registrations_learner_fk"`,
    );
    await queryRunner.query(`ALTER TABLE "enrolments" DROP CONSTRAINT "enrolments_program_fk"`);
    await queryRunner.query(`ALTER TABLE "enrolments" DROP CONSTRAINT "enrolments_institution_fk"`);
    await queryRunner.query(`ALTER TABLE "enrolments" DROP CONSTRAINT "enrolments_learner_fk"`);
    await queryRunner.query(`DROP INDEX "public"."learner_shares_learner_idx"`);
    await queryRunner.query(`DROP TABLE "learner_shares"`);
    await queryRunner.query(`DROP INDEX "public"."exam_registrations_session_key"`);
    await queryRunner.query(`DROP INDEX "public"."exam_registrations_learner_body_idx"`);
    await queryRunner.query(`DROP TABLE "exam_registrations"`);
    await queryRunner.query(`DROP INDEX "public"."enrolments_student_no_key"`);
    await queryRunner.query(`DROP INDEX "public"."enrolments_one_active_key"`);
    await queryRunner.query(`DROP INDEX "public"."enrolments_learner_institution_idx"`);
    await queryRunner.query(`DROP TABLE "enrolments"`);
  }
}
