/**
 * Embedded mode: the product as `npm start` runs it (API and worker in one process, PGlite served
 * on loopback by pglite-socket, BullMQ on its PostgreSQL backend). Row: record a course credit
 * with N clients, against pgbench running the same transaction on the same embedded database
 * (the same data folder, served the same way by a process of the bench's own once the product
 * has stopped: PGlite runs on its host's main thread, so the product's own server would share
 * the API's event loop with pgbench).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgresProcess } from '../support/embedded-postgres-process';
import {
  CreditRequests,
  pgbenchRecordCredit,
  productRecordCredit,
  recordCreditData,
  recordCreditRow,
} from './record-credit.bench';
import { bulkLoad } from './support/bench-data';
import { BenchHttp } from './support/bench-http';
import { settings } from './support/bench-settings';
import {
  ADMIN,
  API_MAIN,
  freePort,
  ROOT,
  serverEnv,
  startProduct,
  waitForReady,
} from './support/product-process';
import type { Report } from './server-mode.bench';

const EMBEDDED_LEARNERS = 2_000;
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

/** Applies the product's migrations with its own CLI (it wants server-mode settings; only the database is used). */
function migrate(databaseUrl: string): Promise<void> {
  const env = serverEnv(databaseUrl, settings.redisUrl, 0);
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(ROOT, 'dist/apps/api/src/cli/migrate.js')],
      { cwd: ROOT, env },
      (error, _stdout, stderr) =>
        error ? reject(new Error(`migrations failed: ${stderr.slice(-1000)}`)) : resolve(),
    );
  });
}

export async function runEmbeddedMode(report: Report): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-embedded-'));
  const databaseDir = join(dataDir, 'pg'); // where the product keeps its embedded database
  const load = {
    clients: settings.clients,
    seconds: settings.seconds,
    warmupSeconds: settings.warmupSeconds,
  };
  try {
    log('embedded mode: preparing the data folder');
    const record = recordCreditData(EMBEDDED_LEARNERS);
    const preparing = await startEmbeddedPostgresProcess(databaseDir);
    try {
      await migrate(preparing.url);
      await bulkLoad(preparing.url, record.statements);
    } finally {
      await preparing.stop();
    }

    const port = await freePort();
    const api = startProduct('api (embedded)', API_MAIN, {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATA_DIR: dataDir,
        PORT: String(port),
        SEED_DEMO: 'false',
        ADMIN_USERNAME: ADMIN.username,
        ADMIN_PASSWORD: ADMIN.password,
        LOG_LEVEL: 'warn',
      },
    });
    const baseUrl = `http://127.0.0.1:${port}`;
    let world;
    let product;
    try {
      await waitForReady(api, `${baseUrl}/health/live`);
      const http = new BenchHttp(baseUrl);
      const admin = http.as(await http.login(ADMIN.username, ADMIN.password));
      const registrar = await admin.staff('bench-registrar', 'REGISTRAR', {
        institutionId: record.institutionId,
      });
      world = {
        baseUrl,
        databaseUrl: '',
        registrar,
        institutionId: record.institutionId,
        learners: EMBEDDED_LEARNERS,
      };
      log(
        `record credit (embedded): product, ${load.clients} clients, ${load.warmupSeconds} s warm-up + ${load.seconds} s`,
      );
      product = await productRecordCredit(
        world,
        new CreditRequests(EMBEDDED_LEARNERS, `emb-${randomBytes(3).toString('hex')}`),
        load,
        {
          'API + worker + PGlite': api.child.pid,
        },
      );
    } finally {
      await api.stop();
    }

    log(`record credit (embedded): pgbench on the same database, ${load.clients} clients`);
    const serving = await startEmbeddedPostgresProcess(databaseDir);
    let limit;
    try {
      limit = await pgbenchRecordCredit({ ...world, databaseUrl: serving.url }, load);
    } finally {
      await serving.stop();
    }
    report.rows.push(
      recordCreditRow(
        'embedded',
        load.clients,
        product,
        limit,
        'one process; PGlite runs one transaction at a time, so clients queue for the database in both columns.',
      ),
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
