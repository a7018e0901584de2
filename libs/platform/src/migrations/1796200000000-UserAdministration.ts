import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What an administrator manages about a login: a display name, a disabled mark, and the token
 * version every token carries (bumped when the login is disabled, changed, has its password
 * reset or changed, or signs out, so that older tokens stop working at once); and whether the
 * login must change its password first (after a reset). Existing logins get the defaults.
 */
export class UserAdministration1796200000000 implements MigrationInterface {
  name = 'UserAdministration1796200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "display_name" character varying(100)`);
    await queryRunner.query(`ALTER TABLE "users" ADD "disabled_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "users" ADD "token_version" integer NOT NULL DEFAULT '1'`);
    await queryRunner.query(
      `ALTER TABLE "users" ADD "password_change_required" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "users_display_name_not_blank" CHECK (display_name IS NULL OR length(btrim(display_name)) > 0)`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "users_token_version_positive" CHECK (token_version >= 1)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "users_token_version_positive"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "users_display_name_not_blank"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "password_change_required"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "token_version"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "disabled_at"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "display_name"`);
  }
}
