import { Role } from '@app/core';
import { createTestApp, TestApp } from '../support/test-app';
import {
  aCertificationBody,
  aCourse,
  aLearner,
  anInstitution,
  aScheme,
  bearer,
} from '../support/factories';
import { rowCount } from '../support/table-counts';

/**
 * Races on real PostgreSQL only: the embedded database runs one transaction at a time, so it
 * cannot show what a lock or a unique index does under contention.
 */
const realPostgres = Boolean(process.env.TEST_DATABASE_URL);
if (!realPostgres) {
  if (process.env.CI === 'true') throw new Error('ledger races need TEST_DATABASE_URL under CI');
  process.stdout.write(
    '[skip] ledger races: TEST_DATABASE_URL is not set (they run on real PostgreSQL only)\n',
  );
}

(realPostgres ? describe : describe.skip)('ledger invariants under concurrent requests', () => {
  let t: TestApp;
  let school: string;
  let course: string;
  let scheme: string;
  let registrar: string;
  let examiner: string;

  beforeAll(async () => {
    t = await createTestApp('ledger concurrency', { env: { DB_POOL_SIZE: '24' } });
    school = await anInstitution(t);
    course = await aCourse(t, { institutionId: school });
    const body = await aCertificationBody(t);
    scheme = await aScheme(t, { certificationBodyId: body });
    registrar = await t.tokenFor(Role.REGISTRAR, { institutionId: school });
    examiner = await t.tokenFor(Role.EXAMINER, { certificationBodyId: body });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  const passing = { term: '2025-2026-1', score: 90, completedAt: '2026-01-10' };

  it('twenty concurrent identical requests with one Idempotency-Key make exactly one entry and one answer', async () => {
    const learner = await aLearner(t, { enrolledAt: [school], registeredFor: [scheme] });
    const before = await rowCount(t, 'ledger_entries');
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        t
          .http()
          .post(`/v1/learners/${learner}/course-credits`)
          .set(bearer(registrar))
          .set('idempotency-key', 'race-key-1')
          .send({ courseId: course, ...passing }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(201));
    expect(new Set(responses.map((response) => response.body.id)).size).toBe(1);
    expect(await rowCount(t, 'ledger_entries')).toBe(before + 1);
  });

  it('ten concurrent passing credits for one course under different keys: one 201, nine 409', async () => {
    const learner = await aLearner(t, { enrolledAt: [school], registeredFor: [scheme] });
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t
          .http()
          .post(`/v1/learners/${learner}/course-credits`)
          .set(bearer(registrar))
          .set('idempotency-key', `race-credit-${i}`)
          .send({ courseId: course, ...passing }),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(409)]);
    const rows = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM ledger_entries WHERE learner_id = $1 AND kind = 'COURSE_CREDIT'`,
      [learner],
    );
    expect(rows[0].n).toBe(1);
  });

  it('one certificate number across concurrent learners: exactly one is recorded', async () => {
    const learners = await Promise.all(
      Array.from({ length: 8 }, () =>
        aLearner(t, { enrolledAt: [school], registeredFor: [scheme] }),
      ),
    );
    const responses = await Promise.all(
      learners.map((learner) =>
        t.http().post(`/v1/learners/${learner}/certificates`).set(bearer(examiner)).send({
          schemeId: scheme,
          level: 'JUNIOR',
          certificateNo: 'RACE-CERT-0001',
          issuedAt: '2026-03-01',
        }),
      ),
    );
    expect(responses.filter((response) => response.status === 201)).toHaveLength(1);
    expect(responses.filter((response) => response.status === 409)).toHaveLength(7);
  });

  it('concurrent reversals of one entry: exactly one correction', async () => {
    const learner = await aLearner(t, { enrolledAt: [school], registeredFor: [scheme] });
    const entry = await t
      .http()
      .post(`/v1/learners/${learner}/course-credits`)
      .set(bearer(registrar))
      .send({ courseId: course, ...passing })
      .expect(201);
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t
          .http()
          .post(`/v1/entries/${entry.body.id}/reversal`)
          .set(bearer(registrar))
          .send({ reason: `typo ${i}` }),
      ),
    );
    expect(responses.filter((response) => response.status === 201)).toHaveLength(1);
    expect(responses.filter((response) => response.status === 409)).toHaveLength(7);
    const rows = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM ledger_entries WHERE cancels_entry_id = $1`,
      [entry.body.id],
    );
    expect(rows[0].n).toBe(1);
  });
});
