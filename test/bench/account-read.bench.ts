/**
 * Row: read a learning account with 200 entries (GET /v1/learners/{id}/account), N concurrent
 * clients, against pgbench running the same SELECTs directly on the same database.
 */
import { join } from 'node:path';
import { bodySql, learnerIds, learnersSql, schoolSql, sqlUuidOf } from './support/bench-data';
import { withCpu } from './support/cpu-usage';
import { httpLoad, pgbench, Throughput } from './support/load';
import { row, Row } from './support/report';

export const ACCOUNT = 'acct';
export const ENTRIES_PER_ACCOUNT = 200;
export const ACCOUNT_SCRIPT = join(__dirname, 'sql', 'account-read.pgbench.sql');

const RECORDER = '00000000-0000-4000-8000-00000000be11';

/**
 * `accounts` learners with 200 entries each, in the order a school year would write them:
 * 150 course results (about two thirds passing), 30 certificates over three schemes, 5 diplomas,
 * and 15 reversals of earlier course results.
 */
export function accountData(accounts: number): string[] {
  const { school, statements: schoolStatements } = schoolSql(ACCOUNT, 150);
  const { body, statements: bodyStatements } = bodySql(ACCOUNT, 3);
  const learners = `generate_series(0, ${accounts - 1}) l`;
  const entry = (key: string) => sqlUuidOf(`${ACCOUNT}/entry`, key);
  return [
    ...schoolStatements,
    ...bodyStatements,
    learnersSql(ACCOUNT, 0, accounts),
    `INSERT INTO ledger_entries (id, learner_id, kind, recorded_by, recorder_role, institution_id, course_id,
                                 program_id, term, score, passed, credits, completed_at)
     SELECT ${entry(`l || ':' || c`)}, ${sqlUuidOf(`${ACCOUNT}/learner`, 'l')}, 'COURSE_CREDIT', '${RECORDER}', 'REGISTRAR',
            '${school.institutionId}', ${sqlUuidOf(`${ACCOUNT}/course`, 'c')}, '${school.programId}',
            '2024-2025-' || (1 + c % 2), 40 + (l * 7 + c * 13) % 60, (l * 7 + c * 13) % 60 >= 20,
            CASE WHEN (l * 7 + c * 13) % 60 >= 20 THEN 3.00 ELSE 0.00 END, DATE '2025-01-10' + c
     FROM ${learners}, generate_series(0, 149) c ORDER BY c, l`,
    `INSERT INTO ledger_entries (id, learner_id, kind, recorded_by, recorder_role, certification_body_id, scheme_id,
                                 level, certificate_no, issued_at, valid_until)
     SELECT ${entry(`l || ':cert:' || k`)}, ${sqlUuidOf(`${ACCOUNT}/learner`, 'l')}, 'CERTIFICATE', '${RECORDER}', 'EXAMINER',
            '${body.bodyId}', ${sqlUuidOf(`${ACCOUNT}/scheme`, 'k % 3')}, (ARRAY['JUNIOR','INTERMEDIATE','SENIOR'])[1 + k / 10],
            'A' || l || '-' || k, DATE '2024-06-30' + k, CASE WHEN k % 5 = 0 THEN DATE '2025-06-30' END
     FROM ${learners}, generate_series(0, 29) k ORDER BY k, l`,
    `INSERT INTO ledger_entries (id, learner_id, kind, recorded_by, recorder_role, institution_id, program_id,
                                 diploma_no, graduated_at)
     SELECT ${entry(`l || ':diploma:' || d`)}, ${sqlUuidOf(`${ACCOUNT}/learner`, 'l')}, 'DIPLOMA', '${RECORDER}', 'REGISTRAR',
            '${school.institutionId}', '${school.programId}', 'D' || l || '-' || d, DATE '2025-07-01'
     FROM ${learners}, generate_series(0, 4) d ORDER BY d, l`,
    `INSERT INTO ledger_entries (id, learner_id, kind, recorded_by, recorder_role, cancels_entry_id, reason)
     SELECT ${entry(`l || ':reversal:' || r`)}, ${sqlUuidOf(`${ACCOUNT}/learner`, 'l')}, 'REVERSAL', '${RECORDER}', 'REGISTRAR',
            ${entry(`l || ':' || r`)}, '成绩录入错误，更正'
     FROM ${learners}, generate_series(0, 14) r ORDER BY r, l`,
  ];
}

/** Reads the accounts round-robin. */
export function accountRequests(accounts: number) {
  const ids = learnerIds(ACCOUNT, 0, accounts);
  let counter = 0;
  return () => ({
    method: 'GET' as const,
    path: `/v1/learners/${ids[counter++ % ids.length]}/account`,
  });
}

export async function productAccountRead(
  world: { baseUrl: string; token: string; accounts: number },
  load: { clients: number; seconds: number; warmupSeconds: number },
  pids: Record<string, number | undefined> = {},
): Promise<Throughput> {
  const common = {
    baseUrl: world.baseUrl,
    connections: load.clients,
    token: world.token,
    next: accountRequests(world.accounts),
  };
  if (load.warmupSeconds > 0) await httpLoad({ ...common, seconds: load.warmupSeconds });
  return withCpu(pids, () => httpLoad({ ...common, seconds: load.seconds }));
}

export function pgbenchAccountRead(
  world: { databaseUrl: string; accounts: number },
  load: { clients: number; seconds: number },
): Promise<Throughput> {
  return pgbench({
    databaseUrl: world.databaseUrl,
    script: ACCOUNT_SCRIPT,
    clients: load.clients,
    seconds: load.seconds,
    variables: { learners: world.accounts },
  });
}

export function accountReadRow(
  mode: Row['mode'],
  clients: number,
  product: Throughput,
  limit: Throughput,
): Row {
  return row({
    path: `read a learning account with ${ENTRIES_PER_ACCOUNT} entries, ${clients} clients`,
    mode,
    product,
    limitLabel: 'pgbench, the same SELECTs, same clients',
    limit,
    goals: [{ text: 'p99 ≤ 20 ms', met: (product.p99Ms ?? Infinity) <= 20 }],
  });
}
