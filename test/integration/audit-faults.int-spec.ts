import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AuditAppender, AuditPipelineSettings, AuditVerifier } from '@app/audit';
import { QueueName } from '@app/core';
import { OutboxHmac, OutboxStore } from '@app/outbox';
import { isCi } from '../support/test-env';
import {
  anAuditScene,
  AuditScene,
  auditCount,
  chainRows,
  postSceneCredit,
  requireRealPostgresOrSkip,
  waitFor,
  waitForAudit,
  waitForAuditCaughtUp,
} from '../support/audit-helpers';
import { PrivateRedis } from '../support/private-redis';
import { auditTuning } from '../support/audit-tuning';
import { startWorkerProcess, WorkerProcess } from '../support/audit-worker-process';
import { createTestApp, TestApp } from '../support/test-app';

function redisServerOrSkip(suite: string): boolean {
  if (PrivateRedis.available()) return true;
  if (isCi())
    throw new Error(`${suite}: redis-server is not installed, and CI=true requires every service.`);
  process.stdout.write(`[skip] ${suite}: no redis-server binary to run a private Redis.\n`);
  return false;
}

const SUITE = 'audit delivery under faults';
const runs = requireRealPostgresOrSkip(SUITE) !== null && redisServerOrSkip(SUITE);

/** Short timeouts so that recovery paths run within the test; production waits longer. */
const TUNING = { resendAfterMs: 1_500, pollIntervalMs: 200, treeHeadEveryMs: 3_600_000 };

/**
 * Invariant 6 under faults, on real PostgreSQL and a private redis-server (started, killed and
 * restarted EMPTY by the test, so the Redis other suites use is never touched): every committed
 * ledger change ends up in the chain exactly once, gapless, whatever Redis or the worker lose.
 */
