import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invariants the database itself enforces, so that no code path (nor a hand-written SQL
 * statement) can bypass them. TypeORM does not track functions and triggers, so this migration
 * is written by hand and `migration:generate` stays empty.
 *
 * - ledger_entries and audit_events are append-only: UPDATE, DELETE and TRUNCATE are refused.
 * - Every insert into ledger_entries takes a per-learner transaction lock first, so the checks
 *   below (and the application's own reads in that transaction) see a settled account:
 *   one standing passing credit per learner and course; one standing exemption per target;
 *   a correction cancels an existing entry of the same learner, never another correction, and a
 *   revocation cancels only a certificate. (Cancelling twice is refused by a unique index.)
 */
export class LedgerGuards1764400000001 implements MigrationInterface {
  name = 'LedgerGuards1764400000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'CB001', HINT = 'Record a correction (REVERSAL or REVOCATION) instead.';
      END $$`);
    for (const table of ['ledger_entries', 'audit_events']) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
      await queryRunner.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
    }
    await queryRunner.query(`
      CREATE FUNCTION ledger_entry_stands(entry_id uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
        SELECT NOT EXISTS (SELECT 1 FROM ledger_entries c WHERE c.cancels_entry_id = entry_id)
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION ledger_entries_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        cancelled ledger_entries%ROWTYPE;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended('ledger:' || NEW.learner_id::text, 0));
        IF NEW.kind = 'COURSE_CREDIT' AND NEW.passed THEN
          IF EXISTS (SELECT 1 FROM ledger_entries e
                     WHERE e.learner_id = NEW.learner_id AND e.course_id = NEW.course_id
                       AND e.kind = 'COURSE_CREDIT' AND e.passed AND ledger_entry_stands(e.id)) THEN
            RAISE EXCEPTION 'a passing credit for this course already stands'
              USING ERRCODE = '23505', CONSTRAINT = 'ledger_one_passing_credit';
          END IF;
        ELSIF NEW.kind = 'COURSE_EXEMPTION' THEN
          IF EXISTS (SELECT 1 FROM ledger_entries e
                     WHERE e.learner_id = NEW.learner_id AND e.course_id = NEW.course_id
                       AND e.kind = 'COURSE_EXEMPTION' AND ledger_entry_stands(e.id)) THEN
            RAISE EXCEPTION 'an exemption from this course already stands'
              USING ERRCODE = '23505', CONSTRAINT = 'ledger_one_exemption_per_target';
          END IF;
        ELSIF NEW.kind = 'EXAM_EXEMPTION' THEN
          IF EXISTS (SELECT 1 FROM ledger_entries e
                     WHERE e.learner_id = NEW.learner_id AND e.kind = 'EXAM_EXEMPTION'
                       AND e.scheme_id = NEW.scheme_id AND e.level = NEW.level
                       AND e.component = NEW.component AND ledger_entry_stands(e.id)) THEN
            RAISE EXCEPTION 'an exemption from this exam component already stands'
              USING ERRCODE = '23505', CONSTRAINT = 'ledger_one_exemption_per_target';
          END IF;
        ELSIF NEW.kind IN ('REVERSAL', 'REVOCATION') THEN
          SELECT * INTO cancelled FROM ledger_entries WHERE id = NEW.cancels_entry_id;
          IF NOT FOUND OR cancelled.learner_id <> NEW.learner_id THEN
            RAISE EXCEPTION 'the cancelled entry does not belong to this learner'
              USING ERRCODE = '23514', CONSTRAINT = 'ledger_cancel_same_learner';
          END IF;
          IF cancelled.kind IN ('REVERSAL', 'REVOCATION') THEN
            RAISE EXCEPTION 'a correction cannot itself be cancelled'
              USING ERRCODE = '23514', CONSTRAINT = 'ledger_cancel_not_correction';
          END IF;
          IF NEW.kind = 'REVOCATION' AND cancelled.kind <> 'CERTIFICATE' THEN
            RAISE EXCEPTION 'only certificates are revoked'
              USING ERRCODE = '23514', CONSTRAINT = 'ledger_revoke_certificate_only';
          END IF;
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER ledger_entries_guard BEFORE INSERT ON ledger_entries
      FOR EACH ROW EXECUTE FUNCTION ledger_entries_guard()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER ledger_entries_guard ON ledger_entries');
    await queryRunner.query('DROP FUNCTION ledger_entries_guard()');
    await queryRunner.query('DROP FUNCTION ledger_entry_stands(uuid)');
    for (const table of ['ledger_entries', 'audit_events']) {
      await queryRunner.query(`DROP TRIGGER ${table}_no_truncate ON ${table}`);
      await queryRunner.query(`DROP TRIGGER ${table}_append_only ON ${table}`);
    }
    await queryRunner.query('DROP FUNCTION refuse_change()');
  }
}
