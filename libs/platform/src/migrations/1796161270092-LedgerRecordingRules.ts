import { Logger } from '@nestjs/common';
import { MigrationInterface, QueryRunner } from 'typeorm';

interface Collision {
  scheme_id: string;
  number: string;
  ids: string[];
  numbers: string[];
}

/**
 * What the ledger refuses to hold twice, beyond the first guards. Written by hand: TypeORM
 * tracks neither functions nor expression indexes (the entity declares the two indexes with
 * `synchronize: false` so that `migration:generate` leaves them alone).
 *
 * - Certificate and diploma numbers are compared as `ledger_document_number` gives them: NFKC,
 *   trimmed, upper-case (the service stores them in that form already). Certificate numbers stay
 *   unique per scheme over every certificate row, now in that form.
 * - A second guard trigger, beside the first and after it (so under the learner's lock), refuses
 *   a passing credit while an exemption from the course stands, and an exemption while a passing
 *   credit stands; a second certificate of a scheme and level while the learner's standing one
 *   is valid; a second standing diploma per learner and program, and per number within the
 *   institution. A reversed diploma frees
 *   its number, so that check cannot be an index: the trigger takes a lock on the institution
 *   and number first, as it takes the learner's, so that two learners' inserts are serialised.
 *
 * Existing certificates whose numbers collide once normalised cannot be deleted or changed
 * (the ledger is append-only), and refusing to migrate would leave the operator nothing to do.
 * So the first of each group keeps the number taken in the new index, and the others — history
 * that the old, exact index allowed — are left out of it by id; no new row can take the number
 * either way. Each group is logged as a warning naming its entries, for the operator to review.
 */
