import { Role } from '@app/core';
import { createTestApp, TestApp } from '../support/test-app';
import { aCourse, aLearner, anInstitution, bearer } from '../support/factories';

describe('the ledger is append-only in the database itself', () => {
  let t: TestApp;
  let entryId: string;
  let learner: string;
  let course: string;

  beforeAll(async () => {
    t = await createTestApp('ledger immutability');
    const school = await anInstitution(t);
    course = await aCourse(t, { institutionId: school });
    learner = await aLearner(t, { enrolledAt: [school] });
    const registrar = await t.tokenFor(Role.REGISTRAR, { institutionId: school });
    const response = await t
      .http()
      .post(`/v1/learners/${learner}/course-credits`)
      .set(bearer(registrar))
      .send({ courseId: course, term: '2025-2026-1', score: 75, completedAt: '2026-01-10' })
      .expect(201);
    entryId = response.body.id;
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  it.each([
    ['UPDATE', `UPDATE ledger_entries SET score = 100 WHERE id = $1`],
    ['DELETE', `DELETE FROM ledger_entries WHERE id = $1`],
  ])(
    'refuses a raw %s with SQLSTATE CB001, even to a superuser, and leaves the row as it was',
    async (_verb, sql) => {
      await expect(t.superuser.query(sql, [entryId])).rejects.toMatchObject({
        driverError: { code: 'CB001' },
      });
      const rows = await t.dataSource.query(`SELECT score FROM ledger_entries WHERE id = $1`, [
        entryId,
      ]);
      expect(rows).toEqual([{ score: '75.00' }]);
    },
  );

  // The application's own role is refused these before any trigger (database-roles.int-spec.ts).
  it('refuses TRUNCATE, even to a superuser', async () => {
    await expect(t.superuser.query('TRUNCATE ledger_entries CASCADE')).rejects.toMatchObject({
      driverError: { code: 'CB001' },
    });
  });

  it('refuses a second standing passing credit inserted by hand, bypassing the application', async () => {
    await expect(
      t.dataSource.query(
        `INSERT INTO ledger_entries (learner_id, kind, recorded_by, recorder_role, institution_id, course_id, term, score, passed, credits, completed_at)
         SELECT learner_id, kind, recorded_by, recorder_role, institution_id, course_id, term, 99, true, credits, completed_at
         FROM ledger_entries WHERE id = $1`,
        [entryId],
      ),
    ).rejects.toMatchObject({
      driverError: { code: '23505', constraint: 'ledger_one_passing_credit' },
    });
  });

  it('refuses a correction of a correction and a second cancellation by hand', async () => {
    const reversal = await t.dataSource.query(
      `INSERT INTO ledger_entries (learner_id, kind, recorded_by, recorder_role, cancels_entry_id, reason)
       SELECT learner_id, 'REVERSAL', recorded_by, recorder_role, id, 'by hand' FROM ledger_entries WHERE id = $1 RETURNING id`,
      [entryId],
    );
    await expect(
      t.dataSource.query(
        `INSERT INTO ledger_entries (learner_id, kind, recorded_by, recorder_role, cancels_entry_id, reason)
         SELECT learner_id, 'REVERSAL', recorded_by, recorder_role, id, 'again' FROM ledger_entries WHERE id = $1`,
        [entryId],
      ),
    ).rejects.toMatchObject({
      driverError: { code: '23505', constraint: 'ledger_entries_cancels_once_key' },
    });
    await expect(
      t.dataSource.query(
        `INSERT INTO ledger_entries (learner_id, kind, recorded_by, recorder_role, cancels_entry_id, reason)
         SELECT learner_id, 'REVERSAL', recorded_by, recorder_role, id, 'undo' FROM ledger_entries WHERE id = $1`,
        [reversal[0].id],
      ),
    ).rejects.toMatchObject({
      driverError: { code: '23514', constraint: 'ledger_cancel_not_correction' },
    });
  });
});