(runs ? describe : describe.skip)(
  'audit delivery under faults (real PostgreSQL, private Redis)',
  () => {
    let redis: PrivateRedis;

    beforeAll(async () => {
      redis = await PrivateRedis.start();
      process.env.TEST_REDIS_URL = redis.url;
    }, 30_000);

    afterAll(async () => {
      await redis?.stop();
    });

    describe('Redis restarting empty', () => {
      let t: TestApp;
      let scene: AuditScene;
      /** The scene's records (learners, logins), audited before the first credit. */
      let base: number;

      beforeAll(async () => {
        await redis.restartEmpty();
        t = await createTestApp('audit redis loss', {
          withWorker: true,
          modules: [auditTuning(TUNING)],
        });
        scene = await anAuditScene(t, { courses: 10, learners: 10 });
        base = await waitForAuditCaughtUp(t.dataSource);
      }, 120_000);

      afterAll(async () => {
        await t?.close();
      }, 60_000);

      it('re-sends rows whose jobs Redis lost, so each is audited once', async () => {
        // Paused globally, in Redis: jobs stay queued there, where the restart will lose them
        // (and the pause with them).
        await t.app.get<Queue>(getQueueToken(QueueName.audit)).pause();
        for (let n = 0; n < 20; n++) await postSceneCredit(t, { scene, n }).expect(201);
        await waitFor('all 20 rows handed to the queue', async () => {
          const rows: { n: number }[] = await t.dataSource.query(
            'SELECT count(*)::int AS n FROM outbox_events WHERE dispatched_at IS NOT NULL AND audited_at IS NULL',
          );
          return rows[0].n === 20;
        });
        const [queued]: { n: number }[] = await t.dataSource.query(
          'SELECT count(*)::int AS n FROM audit_events',
        );
        expect(queued.n).toBe(base);
        await redis.restartEmpty();
        await waitForAudit(t.dataSource, base + 20, 45_000);
        const resent: { n: number }[] = await t.dataSource.query(
          'SELECT count(*)::int AS n FROM outbox_events WHERE dispatch_count >= 2',
        );
        // Only the relay's re-send could bring them back (the first re-sent job appends every pending row).
        expect(resent[0].n).toBeGreaterThan(0);
        await expectExactChain(t, base + 20);
      }, 90_000);

      it('keeps every 2xx of a burst across an outage: requests do not hang, records are exact', async () => {
        const before = await auditCount(t.dataSource);
        const latencies: number[] = [];
        const send = async (n: number) => {
          const started = Date.now();
          await postSceneCredit(t, { scene, n }).expect(201);
          latencies.push(Date.now() - started);
        };
        const burst = async (from: number, to: number) => {
          for (let n = from; n < to; n += 6)
            await Promise.all(Array.from({ length: Math.min(6, to - n) }, (_, i) => send(n + i)));
        };
        await burst(20, 44);
        await redis.kill();
        await burst(44, 68);
        await redis.start(); // empty
        await burst(68, 80);
        await waitForAudit(t.dataSource, before + 60, 45_000);
        expect(Math.max(...latencies)).toBeLessThan(3_000);
        await expectExactChain(t, base + 80);
      }, 120_000);
    });

    describe('several appenders on separate connections (as on several machines)', () => {
      let t: TestApp;
      const sessions: DataSource[] = [];

      beforeAll(async () => {
        t = await createTestApp('audit concurrent appenders'); // no worker: the test is the worker
        const scene = await anAuditScene(t, { courses: 4, learners: 10 });
        for (let n = 0; n < 40; n += 8) {
          await Promise.all(
            Array.from({ length: 8 }, (_, i) =>
              postSceneCredit(t, { scene, n: n + i }).expect(201),
            ),
          );
        }
        for (let i = 0; i < 4; i++) {
          sessions.push(
            await new DataSource({
              type: 'postgres',
              url: t.database.url,
              extra: { max: 4 },
            }).initialize(),
          );
        }
      }, 120_000);

      afterAll(async () => {
        await Promise.all(sessions.map((session) => session.destroy()));
        await t?.close();
      }, 60_000);

      it('serialise on the chain lock: every row once, gapless, each job delivered three times at once', async () => {
        const ids: { id: string }[] = await t.dataSource.query(
          'SELECT id FROM outbox_events ORDER BY id',
        );
        const settings = new AuditPipelineSettings({ mode: 'server' }, { appendBatchSize: 3 });
        const appenders = sessions.map(
          (session) =>
            new AuditAppender(
              session,
              settings,
              new OutboxStore(),
              OutboxHmac.fromBase64(t.config.outboxHmacKey),
            ),
        );
        const deliveries = ids.flatMap(({ id }, n) =>
          [0, 1, 2].map((copy) => appenders[(n + copy) % appenders.length].appendOutbox([id])),
        );
        const outcomes = await Promise.all(deliveries);
        // 40 credits, and the scene's learners and logins before them.
        expect(outcomes.reduce((sum, outcome) => sum + outcome.appended, 0)).toBe(ids.length);
        await expectExactChain(t, ids.length);
      }, 60_000);
    });

    describe('a worker process killed mid-batch', () => {
      let api: TestApp;
      let worker: WorkerProcess | undefined;
      const N = 240;
      /** N credits, and the scene's learners and logins before them. */
      let records: number;

      beforeAll(async () => {
        await redis.restartEmpty();
        api = await createTestApp('audit worker kill'); // the API alone: the worker is a child process
        const scene = await anAuditScene(api, { courses: 12, learners: 20 });
        for (let n = 0; n < N; n += 8)
          await Promise.all(
            Array.from({ length: 8 }, (_, i) =>
              postSceneCredit(api, { scene, n: n + i }).expect(201),
            ),
          );
        const [outbox]: { n: number }[] = await api.dataSource.query(
          'SELECT count(*)::int AS n FROM outbox_events',
        );
        records = outbox.n;
      }, 180_000);

      afterAll(async () => {
        await worker?.kill();
        await api?.close();
      }, 60_000);

      it('leaves no duplicate and no gap after SIGKILL and a restart', async () => {
        const options = {
          databaseUrl: api.database.url,
          redisUrl: redis.url,
          auditSigningKey: api.config.auditSigningKey,
          outboxHmacKey: api.config.outboxHmacKey,
          // Small batches: many short transactions, so the kill lands inside one.
          tuning: { ...TUNING, appendBatchSize: 2, relayBatchSize: 40 },
        };
        worker = await startWorkerProcess(options);
        let heldLock = false;
        await waitFor(
          'the worker to be appending, holding the chain lock',
          async () => {
            const [state]: { appended: number; locked: boolean }[] = await api.dataSource.query(
              `SELECT (SELECT count(*)::int FROM audit_events) AS appended,
                    EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted) AS locked`,
            );
            heldLock = state.locked;
            return state.appended > 0 && state.locked;
          },
          { intervalMs: 2, timeoutMs: 60_000 },
        );
        await worker.kill();
        const atKill = await auditCount(api.dataSource);
        expect(heldLock).toBe(true);
        expect(atKill).toBeGreaterThan(0);
        expect(atKill).toBeLessThan(records);
        // The killed transaction left nothing behind: records and audited_at marks agree.
        const [marks]: { n: number }[] = await api.dataSource.query(
          'SELECT count(*)::int AS n FROM outbox_events WHERE audited_at IS NOT NULL',
        );
        expect(marks.n).toBe(atKill);
        await expectExactChain(api, atKill);

        worker = await startWorkerProcess(options);
        await waitForAudit(api.dataSource, records, 60_000);
        await expectExactChain(api, records);
      }, 180_000);
    });
  },
);

/** Exactly `expected` records: seq 1..expected, one per outbox row and audited row, verifying. */
async function expectExactChain(t: TestApp, expected: number): Promise<void> {
  const rows = await chainRows(t.dataSource);
  expect(rows.map((row) => Number(row.seq))).toEqual(
    Array.from({ length: expected }, (_, i) => i + 1),
  );
  expect(new Set(rows.map((row) => row.outbox_id)).size).toBe(expected);
  expect(new Set(rows.map((row) => row.event.changes?.[0]?.id)).size).toBe(expected);
  const report = await t.app.get(AuditVerifier).verify();
  expect(report).toMatchObject({ valid: true, headSeq: expected, problems: [] });
  const audited = report.tables.reduce((sum, table) => sum + table.audited, 0);
  if (report.tables.every((table) => table.pending === 0)) expect(audited).toBe(expected);
}
