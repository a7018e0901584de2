import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { Role } from '@app/core';
import { aCourse, aLearner, anInstitution, bearer } from './factories';
import { TestApp } from './test-app';
import { isCi, TestEnv } from './test-env';

/** Helpers of the audit suites: a scene to record credits in, and reads and waits on the chain. */

export interface StoredRecord {
  seq: string;
  outbox_id: string;
  learner_id: string | null;
  event_type: string;
  event: Record<string, unknown> & { changes?: { kind: string; id: string; state: unknown }[] };
  prev_hash: string;
  hash: string;
}

export async function chainRows(dataSource: Pick<DataSource, 'query'>): Promise<StoredRecord[]> {
  return dataSource.query(
    'SELECT seq, outbox_id, learner_id, event_type, event, prev_hash, hash FROM audit_events WHERE chain_id = 1 ORDER BY seq',
  );
}

export async function auditCount(dataSource: Pick<DataSource, 'query'>): Promise<number> {
  const rows: { n: number }[] = await dataSource.query(
    'SELECT count(*)::int AS n FROM audit_events',
  );
  return rows[0].n;
}

/** Polls until `check` returns true; fails with `what` and the last value seen. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
}

/** Waits until at least `expected` audit records exist. */
export async function waitForAudit(
  dataSource: Pick<DataSource, 'query'>,
  expected: number,
  timeoutMs = 30_000,
): Promise<void> {
  let last = -1;
  await waitFor(
    `${expected} audit records`,
    async () => {
      last = await auditCount(dataSource);
      return last >= expected;
    },
    { timeoutMs },
  ).catch((error: Error) => {
    throw new Error(`${error.message} (have ${last})`);
  });
}

/**
 * Waits until every outbox row has its audit record or was refused (the scene's learners and
 * logins as well as the credits), and returns how many records the chain then holds.
 */
export async function waitForAuditCaughtUp(
  dataSource: Pick<DataSource, 'query'>,
  timeoutMs = 30_000,
): Promise<number> {
  await waitFor(
    'every outbox row audited',
    async () => {
      const rows: { n: number }[] = await dataSource.query(
        'SELECT count(*)::int AS n FROM outbox_events WHERE audited_at IS NULL AND rejected_at IS NULL',
      );
      return rows[0].n === 0;
    },
    { timeoutMs },
  );
  return auditCount(dataSource);
}

/** The records of ledger entries, in seq order. */
export function ledgerRecords(rows: StoredRecord[]): StoredRecord[] {
  return rows.filter((row) => row.event_type === 'ledger.entry.recorded');
}

/** A school with `courses` courses and `learners` learners, and tokens for its registrar and an admin. */
export interface AuditScene {
  school: string;
  courses: string[];
  learners: string[];
  registrar: string;
  admin: string;
}

export async function anAuditScene(
  t: TestApp,
  sizes: { courses: number; learners: number },
): Promise<AuditScene> {
  const school = await anInstitution(t);
  const courses: string[] = [];
  for (let i = 0; i < sizes.courses; i++) courses.push(await aCourse(t, { institutionId: school }));
  const learners: string[] = [];
  for (let i = 0; i < sizes.learners; i++)
    learners.push(await aLearner(t, { enrolledAt: [school] }));
  return {
    school,
    courses,
    learners,
    registrar: await t.tokenFor(Role.REGISTRAR, { institutionId: school }),
    admin: await t.tokenFor(Role.ADMIN),
  };
}

/** The n-th distinct (learner, course) pair of a scene: one passing credit each. */
export function creditPair(scene: AuditScene, n: number): { learnerId: string; courseId: string } {
  const learnerId = scene.learners[n % scene.learners.length];
  const courseId = scene.courses[Math.floor(n / scene.learners.length)];
  if (courseId === undefined)
    throw new Error(
      `the scene has room for ${scene.learners.length * scene.courses.length} credits`,
    );
  return { learnerId, courseId };
}

/** POST /v1/learners/{id}/course-credits of the scene's n-th pair as its registrar; the raw answer. */
export function postSceneCredit(t: TestApp, options: { scene: AuditScene; n: number }) {
  const { scene, n } = options;
  const { learnerId, courseId } = creditPair(scene, n);
  return t
    .http()
    .post(`/v1/learners/${learnerId}/course-credits`)
    .set(bearer(scene.registrar))
    .send({ courseId, term: '2025-2026-1', score: 60 + (n % 40), completedAt: '2025-01-10' });
}

/**
 * Gives this test file a Redis database of its own on TEST_REDIS_URL (emptied first), so that
 * other files' workers on the shared Redis never take its audit jobs and jobIds of earlier
 * runs (outbox ids restart with each test database) never de-duplicate its new ones.
 */
export async function useOwnRedisDatabase(index: number): Promise<void> {
  const shared = process.env[TestEnv.redisUrl]?.trim();
  if (!shared) return;
  const url = new URL(shared);
  url.pathname = `/${index}`;
  const redis = new Redis(url.toString(), { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
  process.env[TestEnv.redisUrl] = url.toString();
}

/**
 * Suites that need a real PostgreSQL server (tampering as a database user would, killing
 * processes): null locally without TEST_DATABASE_URL, with one line saying why; under CI an error.
 */
export function requireRealPostgresOrSkip(suiteName: string): string | null {
  const url = process.env[TestEnv.databaseUrl]?.trim();
  if (url) return url;
  if (isCi())
    throw new Error(
      `${suiteName}: ${TestEnv.databaseUrl} is not set, and CI=true requires every service.`,
    );
  process.stdout.write(
    `[skip] ${suiteName}: ${TestEnv.databaseUrl} is not set (it runs on real PostgreSQL only).\n`,
  );
  return null;
}
