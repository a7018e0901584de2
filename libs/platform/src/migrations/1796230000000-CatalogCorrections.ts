import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the database holds of catalog corrections (PATCH of courses and programs), so that no
 * code path, nor SQL as the runtime role, changes what entries already record. Written by hand:
 * TypeORM does not track functions and triggers.
 *
 * - A course's credits and program are frozen once any ledger entry names the course (a credit,
 *   passed or not, or an exemption; standing or cancelled): each entry records them as they
 *   were, and the program's cap on exempt credits counts exemptions by the program they name.
 * - A program's cap on exempt credits cannot drop below what a learner already has exempted in
 *   the program (standing COURSE_EXEMPTION credits naming it).
 * - Every insert naming a course takes a share lock on the course row (and an exemption in a
 *   program on the program row) before the other guards run, so a correction and a recording
 *   are serialised: the correction's check sees every entry committed before it, and a recording
 *   waits for a correction in flight. Triggers of one event fire in name order:
 *   ledger_entries_catalog_lock runs before ledger_entries_guard and ledger_exemption_guard, which
 *   so read the course's credits under the lock.
 *
 * The guards raise 23505 with a constraint name, as the ledger's own guards do, so that the
 * application maps them to its conflict errors by name.
 */
export class CatalogCorrections1796230000000 implements MigrationInterface {
  name = 'CatalogCorrections1796230000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // The course guard looks entries up by course alone (the existing index leads with the learner).
    await queryRunner.query(`
      CREATE INDEX ledger_entries_course_idx ON ledger_entries (course_id)
      WHERE course_id IS NOT NULL`);
    await queryRunner.query(`
      CREATE FUNCTION ledger_entries_catalog_lock() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM 1 FROM courses WHERE id = NEW.course_id FOR SHARE;
        IF NEW.kind = 'COURSE_EXEMPTION' AND NEW.program_id IS NOT NULL THEN
          PERFORM 1 FROM programs WHERE id = NEW.program_id FOR SHARE;
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER ledger_entries_catalog_lock BEFORE INSERT ON ledger_entries
      FOR EACH ROW WHEN (NEW.course_id IS NOT NULL)
      EXECUTE FUNCTION ledger_entries_catalog_lock()`);
    await queryRunner.query(`
      CREATE FUNCTION courses_recorded_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        recorded bigint;
      BEGIN
        SELECT count(*) INTO recorded FROM ledger_entries e WHERE e.course_id = OLD.id;
        IF recorded > 0 THEN
          RAISE EXCEPTION 'course % has % ledger entries: its credits and program cannot change',
            OLD.id, recorded
            USING ERRCODE = '23505', CONSTRAINT = 'courses_credits_recorded',
                  DETAIL = recorded::text;
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER courses_recorded_guard BEFORE UPDATE OF credits, program_id ON courses
      FOR EACH ROW
      WHEN (NEW.credits IS DISTINCT FROM OLD.credits OR NEW.program_id IS DISTINCT FROM OLD.program_id)
      EXECUTE FUNCTION courses_recorded_guard()`);
    await queryRunner.query(`
      CREATE FUNCTION programs_cap_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        most numeric;
      BEGIN
        SELECT max(s.total) INTO most FROM (
          SELECT sum(e.credits) AS total FROM ledger_entries e
          WHERE e.kind = 'COURSE_EXEMPTION' AND e.program_id = OLD.id AND ledger_entry_stands(e.id)
          GROUP BY e.learner_id) s;
        IF most > NEW.max_exempt_credits THEN
          RAISE EXCEPTION 'a learner has % credits exempted in program %, above the new cap %',
            most, OLD.id, NEW.max_exempt_credits
            USING ERRCODE = '23505', CONSTRAINT = 'programs_cap_below_exempted',
                  DETAIL = most::text;
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER programs_cap_guard BEFORE UPDATE OF max_exempt_credits ON programs
      FOR EACH ROW WHEN (NEW.max_exempt_credits < OLD.max_exempt_credits)
      EXECUTE FUNCTION programs_cap_guard()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER programs_cap_guard ON programs');
    await queryRunner.query('DROP FUNCTION programs_cap_guard()');
    await queryRunner.query('DROP TRIGGER courses_recorded_guard ON courses');
    await queryRunner.query('DROP FUNCTION courses_recorded_guard()');
    await queryRunner.query('DROP TRIGGER ledger_entries_catalog_lock ON ledger_entries');
    await queryRunner.query('DROP FUNCTION ledger_entries_catalog_lock()');
    await queryRunner.query('DROP INDEX ledger_entries_course_idx');
  }
}
