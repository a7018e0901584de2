import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed checkpoints are evidence too: like the chain they vouch for, they are never updated or
 * deleted (refuse_change() comes from the LedgerGuards migration). Written by hand: TypeORM does
 * not track triggers.
 */
export class CheckpointsAppendOnly1795980000000 implements MigrationInterface {
  name = 'CheckpointsAppendOnly1795980000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints
      FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER audit_checkpoints_no_truncate ON audit_checkpoints');
    await queryRunner.query('DROP TRIGGER audit_checkpoints_append_only ON audit_checkpoints');
  }
}
