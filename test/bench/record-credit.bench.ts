/**
 * Row: record a course credit over HTTP (Idempotency-Key, outbox, every check), N concurrent
 * clients, against pgbench replaying the same SQL transaction on the same database with the same
 * number of clients. Every request records a new (learner, course) pair, so every one is a 201.
 */
import { join } from 'node:path';
import { enrolmentsSql, learnerIds, learnersSql, schoolSql } from './support/bench-data';
import { withCpu } from './support/cpu-usage';
import { httpLoad, pgbench, Throughput } from './support/load';
import { Goal, row, Row } from './support/report';

export const RECORD_SCHOOL = 'rec';
export const RECORD_COURSES = 40;
export const RECORD_SCRIPT = join(__dirname, 'sql', 'record-credit.pgbench.sql');

export interface RecordWorld {
  baseUrl: string;
  databaseUrl: string;
  registrar: { userId: string; token: string };
  institutionId: string;
  /** Learners per side: the product uses learners [0, n), pgbench [n, 2n). */
  learners: number;
}

/** A school with courses and 2 × `learners` enrolled learners (half for the product, half for pgbench). */
export function recordCreditData(learners: number): {
  institutionId: string;
  statements: string[];
} {
  const { school, statements } = schoolSql(RECORD_SCHOOL, RECORD_COURSES);
  return {
    institutionId: school.institutionId,
    statements: [
      ...statements,
      learnersSql(RECORD_SCHOOL, 0, 2 * learners),
      enrolmentsSql(RECORD_SCHOOL, school, 0, 2 * learners),
    ],
  };
}

/**
 * Walks (learner, course) pairs learner-first, so that concurrent requests hold different
 * learner locks, as a term's results from many classes would; each pair once per run.
 */
export class CreditRequests {
  private counter = 0;
  private readonly learnerIds: string[];
  private readonly courseIds: string[];

  constructor(
    learners: number,
    private readonly runTag: string,
  ) {
    this.learnerIds = learnerIds(RECORD_SCHOOL, 0, learners);
    this.courseIds = schoolSql(RECORD_SCHOOL, RECORD_COURSES).school.courseIds;
  }

  next = () => {
    const pair = this.counter++;
    const learnerId = this.learnerIds[pair % this.learnerIds.length];
    const courseId =
      this.courseIds[Math.floor(pair / this.learnerIds.length) % this.courseIds.length];
    return {
      method: 'POST' as const,
      path: `/v1/learners/${learnerId}/course-credits`,
      body: { courseId, term: '2024-2025-1', score: 85, completedAt: '2025-01-10' },
      headers: { 'idempotency-key': `${this.runTag}-${pair}` },
    };
  };

  get issued(): number {
    return this.counter;
  }
}

/** Warm-up, then the measured load; `pids` name the processes whose CPU per request is reported. */
export async function productRecordCredit(
  world: RecordWorld,
  requests: CreditRequests,
  load: { clients: number; seconds: number; warmupSeconds: number },
  pids: Record<string, number | undefined> = {},
): Promise<Throughput> {
  const common = {
    baseUrl: world.baseUrl,
    connections: load.clients,
    token: world.registrar.token,
    next: requests.next,
  };
  if (load.warmupSeconds > 0) await httpLoad({ ...common, seconds: load.warmupSeconds });
  return withCpu(pids, () => httpLoad({ ...common, seconds: load.seconds }));
}

export function pgbenchRecordCredit(
  world: RecordWorld,
  load: { clients: number; seconds: number },
): Promise<Throughput> {
  return pgbench({
    databaseUrl: world.databaseUrl,
    script: RECORD_SCRIPT,
    clients: load.clients,
    seconds: load.seconds,
    variables: {
      counter: 0,
      clients: load.clients,
      learners: world.learners,
      learner_base: world.learners,
      courses: RECORD_COURSES,
      user_id: world.registrar.userId,
      institution_id: world.institutionId,
      run: Math.floor(Date.now() / 1000) % 1_000_000,
    },
  });
}

export function recordCreditRow(
  mode: Row['mode'],
  clients: number,
  product: Throughput,
  limit: Throughput,
  note?: string,
): Row {
  const ratio = limit.rate > 0 ? product.rate / limit.rate : 0;
  const goals: Goal[] = [{ text: '≥ 0.8× pgbench', met: ratio >= 0.8 }];
  if (mode === 'server')
    goals.push({ text: 'p99 ≤ 50 ms', met: (product.p99Ms ?? Infinity) <= 50 });
  return row({
    path: `record a course credit over HTTP, ${clients} clients`,
    mode,
    product,
    limitLabel: 'pgbench, same SQL transaction, same clients',
    limit,
    goals,
    note,
  });
}
