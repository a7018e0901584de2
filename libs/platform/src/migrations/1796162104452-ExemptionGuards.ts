import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the database itself holds of exemptions, so that no code path (nor hand-written SQL)
 * bypasses it. Written by hand: TypeORM does not track functions and triggers.
 *
 * - An exemption cites only standing outcome entries (course credit, certificate, diploma) of
 *   its own learner, and is worth no more than its target: a course's credits, or for an exam
 *   component the credits its level recognises. Checked before insert, after
 *   ledger_entries_guard (triggers fire in name order) has taken the learner's lock.
 * - No exemption stands on cancelled evidence: a reversal or revocation commits only if every
 *   exemption citing the entry it cancels has been reversed in the same transaction (a deferred
 *   check, so the cascade's reversals, written after the correction, are seen).
 *
 * Own functions and triggers, so that ledger_entries_guard stays as LedgerGuards wrote it.
 */
export class ExemptionGuards1796162104452 implements MigrationInterface {
  name = 'ExemptionGuards1796162104452';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION ledger_exemption_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        worth numeric;
      BEGIN
        IF EXISTS (SELECT 1 FROM unnest(NEW.evidence_entry_ids) AS cited(id)
                   LEFT JOIN ledger_entries e ON e.id = cited.id
                   WHERE e.id IS NULL OR e.learner_id <> NEW.learner_id
                      OR e.kind NOT IN ('COURSE_CREDIT', 'CERTIFICATE', 'DIPLOMA')
                      OR NOT ledger_entry_stands(e.id)) THEN
          RAISE EXCEPTION 'an exemption cites only standing evidence of its own learner'
            USING ERRCODE = '23514', CONSTRAINT = 'ledger_exemption_standing_evidence';
        END IF;
        IF NEW.kind = 'COURSE_EXEMPTION' THEN
          SELECT credits INTO worth FROM courses WHERE id = NEW.course_id;
        ELSE
          SELECT recognised_credits INTO worth FROM scheme_levels
          WHERE scheme_id = NEW.scheme_id AND level = NEW.level;
        END IF;
        IF NEW.credits > coalesce(worth, 0) THEN
          RAISE EXCEPTION 'an exemption grants % credits, more than its target is worth (%)',
            NEW.credits, coalesce(worth, 0)
            USING ERRCODE = '23514', CONSTRAINT = 'ledger_exemption_within_target';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER ledger_exemption_guard BEFORE INSERT ON ledger_entries
      FOR EACH ROW WHEN (NEW.kind IN ('COURSE_EXEMPTION', 'EXAM_EXEMPTION'))
      EXECUTE FUNCTION ledger_exemption_guard()`);
    await queryRunner.query(`
      CREATE FUNCTION ledger_cancelled_evidence_cascades() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM ledger_entries x
                   WHERE x.learner_id = NEW.learner_id
                     AND x.kind IN ('COURSE_EXEMPTION', 'EXAM_EXEMPTION')
                     AND NEW.cancels_entry_id = ANY (x.evidence_entry_ids)
                     AND ledger_entry_stands(x.id)) THEN
          RAISE EXCEPTION 'an exemption still stands on entry %, which this correction cancels',
            NEW.cancels_entry_id
            USING ERRCODE = '23514', CONSTRAINT = 'ledger_cancelled_evidence_cascades',
                  HINT = 'Reverse every exemption citing the entry in the same transaction.';
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE CONSTRAINT TRIGGER ledger_cancelled_evidence_cascades AFTER INSERT ON ledger_entries
      DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW WHEN (NEW.kind IN ('REVERSAL', 'REVOCATION'))
      EXECUTE FUNCTION ledger_cancelled_evidence_cascades()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER ledger_cancelled_evidence_cascades ON ledger_entries');
    await queryRunner.query('DROP FUNCTION ledger_cancelled_evidence_cascades()');
    await queryRunner.query('DROP TRIGGER ledger_exemption_guard ON ledger_entries');
    await queryRunner.query('DROP FUNCTION ledger_exemption_guard()');
  }
}
