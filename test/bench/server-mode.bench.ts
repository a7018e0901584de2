/**
 * Server mode: the built API and worker as separate processes on the local PostgreSQL and Redis,
 * a fresh database of the run's own. Rows: record a credit, read an account, the portal opening
 * that account in Chromium, the record path's profile, a bulk import of a term's grades, the
 * eligibility scan; then the audit rows
 * (from audit-throughput.ts and audit-proofs.bench.ts) with the product stopped, so nothing else
 * competes for the cores.
 */
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ACCOUNT,
  ACCOUNT_SCRIPT,
  accountData,
  accountReadRow,
  ENTRIES_PER_ACCOUNT,
  pgbenchAccountRead,
  productAccountRead,
} from './account-read.bench';
import { proofRows } from './audit-proofs.bench';
import { portalRow } from './portal.bench';
import { auditRows } from './outbox-chain.bench';
import { scanRow } from './eligibility-scan.bench';
import { importRows } from './import.bench';
import { profileRecordCredit } from './profile-record-credit.bench';
import {
  CreditRequests,
  pgbenchRecordCredit,
  productRecordCredit,
  RECORD_SCRIPT,
  recordCreditData,
  recordCreditRow,
  RecordWorld,
} from './record-credit.bench';
import { bulkLoad, learnerIds, schoolSql, withClient } from './support/bench-data';
import { BenchHttp } from './support/bench-http';
import { settings } from './support/bench-settings';
import {
  ADMIN,
  API_MAIN,
  createBenchDatabase,
  freePort,
  ProductProcess,
  serverEnv,
  startProduct,
  waitForReady,
  WORKER_MAIN,
} from './support/product-process';
import type { Row } from './support/report';
import { captureSql, describeStatements, pgbenchStatements } from './support/sql-capture';

export interface Report {
  rows: Row[];
  extra: string[];
  details: Record<string, unknown>;
}

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

