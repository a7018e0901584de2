import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1764400000000 implements MigrationInterface {
  name = 'Initial1764400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" character varying(64) NOT NULL, "password_hash" character varying(255) NOT NULL, "role" character varying(16) NOT NULL, "institution_id" uuid, "certification_body_id" uuid, "learner_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "users_scope_matches_role" CHECK (
  (role = 'ADMIN' AND institution_id IS NULL AND certification_body_id IS NULL AND learner_id IS NULL)
  OR (role = 'REGISTRAR' AND institution_id IS NOT NULL AND certification_body_id IS NULL AND learner_id IS NULL)
  OR (role = 'EXAMINER' AND certification_body_id IS NOT NULL AND institution_id IS NULL AND learner_id IS NULL)
  OR (role = 'LEARNER' AND learner_id IS NOT NULL AND institution_id IS NULL AND certification_body_id IS NULL)), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "users_username_key" ON "users"  ("username") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "users_learner_id_key" ON "users"  ("learner_id") WHERE learner_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "worker_heartbeats" ("name" character varying(64) NOT NULL, "last_run_at" TIMESTAMP WITH TIME ZONE NOT NULL, "worker_id" character varying(128) NOT NULL, "runs" bigint NOT NULL DEFAULT '0', CONSTRAINT "PK_226136e55d67a39512f95483116" PRIMARY KEY ("name"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "learners" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(100) NOT NULL, "id_type" character varying(32) NOT NULL, "id_lookup_hash" character(64) NOT NULL, "id_number_encrypted" text NOT NULL, "id_number_masked" character varying(32) NOT NULL, "birth_date" date, "opened_by_institution_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "learners_id_type_check" CHECK (id_type IN ('RESIDENT_ID','PASSPORT','HKMO_PERMIT','TW_PERMIT','FOREIGN_PERMANENT_ID')), CONSTRAINT "PK_3e7273fda51b35b9c8e4f096d91" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "learners_identity_key" ON "learners"  ("id_lookup_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "certification_bodies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(32) NOT NULL, "name" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_086a62e6e59403288f747982d9a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "certification_bodies_code_key" ON "certification_bodies"  ("code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "certificate_schemes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(32) NOT NULL, "name" character varying(200) NOT NULL, "certification_body_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c20b3f4a753045d45154b52e83c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "certificate_schemes_code_key" ON "certificate_schemes"  ("code") `,
    );
    await queryRunner.query(
      `CREATE INDEX "certificate_schemes_body_idx" ON "certificate_schemes"  ("certification_body_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "institutions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(32) NOT NULL, "name" character varying(200) NOT NULL, "kind" character varying(32) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "institutions_kind_check" CHECK (kind IN ('SECONDARY_VOCATIONAL','HIGHER_VOCATIONAL','VOCATIONAL_UNDERGRADUATE','UNDERGRADUATE','TECHNICIAN_COLLEGE','TRAINING_ORG')), CONSTRAINT "PK_0be7539dcdba335470dc05e9690" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "institutions_code_key" ON "institutions"  ("code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "programs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "institution_id" uuid NOT NULL, "code" character varying(32) NOT NULL, "name" character varying(200) NOT NULL, "total_credits" numeric(6,2) NOT NULL, "max_exempt_credits" numeric(6,2) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "programs_credits_check" CHECK (total_credits > 0 AND max_exempt_credits >= 0 AND max_exempt_credits <= total_credits), CONSTRAINT "PK_d43c664bcaafc0e8a06dfd34e05" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "programs_institution_code_key" ON "programs"  ("institution_id", "code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "courses" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "institution_id" uuid NOT NULL, "program_id" uuid, "code" character varying(32) NOT NULL, "name" character varying(200) NOT NULL, "credits" numeric(5,2) NOT NULL, "hours" integer NOT NULL, "category" character varying(32) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "courses_credits_check" CHECK (credits > 0 AND hours >= 0), CONSTRAINT "courses_category_check" CHECK (category IN ('PUBLIC_BASIC','PROFESSIONAL_FOUNDATION','PROFESSIONAL_CORE','PRACTICE','ELECTIVE')), CONSTRAINT "PK_3f70a487cc718ad8eda4e6d58c9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "courses_program_idx" ON "courses"  ("program_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "courses_institution_code_key" ON "courses"  ("institution_id", "code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "scheme_levels" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "scheme_id" uuid NOT NULL, "level" character varying(16) NOT NULL, "recognised_credits" numeric(5,2) NOT NULL, CONSTRAINT "scheme_levels_credits_check" CHECK (recognised_credits >= 0), CONSTRAINT "scheme_levels_level_check" CHECK (level IN ('JUNIOR','INTERMEDIATE','SENIOR')), CONSTRAINT "PK_f8172dae390e2b37149ef6143a1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "scheme_levels_scheme_level_key" ON "scheme_levels"  ("scheme_id", "level") `,
    );
    await queryRunner.query(
      `CREATE TABLE "level_components" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "scheme_level_id" uuid NOT NULL, "code" character varying(32) NOT NULL, "name" character varying(200) NOT NULL, CONSTRAINT "PK_99f10540d1b72553ce6e051f4fd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "level_components_level_code_key" ON "level_components"  ("scheme_level_id", "code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "idempotency_records" ("user_id" uuid NOT NULL, "key" character varying(128) NOT NULL, "request_hash" character(64) NOT NULL, "status_code" integer NOT NULL, "response_body" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_361095756bf434c1971a5a89be4" PRIMARY KEY ("user_id", "key"))`,
    );
    await queryRunner.query(`CREATE TABLE "ledger_entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seq" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "learner_id" uuid NOT NULL, "kind" character varying(24) NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "recorded_by" uuid NOT NULL, "recorder_role" character varying(16) NOT NULL, "institution_id" uuid, "certification_body_id" uuid, "course_id" uuid, "term" character varying(16), "score" numeric(5,2), "passed" boolean, "credits" numeric(6,2), "completed_at" date, "scheme_id" uuid, "level" character varying(16), "component" character varying(32), "certificate_no" character varying(64), "issued_at" date, "valid_until" date, "program_id" uuid, "diploma_no" character varying(64), "graduated_at" date, "rule_id" uuid, "rule_version_id" uuid, "evidence_entry_ids" uuid array, "application_id" uuid, "cancels_entry_id" uuid, "cause_entry_id" uuid, "reason" character varying(500), CONSTRAINT "ledger_entries_score_check" CHECK (score IS NULL OR (score >= 0 AND score <= 100)), CONSTRAINT "ledger_entries_shape_check" CHECK ((kind = 'COURSE_CREDIT' AND course_id IS NOT NULL AND institution_id IS NOT NULL AND term IS NOT NULL
      AND score IS NOT NULL AND passed IS NOT NULL AND credits IS NOT NULL AND completed_at IS NOT NULL)
   OR (kind = 'CERTIFICATE' AND scheme_id IS NOT NULL AND level IS NOT NULL AND certificate_no IS NOT NULL
      AND issued_at IS NOT NULL AND certification_body_id IS NOT NULL)
   OR (kind = 'DIPLOMA' AND program_id IS NOT NULL AND diploma_no IS NOT NULL AND graduated_at IS NOT NULL
      AND institution_id IS NOT NULL)
   OR (kind = 'COURSE_EXEMPTION' AND course_id IS NOT NULL AND rule_version_id IS NOT NULL
      AND credits IS NOT NULL AND evidence_entry_ids IS NOT NULL AND institution_id IS NOT NULL)
   OR (kind = 'EXAM_EXEMPTION' AND scheme_id IS NOT NULL AND level IS NOT NULL AND component IS NOT NULL
      AND rule_version_id IS NOT NULL AND evidence_entry_ids IS NOT NULL AND certification_body_id IS NOT NULL)
   OR (kind IN ('REVERSAL','REVOCATION') AND cancels_entry_id IS NOT NULL AND reason IS NOT NULL)), CONSTRAINT "ledger_entries_kind_check" CHECK (kind IN ('COURSE_CREDIT','CERTIFICATE','DIPLOMA','COURSE_EXEMPTION','EXAM_EXEMPTION','REVERSAL','REVOCATION')), CONSTRAINT "PK_6efcb84411d3f08b08450ae75d5" PRIMARY KEY ("id"))`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ledger_entries_seq_key" ON "ledger_entries"  ("seq") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ledger_entries_learner_course_idx" ON "ledger_entries"  ("learner_id", "course_id") WHERE course_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ledger_entries_cancels_once_key" ON "ledger_entries"  ("cancels_entry_id") WHERE cancels_entry_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ledger_entries_certificate_no_key" ON "ledger_entries"  ("scheme_id", "certificate_no") WHERE kind = 'CERTIFICATE'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ledger_entries_learner_seq_idx" ON "ledger_entries"  ("learner_id", "seq") `,
    );
    await queryRunner.query(
      `CREATE TABLE "outbox_events" ("id" BIGSERIAL NOT NULL, "learner_id" uuid, "event_type" character varying(64) NOT NULL, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "dispatched_at" TIMESTAMP WITH TIME ZONE, "dispatch_count" integer NOT NULL DEFAULT '0', "audited_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6689a16c00d09b8089f6237f1d2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "outbox_events_pending_idx" ON "outbox_events"  ("id") WHERE audited_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "conversion_rules" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(24) NOT NULL, "owner_institution_id" uuid, "owner_certification_body_id" uuid, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "conversion_rules_owner_check" CHECK ((owner_institution_id IS NULL) <> (owner_certification_body_id IS NULL)), CONSTRAINT "conversion_rules_kind_check" CHECK (kind IN ('CERT_TO_COURSE','COURSE_TO_EXAM','COURSE_TO_COURSE')), CONSTRAINT "PK_6403fb1a19b2a0645e00684052a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "exemption_applications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "learner_id" uuid NOT NULL, "rule_id" uuid NOT NULL, "rule_version_id" uuid NOT NULL, "target" jsonb NOT NULL, "target_key" character varying(200) NOT NULL, "owner_institution_id" uuid, "owner_certification_body_id" uuid, "status" character varying(16) NOT NULL, "evaluation" jsonb NOT NULL, "submitted_by" uuid NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "decision_reason" character varying(500), "exemption_entry_id" uuid, CONSTRAINT "exemption_applications_status_check" CHECK (status IN ('SUBMITTED','APPROVED','REJECTED','CLOSED')), CONSTRAINT "PK_43b29b5b5959603ce533b0c8838" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "exemption_applications_inbox_idx" ON "exemption_applications"  ("status", "owner_institution_id", "owner_certification_body_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "exemption_applications_open_target_key" ON "exemption_applications"  ("learner_id", "target_key") WHERE status = 'SUBMITTED'`,
    );
    await queryRunner.query(
      `CREATE TABLE "rule_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "rule_id" uuid NOT NULL, "version" integer NOT NULL, "status" character varying(16) NOT NULL, "name" character varying(200) NOT NULL, "condition" jsonb NOT NULL, "targets" jsonb NOT NULL, "credits_granted" numeric(5,2), "max_credits_per_evidence" numeric(5,2), "effective_from" date NOT NULL, "effective_to" date, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "activated_at" TIMESTAMP WITH TIME ZONE, "ended_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "rule_versions_status_check" CHECK (status IN ('DRAFT','ACTIVE','SUPERSEDED','RETIRED')), CONSTRAINT "PK_f94078d9fb0f85dcdf3ceaec3ec" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "rule_versions_one_active_key" ON "rule_versions"  ("rule_id") WHERE status = 'ACTIVE'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "rule_versions_rule_version_key" ON "rule_versions"  ("rule_id", "version") `,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_checkpoints" ("id" BIGSERIAL NOT NULL, "chain_id" smallint NOT NULL, "seq" bigint NOT NULL, "head_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "payload" text NOT NULL, "signature" text NOT NULL, "public_key" text NOT NULL, CONSTRAINT "PK_ec62ec0b7b181580b1fa64e1167" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_checkpoints_chain_seq_idx" ON "audit_checkpoints"  ("chain_id", "seq") `,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_events" ("chain_id" smallint NOT NULL, "seq" bigint NOT NULL, "outbox_id" bigint NOT NULL, "learner_id" uuid, "event_type" character varying(64) NOT NULL, "event" jsonb NOT NULL, "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, "appended_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_85c000296085efa3a6c54202bd8" PRIMARY KEY ("chain_id", "seq"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_events_learner_seq_idx" ON "audit_events"  ("learner_id", "seq") WHERE learner_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "audit_events_outbox_key" ON "audit_events"  ("outbox_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "certificate_schemes" ADD CONSTRAINT "certificate_schemes_body_fk" FOREIGN KEY ("certification_body_id") REFERENCES "certification_bodies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "programs" ADD CONSTRAINT "programs_institution_fk" FOREIGN KEY ("institution_id") REFERENCES "institutions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "courses" ADD CONSTRAINT "courses_institution_fk" FOREIGN KEY ("institution_id") REFERENCES "institutions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "courses" ADD CONSTRAINT "courses_program_fk" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "scheme_levels" ADD CONSTRAINT "scheme_levels_scheme_fk" FOREIGN KEY ("scheme_id") REFERENCES "certificate_schemes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "level_components" ADD CONSTRAINT "level_components_level_fk" FOREIGN KEY ("scheme_level_id") REFERENCES "scheme_levels"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_learner_fk" FOREIGN KEY ("learner_id") REFERENCES "learners"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_course_fk" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_scheme_fk" FOREIGN KEY ("scheme_id") REFERENCES "certificate_schemes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_program_fk" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_cancels_fk" FOREIGN KEY ("cancels_entry_id") REFERENCES "ledger_entries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_cause_fk" FOREIGN KEY ("cause_entry_id") REFERENCES "ledger_entries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "rule_versions" ADD CONSTRAINT "rule_versions_rule_fk" FOREIGN KEY ("rule_id") REFERENCES "conversion_rules"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "rule_versions" DROP CONSTRAINT "rule_versions_rule_fk"`);
    await queryRunner.query(
      `ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_cause_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_cancels_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_program_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_scheme_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_course_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_learner_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "level_components" DROP CONSTRAINT "level_components_level_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "scheme_levels" DROP CONSTRAINT "scheme_levels_scheme_fk"`,
    );
    await queryRunner.query(`ALTER TABLE "courses" DROP CONSTRAINT "courses_program_fk"`);
    await queryRunner.query(`ALTER TABLE "courses" DROP CONSTRAINT "courses_institution_fk"`);
    await queryRunner.query(`ALTER TABLE "programs" DROP CONSTRAINT "programs_institution_fk"`);
    await queryRunner.query(
      `ALTER TABLE "certificate_schemes" DROP CONSTRAINT "certificate_schemes_body_fk"`,
    );
    await queryRunner.query(`DROP INDEX "public"."audit_events_outbox_key"`);
    await queryRunner.query(`DROP INDEX "public"."audit_events_learner_seq_idx"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
    await queryRunner.query(`DROP INDEX "public"."audit_checkpoints_chain_seq_idx"`);
    await queryRunner.query(`DROP TABLE "audit_checkpoints"`);
    await queryRunner.query(`DROP INDEX "public"."rule_versions_rule_version_key"`);
    await queryRunner.query(`DROP INDEX "public"."rule_versions_one_active_key"`);
    await queryRunner.query(`DROP TABLE "rule_versions"`);
    await queryRunner.query(`DROP INDEX "public"."exemption_applications_open_target_key"`);
    await queryRunner.query(`DROP INDEX "public"."exemption_applications_inbox_idx"`);
    await queryRunner.query(`DROP TABLE "exemption_applications"`);
    await queryRunner.query(`DROP TABLE "conversion_rules"`);
    await queryRunner.query(`DROP INDEX "public"."outbox_events_pending_idx"`);
    await queryRunner.query(`DROP TABLE "outbox_events"`);
    await queryRunner.query(`DROP INDEX "public"."ledger_entries_learner_seq_idx"`);
    await queryRunner.query(`DROP INDEX "public"."ledger_entries_certificate_no_key"`);
    await queryRunner.query(`DROP INDEX "public"."ledger_entries_cancels_once_key"`);
    await queryRunner.query(`DROP INDEX "public"."ledger_entries_learner_course_idx"`);
    await queryRunner.query(`DROP INDEX "public"."ledger_entries_seq_key"`);
    await queryRunner.query(`DROP TABLE "ledger_entries"`);
    await queryRunner.query(`DROP TABLE "idempotency_records"`);
    await queryRunner.query(`DROP INDEX "public"."level_components_level_code_key"`);
    await queryRunner.query(`DROP TABLE "level_components"`);
    await queryRunner.query(`DROP INDEX "public"."scheme_levels_scheme_level_key"`);
    await queryRunner.query(`DROP TABLE "scheme_levels"`);
    await queryRunner.query(`DROP INDEX "public"."courses_institution_code_key"`);
    await queryRunner.query(`DROP INDEX "public"."courses_program_idx"`);
    await queryRunner.query(`DROP TABLE "courses"`);
    await queryRunner.query(`DROP INDEX "public"."programs_institution_code_key"`);
    await queryRunner.query(`DROP TABLE "programs"`);
    await queryRunner.query(`DROP INDEX "public"."institutions_code_key"`);
    await queryRunner.query(`DROP TABLE "institutions"`);
    await queryRunner.query(`DROP INDEX "public"."certificate_schemes_body_idx"`);
    await queryRunner.query(`DROP INDEX "public"."certificate_schemes_code_key"`);
    await queryRunner.query(`DROP TABLE "certificate_schemes"`);
    await queryRunner.query(`DROP INDEX "public"."certification_bodies_code_key"`);
    await queryRunner.query(`DROP TABLE "certification_bodies"`);
    await queryRunner.query(`DROP INDEX "public"."learners_identity_key"`);
    await queryRunner.query(`DROP TABLE "learners"`);
    await queryRunner.query(`DROP TABLE "worker_heartbeats"`);
    await queryRunner.query(`DROP INDEX "public"."users_learner_id_key"`);
    await queryRunner.query(`DROP INDEX "public"."users_username_key"`);
    await queryRunner.query(`DROP TABLE "users"`);
  }
}
