import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Usernames become unique regardless of letter case: the unique index moves from username to
 * lower(username). Logins that already differ only in case stop the migration, named, instead
 * of being renamed: a renamed login locks its holder out without telling them, and which of
 * two logins keeps the name is for an administrator to decide.
 */
export class UsernamesIgnoreCase1796161074996 implements MigrationInterface {
  name = 'UsernamesIgnoreCase1796161074996';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const clashes = (await queryRunner.query(
      `SELECT string_agg(username, ', ' ORDER BY created_at, username) AS usernames
       FROM users GROUP BY lower(username) HAVING count(*) > 1 ORDER BY 1`,
    )) as { usernames: string }[];
    if (clashes.length > 0) {
      throw new Error(
        `Usernames must be unique regardless of letter case, and these logins differ only in case: ` +
          `${clashes.map((clash) => `[${clash.usernames}]`).join(', ')}. Rename all but one of each ` +
          `group (UPDATE users SET username = '<new name>' WHERE username = '<old name>'), tell ` +
          `their holders their new username, and run the migrations again.`,
      );
    }
    await queryRunner.query(`DROP INDEX "public"."users_username_key"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "users_username_lower_key" ON "users" (lower("username"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."users_username_lower_key"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "users_username_key" ON "users" ("username")`);
  }
}