/** Waits until every outbox row is audited; returns how long that took. */
export async function outboxDrained(
  databaseUrl: string,
  timeoutMs: number,
): Promise<number | null> {
  const started = performance.now();
  return withClient(databaseUrl, async (client) => {
    while (performance.now() - started < timeoutMs) {
      const { rows } = await client.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM outbox_events WHERE audited_at IS NULL',
      );
      if (rows[0].n === 0) return Math.round(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return null;
  });
}

export async function runServerMode(report: Report): Promise<void> {
  const database = await createBenchDatabase(settings.postgresAdminUrl);
  const port = await freePort();
  const env = serverEnv(database.url, settings.redisUrl, port);
  const captureFile = join(tmpdir(), `bench-sql-${randomBytes(4).toString('hex')}.jsonl`);
  const processes: ProductProcess[] = [];
  const load = {
    clients: settings.clients,
    seconds: settings.seconds,
    warmupSeconds: settings.warmupSeconds,
  };
  try {
    log(`server mode: database ${database.name}, Redis ${settings.redisUrl}`);
    const api = startProduct('api', API_MAIN, { env, probe: { kind: 'sql', file: captureFile } });
    processes.push(api);
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitForReady(api, `${baseUrl}/health/live`);

    log('generating data (set-based SQL)');
    const record = recordCreditData(settings.recordLearners);
    await bulkLoad(database.url, [...record.statements, ...accountData(settings.accounts)]);
    const http = new BenchHttp(baseUrl);
    const admin = http.as(await http.login(ADMIN.username, ADMIN.password));
    const registrar = await admin.staff('bench-registrar', 'REGISTRAR', {
      institutionId: record.institutionId,
    });
    // The school that recorded the read accounts' outcomes reaches them (and each read is
    // written to the access log, as a registrar's read is).
    const reader = await admin.staff('bench-reader', 'REGISTRAR', {
      institutionId: schoolSql(ACCOUNT, 0).school.institutionId,
    });
    const world: RecordWorld = {
      baseUrl,
      databaseUrl: database.url,
      registrar,
      institutionId: record.institutionId,
      learners: settings.recordLearners,
    };
    const credits = new CreditRequests(
      settings.recordLearners,
      `bench-${randomBytes(3).toString('hex')}`,
    );

    // What one request sends to PostgreSQL, shown in the report beside the pgbench script.
    const captured = await captureSql(api, captureFile, async () => {
      const request = credits.next();
      await registrar.http.request('POST', request.path, request.body, [201], request.headers);
    });
    const capturedRead = await captureSql(api, captureFile, async () => {
      await reader.http.get(`/v1/learners/${learnerIds(ACCOUNT, 0, 1)[0]}/account`);
    });
    report.details.recordCreditSql = captured;
    report.extra.push(
      '',
      `SQL of one record-credit request (${captured.length} statements; ${RECORD_SCRIPT.replace(/.*test\/bench\//, 'test/bench/')} ` +
        `replays ${pgbenchStatements(RECORD_SCRIPT)}):`,
      '',
      ...describeStatements(captured).map((line) => `    ${line}`),
      '',
      `SQL of one account read (${capturedRead.length} statements; ${ACCOUNT_SCRIPT.replace(/.*test\/bench\//, 'test/bench/')} ` +
        `replays ${pgbenchStatements(ACCOUNT_SCRIPT)}):`,
      '',
      ...describeStatements(capturedRead).map((line) => `    ${line}`),
    );

    // pgbench first, before the worker runs: the limit gets the cores to itself. Its outbox rows
    // are then removed, so that the worker does not audit them while the product is measured.
    log(`record credit: pgbench, ${load.clients} clients, ${load.seconds} s`);
    const maxOutboxId = await withClient(database.url, async (client) => {
      const { rows } = await client.query<{ id: string }>(
        'SELECT coalesce(max(id), 0)::text AS id FROM outbox_events',
      );
      return rows[0].id;
    });
    const recordLimit = await pgbenchRecordCredit(world, load);
    await withClient(database.url, (client) =>
      client.query('DELETE FROM outbox_events WHERE id > $1', [maxOutboxId]),
    );

    const worker = startProduct('worker', WORKER_MAIN, { env });
    processes.push(worker);
    if ((await outboxDrained(database.url, 60_000)) === null)
      throw new Error(`the worker did not start:\n${worker.output()}`);

    log(
      `record credit: product over HTTP, ${load.clients} clients, ${load.warmupSeconds} s warm-up + ${load.seconds} s`,
    );
    const recordProduct = await productRecordCredit(world, credits, load, {
      API: api.child.pid,
      worker: worker.child.pid,
    });
    const drainedMs = await outboxDrained(database.url, 120_000);
    report.rows.push(
      recordCreditRow(
        'server',
        load.clients,
        recordProduct,
        recordLimit,
        `API and worker as two processes (database pool of 10 each, the default), worker auditing as the load runs; ` +
          (drainedMs === null
            ? 'the audit backlog had not drained 120 s after the load.'
            : `audit backlog drained ${(drainedMs / 1000).toFixed(1)} s after the load ended.`),
      ),
    );

    log(`account read (${ENTRIES_PER_ACCOUNT} entries): pgbench, then the product`);
    const readLimit = await pgbenchAccountRead(
      { databaseUrl: database.url, accounts: settings.accounts },
      load,
    );
    const readProduct = await productAccountRead(
      { baseUrl, token: reader.token, accounts: settings.accounts },
      load,
      { API: api.child.pid },
    );
    report.rows.push(accountReadRow('server', load.clients, readProduct, readLimit));

    log('portal: the learner opens that account in Chromium');
    const learner = await admin.staff('bench-learner', 'LEARNER', {
      learnerId: learnerIds(ACCOUNT, 0, 1)[0],
    });
    report.rows.push(await portalRow({ baseUrl, learnerToken: learner.token }));

    log('profile of the record-credit path');
    report.extra.push(
      ...(await profileRecordCredit({
        api,
        captureFile,
        world,
        credits,
        env,
        clients: load.clients,
      })),
    );

    // Before the scan, which stops the worker when its jobs outrun their time limit.
    log('bulk import of a term of grades');
    report.rows.push(
      ...(await importRows({ databaseUrl: database.url, admin, baseUrl, api, worker })),
    );

    log('eligibility scan');
    report.rows.push(...(await scanRow({ databaseUrl: database.url, admin, baseUrl, worker })));
  } finally {
    for (const process_ of processes.reverse()) await process_.stop();
    await database
      .drop()
      .catch((error: unknown) => log(`could not drop ${database.name}: ${String(error)}`));
  }
  log('audit pipeline and verification (audit-throughput.ts)');
  report.rows.push(...(await auditRows(settings.postgresAdminUrl, settings.redisUrl)));
  log('audit proofs and the witness check (audit-proofs.bench.ts)');
  report.rows.push(...(await proofRows(settings.postgresAdminUrl, settings.redisUrl)));
}
