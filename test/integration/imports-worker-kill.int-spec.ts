import { Role } from '@app/core';
import { requireRealPostgresOrSkip, waitFor } from '../support/audit-helpers';
import { startWorkerProcess, WorkerProcess } from '../support/audit-worker-process';
import {
  aCourse,
  aLearner,
  anEnrolment,
  anInstitution,
  aProgram,
  bearer,
} from '../support/factories';
import { csvBytes, importReaching, upload } from '../support/imports';
import { createTestApp, TestApp } from '../support/test-app';
import { requireRedisOrSkip } from '../support/test-redis';

const SUITE = 'import commit with its worker killed';
const runs = requireRealPostgresOrSkip(SUITE) !== null && requireRedisOrSkip(SUITE) !== null;

/** Rows enough for several commit batches (200 rows each), so the kill lands between two. */
const N = 1000;

/**
 * The commit's idempotency under a crash, on real PostgreSQL and Redis: the worker (a child
 * process) is SIGKILLed while it commits an import; what it committed stands, what it was
 * writing vanished with its transaction; a new worker picks the job up again (BullMQ's
 * stalled-job recovery) and ends with every valid row recorded exactly once.
 */
(runs ? describe : describe.skip)(SUITE, () => {
  let api: TestApp;
  let worker: WorkerProcess | undefined;
  let registrar: string;
  let importId: string;
  let learnerIds: string[];

  const counts = async () => {
    const [row]: { entries: number; committed: number; claims: number; events: number }[] =
      await api.dataSource.query(
        `SELECT (SELECT count(*)::int FROM ledger_entries WHERE learner_id = ANY($2::uuid[])) AS entries,
                (SELECT count(*)::int FROM import_rows WHERE import_id = $1 AND status = 'COMMITTED') AS committed,
                (SELECT count(*)::int FROM import_recorded_rows WHERE import_id = $1) AS claims,
                (SELECT count(*)::int FROM outbox_events
                  WHERE event_type = 'ledger.entry.recorded' AND learner_id = ANY($2::uuid[])) AS events`,
        [importId, learnerIds],
      );
    return row;
  };

  const workerOptions = () => ({
    databaseUrl: api.database.url,
    redisUrl: requireRedisOrSkip(SUITE)!,
    auditSigningKey: api.config.auditSigningKey,
    outboxHmacKey: api.config.outboxHmacKey,
    identityKey: api.config.identityKey,
    queueNamespace: api.config.queueNamespace,
  });

  beforeAll(async () => {
    api = await createTestApp('imports worker kill'); // the API alone: the worker is a child
    const school = await anInstitution(api);
    registrar = await api.tokenFor(Role.REGISTRAR, { institutionId: school });
    const programId = await aProgram(api, { institutionId: school });
    const courseId = await aCourse(api, { institutionId: school });
    const [{ code }]: { code: string }[] = await api.dataSource.query(
      'SELECT code FROM courses WHERE id = $1',
      [courseId],
    );
    learnerIds = [];
    const rows = [['姓名', '学号', '课程代码', '学期', '成绩', '完成日期']];
    for (let n = 0; n < N; n++) {
      const studentNo = `K${String(n).padStart(6, '0')}`;
      const learnerId = await aLearner(api, { name: `学生${n}` });
      await anEnrolment(api, { learnerId, institutionId: school, programId, studentNo });
      learnerIds.push(learnerId);
      rows.push([`学生${n}`, studentNo, code, '2025-2026-1', String(60 + (n % 40)), '2026-01-15']);
    }
    const response = await upload(api, registrar, 'COURSE_CREDITS', csvBytes(rows), 'term.csv');
    expect(response.status).toBe(202);
    importId = (response.body as { id: string }).id;
  }, 300_000);

  afterAll(async () => {
    await worker?.kill();
    await api?.close();
  }, 60_000);

  it('records every valid row exactly once across a SIGKILL and a restart', async () => {
    worker = await startWorkerProcess(workerOptions());
    expect(await importReaching(api, registrar, importId, ['VALIDATED'], 120_000)).toMatchObject({
      valid: N,
      invalid: 0,
    });
    await api.http().post(`/v1/imports/${importId}/commit`).set(bearer(registrar)).expect(202);
    await waitFor('the first batch committed', async () => (await counts()).committed > 0, {
      intervalMs: 5,
      timeoutMs: 120_000,
    });
    await worker.kill();
    const atKill = await counts();
    expect(atKill.committed).toBeLessThan(N);
    // What committed committed whole: each committed row has its entry, claim and event.
    expect(atKill).toEqual({
      entries: atKill.committed,
      committed: atKill.committed,
      claims: atKill.committed,
      events: atKill.committed,
    });

    worker = await startWorkerProcess(workerOptions());
    const done = await importReaching(api, registrar, importId, ['COMMITTED', 'FAILED'], 150_000);
    expect(done).toMatchObject({ status: 'COMMITTED', committed: N, rejectedAtCommit: 0 });
    expect(await counts()).toEqual({ entries: N, committed: N, claims: N, events: N });
    const perLearner: { n: number }[] = await api.dataSource.query(
      `SELECT count(*)::int AS n FROM ledger_entries WHERE learner_id = ANY($1::uuid[])
        GROUP BY learner_id HAVING count(*) <> 1`,
      [learnerIds],
    );
    expect(perLearner).toEqual([]);
  }, 360_000);
});