export class LedgerRecordingRules1796161270092 implements MigrationInterface {
  name = 'LedgerRecordingRules1796161270092';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION ledger_document_number(number text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      RETURN upper(btrim(normalize(number, NFKC)))`);
    const leftOut = await this.collidingCertificates(queryRunner);
    await queryRunner.query('DROP INDEX ledger_entries_certificate_no_key');
    await queryRunner.query(`
      CREATE UNIQUE INDEX ledger_entries_certificate_number_key ON ledger_entries
        (scheme_id, ledger_document_number(certificate_no))
      WHERE kind = 'CERTIFICATE'${
        leftOut.length ? ` AND id <> ALL ('{${leftOut.join(',')}}'::uuid[])` : ''
      }`);
    await queryRunner.query(`
      CREATE INDEX ledger_entries_diploma_number_idx ON ledger_entries
        (institution_id, ledger_document_number(diploma_no))
      WHERE kind = 'DIPLOMA'`);
    await queryRunner.query(`
      CREATE FUNCTION ledger_entries_once_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.kind = 'COURSE_CREDIT' AND NEW.passed THEN
          IF EXISTS (SELECT 1 FROM ledger_entries e
                     WHERE e.learner_id = NEW.learner_id AND e.course_id = NEW.course_id
                       AND e.kind = 'COURSE_EXEMPTION' AND ledger_entry_stands(e.id)) THEN
            RAISE EXCEPTION 'an exemption from this course stands: it cannot also be credited'
              USING ERRCODE = '23505', CONSTRAINT = 'ledger_course_already_exempted';
          END IF;
        ELSIF NEW.kind = 'COURSE_EXEMPTION' THEN
          IF EXISTS (SELECT 1 FROM ledger_entries e
                     WHERE e.learner_id = NEW.learner_id AND e.course_id = NEW.course_id
                       AND e.kind = 'COURSE_CREDIT' AND e.passed AND ledger_entry_stands(e.id)) THEN
            RAISE EXCEPTION 'a passing credit for this course stands: it cannot also be exempted'
              USING ERRCODE = '23505', CONSTRAINT = 'ledger_course_already_credited';
          END IF;
        ELSIF NEW.kind = 'CERTIFICATE' THEN
          IF EXISTS (SELECT 1 FROM ledger_entries e
                     WHERE e.learner_id = NEW.learner_id AND e.kind = 'CERTIFICATE'
                       AND e.scheme_id = NEW.scheme_id AND e.level = NEW.level
                       AND (e.valid_until IS NULL OR e.valid_until >= NEW.issued_at)
                       AND ledger_entry_stands(e.id)) THEN
            RAISE EXCEPTION 'a certificate of this scheme and level, valid on the new one''s issue date, already stands'
              USING ERRCODE = '23505', CONSTRAINT = 'ledger_one_certificate_per_level';
          END IF;
        ELSIF NEW.kind = 'DIPLOMA' THEN
          IF EXISTS (SELECT 1 FROM ledger_entries e
                     WHERE e.learner_id = NEW.learner_id AND e.kind = 'DIPLOMA'
                       AND e.program_id = NEW.program_id AND ledger_entry_stands(e.id)) THEN
            RAISE EXCEPTION 'a diploma of this program already stands'
              USING ERRCODE = '23505', CONSTRAINT = 'ledger_one_diploma_per_program';
          END IF;
          PERFORM pg_advisory_xact_lock(hashtextextended(
            'diploma:' || NEW.institution_id::text || ':' || ledger_document_number(NEW.diploma_no), 0));
          IF EXISTS (SELECT 1 FROM ledger_entries e
                     WHERE e.kind = 'DIPLOMA' AND e.institution_id = NEW.institution_id
                       AND ledger_document_number(e.diploma_no) = ledger_document_number(NEW.diploma_no)
                       AND ledger_entry_stands(e.id)) THEN
            RAISE EXCEPTION 'this diploma number is already recorded by the institution'
              USING ERRCODE = '23505', CONSTRAINT = 'ledger_diploma_number_taken';
          END IF;
        END IF;
        RETURN NEW;
      END $$`);
    // Triggers of one event fire in name order: ledger_entries_guard has taken the learner's lock.
    await queryRunner.query(`
      CREATE TRIGGER ledger_entries_once_guard BEFORE INSERT ON ledger_entries
      FOR EACH ROW EXECUTE FUNCTION ledger_entries_once_guard()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER ledger_entries_once_guard ON ledger_entries');
    await queryRunner.query('DROP FUNCTION ledger_entries_once_guard()');
    await queryRunner.query('DROP INDEX ledger_entries_diploma_number_idx');
    await queryRunner.query('DROP INDEX ledger_entries_certificate_number_key');
    // Exact numbers were unique before, and every row since is unique once normalised.
    await queryRunner.query(`
      CREATE UNIQUE INDEX ledger_entries_certificate_no_key ON ledger_entries
        (scheme_id, certificate_no) WHERE kind = 'CERTIFICATE'`);
    await queryRunner.query('DROP FUNCTION ledger_document_number(text)');
  }

  /**
   * Certificates after the first of each group sharing a normalised number, each group logged.
   * The ids are uuid::text, so they are safe to write into the index's predicate.
   */
  private async collidingCertificates(queryRunner: QueryRunner): Promise<string[]> {
    const groups = (await queryRunner.query(`
      SELECT scheme_id::text, ledger_document_number(certificate_no) AS number,
             array_agg(id::text ORDER BY seq) AS ids, array_agg(certificate_no ORDER BY seq) AS numbers
      FROM ledger_entries WHERE kind = 'CERTIFICATE'
      GROUP BY scheme_id, ledger_document_number(certificate_no) HAVING count(*) > 1
      ORDER BY min(seq)`)) as Collision[];
    const logger = new Logger('Migrations');
    for (const group of groups) {
      logger.warn(
        `Certificates ${group.ids.join(', ')} of scheme ${group.scheme_id} are numbered ` +
          `${group.numbers.map((number) => JSON.stringify(number)).join(', ')}: one number ` +
          `(${group.number}) once case, full-width forms and spaces are ignored. They stay ` +
          `recorded; ${group.ids[0]} keeps the number taken and the others are left out of ` +
          `ledger_entries_certificate_number_key. Check them with the certification body and ` +
          `revoke each one recorded in error (POST /v1/certificates/{id}/revocation).`,
      );
    }
    return groups.flatMap((group) => group.ids.slice(1));
  }
}
