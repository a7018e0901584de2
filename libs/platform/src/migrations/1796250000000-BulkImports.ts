import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk import (issue 15): each upload, its bytes, its rows with their verdicts, and the claims
 * that record a file's row once per scope.
 */
export class BulkImports1796250000000 implements MigrationInterface {
  name = 'BulkImports1796250000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "imports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(16) NOT NULL, "scope_id" uuid NOT NULL, "file_name" character varying(255) NOT NULL, "file_hash" character(64) NOT NULL, "format" character varying(4) NOT NULL, "encoding" character varying(16), "size" bigint NOT NULL, "status" character varying(12) NOT NULL, "progress" smallint NOT NULL DEFAULT '0', "header" jsonb, "row_count" integer NOT NULL DEFAULT '0', "valid_count" integer NOT NULL DEFAULT '0', "invalid_count" integer NOT NULL DEFAULT '0', "committed_count" integer NOT NULL DEFAULT '0', "rejected_count" integer NOT NULL DEFAULT '0', "failure" jsonb, "uploaded_by" uuid NOT NULL, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "validated_at" TIMESTAMP WITH TIME ZONE, "committed_by" uuid, "committed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "imports_progress_check" CHECK (progress BETWEEN 0 AND 100), CONSTRAINT "imports_format_check" CHECK (format IN ('csv','xlsx')), CONSTRAINT "imports_status_check" CHECK (status IN ('VALIDATING','VALIDATED','COMMITTING','COMMITTED','FAILED')), CONSTRAINT "imports_kind_check" CHECK (kind IN ('COURSE_CREDITS','CERTIFICATES','DIPLOMAS','ENROLMENTS')), CONSTRAINT "PK_ea10c62f5eb1d75e83d8b5225db" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "imports_scope_newest_idx" ON "imports"  ("scope_id", "uploaded_at", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "imports_scope_kind_file_key" ON "imports"  ("scope_id", "kind", "file_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "import_file_chunks" ("import_id" uuid NOT NULL, "seq" integer NOT NULL, "data" bytea NOT NULL, CONSTRAINT "PK_daafe5766df2e39678875626ebb" PRIMARY KEY ("import_id", "seq"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "import_recorded_rows" ("scope_id" uuid NOT NULL, "file_hash" character(64) NOT NULL, "row_no" integer NOT NULL, "import_id" uuid NOT NULL, "record_id" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d396e05151e925c8dad2da9e538" PRIMARY KEY ("scope_id", "file_hash", "row_no"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "import_rows" ("import_id" uuid NOT NULL, "row_no" integer NOT NULL, "cells" jsonb NOT NULL, "record" jsonb NOT NULL, "status" character varying(12) NOT NULL, "errors" jsonb, "record_id" uuid, CONSTRAINT "import_rows_status_check" CHECK (status IN ('VALID','INVALID','COMMITTED','REJECTED')), CONSTRAINT "PK_1a970a6ec0dbdb1e761d465ea18" PRIMARY KEY ("import_id", "row_no"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "import_rows_status_idx" ON "import_rows"  ("import_id", "status", "row_no") `,
    );
    await queryRunner.query(
      `ALTER TABLE "imports" ADD CONSTRAINT "FK_01f98e9db0d9cf0c83836099631" FOREIGN KEY ("uploaded_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "imports" ADD CONSTRAINT "FK_27cf40c7e30b074ad24a2465a16" FOREIGN KEY ("committed_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "import_file_chunks" ADD CONSTRAINT "FK_572e250ea7659cc317163eb9df9" FOREIGN KEY ("import_id") REFERENCES "imports"("id") ON DELETE RESTRICT ON UPDATE NO ACTION DEFERRABLE INITIALLY DEFERRED`,
    );
    await queryRunner.query(
      `ALTER TABLE "import_rows" ADD CONSTRAINT "FK_c175270322bf4c2e99418c2aa9f" FOREIGN KEY ("import_id") REFERENCES "imports"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "import_rows" DROP CONSTRAINT "FK_c175270322bf4c2e99418c2aa9f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "import_file_chunks" DROP CONSTRAINT "FK_572e250ea7659cc317163eb9df9"`,
    );
    await queryRunner.query(
      `ALTER TABLE "imports" DROP CONSTRAINT "FK_27cf40c7e30b074ad24a2465a16"`,
    );
    await queryRunner.query(
      `ALTER TABLE "imports" DROP CONSTRAINT "FK_01f98e9db0d9cf0c83836099631"`,
    );
    await queryRunner.query(`DROP INDEX "public"."import_rows_status_idx"`);
    await queryRunner.query(`DROP TABLE "import_rows"`);
    await queryRunner.query(`DROP TABLE "import_recorded_rows"`);
    await queryRunner.query(`DROP TABLE "import_file_chunks"`);
    await queryRunner.query(`DROP INDEX "public"."imports_scope_kind_file_key"`);
    await queryRunner.query(`DROP INDEX "public"."imports_scope_newest_idx"`);
    await queryRunner.query(`DROP TABLE "imports"`);
  }
}
