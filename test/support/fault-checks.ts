import { Pool } from 'pg';
import type { CreditRequest } from './fault-load';
import { sleep } from './fault-load';
import { call } from './fault-scene';

/**
 * What the fault run checks, read straight from its private database: nothing acknowledged is
 * missing, nothing is there twice, every ledger entry has exactly one audit record.
 */

/** A small pool that survives the server going away (broken connections are dropped, not thrown). */
export function checkerPool(databaseUrl: string): Pool {
  const pool = new Pool({ connectionString: databaseUrl, max: 2, connectionTimeoutMillis: 2_000 });
  pool.on('error', () => undefined);
  return pool;
}

export interface RequestCheck {
  acknowledged: number;
  /** Keys of acknowledged requests whose entry is not in the ledger (or not the pair's). */
  lost: string[];
  /** Keys of requests whose (learner, course) has more than one entry. */
  duplicated: string[];
  /** Keys whose idempotency record does not name the acknowledged entry. */
  idempotencyMismatch: string[];
}

export async function checkRequests(
  pool: Pool,
  requests: readonly CreditRequest[],
): Promise<RequestCheck> {
  const { rows } = await pool.query<{
    key: string;
    found: boolean;
    pair_rows: number;
    stored_entry: string | null;
    entry: string | null;
  }>(
    `SELECT r.key, r.entry::text AS entry,
            EXISTS (SELECT 1 FROM ledger_entries e
                     WHERE e.id = r.entry AND e.learner_id = r.learner AND e.course_id = r.course
                       AND e.kind = 'COURSE_CREDIT') AS found,
            (SELECT count(*)::int FROM ledger_entries e
              WHERE e.kind = 'COURSE_CREDIT' AND e.learner_id = r.learner AND e.course_id = r.course) AS pair_rows,
            (SELECT i.response_body->>'id' FROM idempotency_records i WHERE i.key = r.key) AS stored_entry
       FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::uuid[]) AS r(key, learner, course, entry)`,
    [
      requests.map((request) => request.key),
      requests.map((request) => request.learnerId),
      requests.map((request) => request.courseId),
      requests.map((request) => request.entryId ?? null),
    ],
  );
  const acknowledged = rows.filter((row) => row.entry !== null);
  return {
    acknowledged: acknowledged.length,
    lost: acknowledged.filter((row) => !row.found).map((row) => row.key),
    duplicated: rows.filter((row) => row.pair_rows > 1).map((row) => row.key),
    idempotencyMismatch: acknowledged
      .filter((row) => row.stored_entry !== row.entry)
      .map((row) => row.key),
  };
}

export interface AuditCheck {
  entries: number;
  /** Records of ledger entries. */
  auditRecords: number;
  /** Every record (ledger entries, and the learners and logins the scene made). */
  records: number;
  /** Entries with no audit record, or more than one. */
  entriesNotAuditedOnce: number;
  /** `tableProblems`: rows and records the verifier's table comparison found wrong. */
  verify: {
    status: number;
    valid: boolean;
    headSeq: number;
    tableProblems: number;
    problem?: string;
  };
}

export async function checkAudit(
  pool: Pool,
  apiUrl: string,
  adminToken: string,
): Promise<AuditCheck> {
  const { rows } = await pool.query<{
    entries: number;
    audit_records: number;
    records: number;
    not_once: number;
  }>(
    `SELECT (SELECT count(*)::int FROM ledger_entries) AS entries,
            (SELECT count(*)::int FROM audit_events WHERE event_type = 'ledger.entry.recorded') AS audit_records,
            (SELECT count(*)::int FROM audit_events) AS records,
            (SELECT count(*)::int FROM (
               SELECT e.id FROM ledger_entries e
                 LEFT JOIN audit_events a ON a.event #>> '{changes,0,id}' = e.id::text
                GROUP BY e.id HAVING count(a.seq) <> 1) AS wrong) AS not_once`,
  );
  const answer = await call(apiUrl, 'GET', '/v1/audit/verify', adminToken);
  const report = answer.body as {
    valid?: boolean;
    headSeq?: number;
    tables?: { problems: number }[];
    problem?: string;
  };
  return {
    entries: rows[0].entries,
    auditRecords: rows[0].audit_records,
    records: rows[0].records,
    entriesNotAuditedOnce: rows[0].not_once,
    verify: {
      status: answer.status,
      valid: report.valid === true,
      headSeq: report.headSeq ?? -1,
      tableProblems: report.tables?.reduce((sum, table) => sum + table.problems, 0) ?? -1,
      problem: report.problem,
    },
  };
}

async function tryQuery<T>(pool: Pool, sql: string): Promise<T | undefined> {
  try {
    return (await pool.query(sql)).rows[0] as T;
  } catch {
    return undefined; // the server is away (a fault); the caller polls again
  }
}

/** Waits until no outbox row is unaudited; returns false on timeout. */
export async function waitForDrain(pool: Pool, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const row = await tryQuery<{ pending: number }>(
      pool,
      'SELECT count(*)::int AS pending FROM outbox_events WHERE audited_at IS NULL',
    );
    if (row?.pending === 0) return true;
    await sleep(100);
  }
  return false;
}

/**
 * From the first moment the database answers: the newest outbox row then; returns Date.now()
 * once that row and every one before it has its audit record (null on timeout).
 */
export async function waitForAuditCatchUp(pool: Pool, timeoutMs: number): Promise<number | null> {
  const deadline = Date.now() + timeoutMs;
  let target: string | undefined;
  while (Date.now() < deadline) {
    if (target === undefined) {
      const row = await tryQuery<{ id: string | null }>(
        pool,
        'SELECT coalesce(max(id), 0)::text AS id FROM outbox_events',
      );
      target = row?.id ?? undefined;
    }
    if (target !== undefined) {
      const row = await tryQuery<{ behind: boolean }>(
        pool,
        `SELECT EXISTS (SELECT 1 FROM outbox_events WHERE audited_at IS NULL AND id <= ${BigInt(target)}) AS behind`,
      );
      if (row && !row.behind) return Date.now();
    }
    await sleep(50);
  }
  return null;
}
