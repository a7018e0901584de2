import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createTestApp, TestApp } from '../support/test-app';
import { aCourse, aLearner, anInstitution, aProgram } from '../support/factories';

/**
 * A worker's connection lives for days while the ledger grows from nothing. PL/pgSQL caches a
 * trigger's plans per connection, and a plan made when ledger_entries held a handful of rows
 * (a sequential scan is cheapest then) would be kept for as long as nothing invalidates it —
 * with autovacuum off, as on this machine, nothing does — turning every guard check into a scan of the whole ledger
 * (a bulk import measured 10 ms a row at 30,000 entries). The guards rule the sequential
 * scan out, so their cached plans look rows up by index at any size. auto_explain shows the
 * plan the guard really ran.
 */
describe("the ledger guards' plans in a connection that outlives the ledger's growth", () => {
  let t: TestApp;
  let school: string;
  let course: string;
  let session: Client;
  const plans: string[] = [];

  beforeAll(async () => {
    t = await createTestApp('ledger guard plans');
    school = await anInstitution(t);
    const program = await aProgram(t, { institutionId: school });
    course = await aCourse(t, { institutionId: school, programId: program });
    session = new Client({ connectionString: t.database.superuserUrl });
    await session.connect();
    session.on('notice', (notice) => plans.push(notice.message ?? ''));
    await session.query("LOAD 'auto_explain'");
    await session.query(`SET auto_explain.log_min_duration = 0;
      SET auto_explain.log_nested_statements = on;
      SET auto_explain.log_level = notice;
      SET client_min_messages = notice`);
  }, 120_000);

  afterAll(async () => {
    await session?.end();
    await t?.close();
  }, 60_000);

  async function credit(learnerId: string): Promise<void> {
    await session.query(
      `INSERT INTO ledger_entries (recorded_by, recorder_role, learner_id, kind, institution_id,
              course_id, term, score, passed, credits, completed_at)
       VALUES ($1, 'ADMIN', $2, 'COURSE_CREDIT', $3, $4, '2025-2026-1', 80, true, 4, '2026-01-10')`,
      [randomUUID(), learnerId, school, course],
    );
  }

  /** The plan auto_explain reported for the guard's standing-credit check. */
  const standingCheckPlans = () =>
    plans.filter((plan) => plan.includes("e.kind = 'COURSE_CREDIT' AND e.passed"));

  it('looks a learner up by index once the ledger is large, though the session first met it nearly empty', async () => {
    // Statistics of the empty ledger, as a fresh database analysed before its first term has.
    await session.query('ANALYZE ledger_entries');
    // More than five calls: PostgreSQL settles on a generic plan after the fifth.
    for (let i = 0; i < 8; i++) await credit(await aLearner(t));
    await t.dataSource.query(
      `WITH learners AS (
         INSERT INTO learners (name, id_type, id_lookup_hash, id_number_encrypted, id_number_masked)
         SELECT 'bulk ' || n, 'PASSPORT', md5('bulk' || n) || md5(n::text), 'x', '***'
           FROM generate_series(1, 3000) AS n
         RETURNING id)
       INSERT INTO ledger_entries (recorded_by, recorder_role, learner_id, kind, institution_id,
              course_id, term, score, passed, credits, completed_at)
       SELECT gen_random_uuid(), 'ADMIN', id, 'COURSE_CREDIT', $1, $2, '2025-2026-1', 50, false, 0, '2026-01-10'
         FROM learners`,
      [school, course],
    );
    plans.length = 0;
    await credit(await aLearner(t));
    const [plan] = standingCheckPlans();
    expect(plan).toMatch(/Index (Only )?Scan using \S+ on ledger_entries e/);
    expect(plan).not.toMatch(/Seq Scan on ledger_entries/);
  });
});
