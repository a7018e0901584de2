/**
 * Row: bulk import of a term's grades. N course-credit rows (BENCH_IMPORT_ROWS, 100,000) for N
 * learners enrolled at one school, uploaded over HTTP as a UTF-8 CSV of 学号 rows; the dry run,
 * then the commit, each a queued job of the worker. Committed rows/s = N / the commit's wall
 * time. The limit: psql's COPY of the same rows into the same tables with the same triggers on —
 * a ledger entry, an outbox event and a claim per row (what a committed row writes), for
 * another N learners of another school. The API's and the worker's resident memory are sampled
 * from /proc while they work (the issue asks for under 300 MB each).
 *
 * `npm run bench:import` runs this row alone, on a product of its own.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  bulkLoad,
  enrolmentsSql,
  learnerIds,
  learnersSql,
  schoolSql,
  withClient,
} from './support/bench-data';
import { BenchHttp } from './support/bench-http';
import { resetBenchRedis, settings } from './support/bench-settings';
import {
  ADMIN,
  API_MAIN,
  createBenchDatabase,
  freePort,
  ProductProcess,
  requireBuild,
  serverEnv,
  startProduct,
  waitForReady,
  WORKER_MAIN,
} from './support/product-process';
import { row, Row } from './support/report';

const IMPORT = 'imp';
const COPIED = 'impcopy';
const COURSES = 40;
const RECORDER = '00000000-0000-4000-8000-00000000be15';
const MB = 1024 * 1024;
/** Rows per COPY transaction: the commit's batch (IMPORT_BATCH_ROWS, libs/imports/src/jobs). */
const COPY_BATCH_ROWS = 200;

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

interface ImportView {
  status: string;
  rows: number;
  valid: number;
  committed: number;
  rejectedAtCommit: number;
  failure: { message: string } | null;
}

/** Resident memory of each process, sampled every 200 ms while `work` runs: the peak of each. */
async function peakResident<T>(
  pids: Record<string, number | undefined>,
  work: () => Promise<T>,
): Promise<{ result: T; peakMb: Record<string, number> }> {
  const peak: Record<string, number> = {};
  const sample = () => {
    for (const [name, pid] of Object.entries(pids)) {
      if (pid === undefined) continue;
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      peak[name] = Math.max(peak[name] ?? 0, (kb * 1024) / MB);
    }
  };
  const timer = setInterval(sample, 200);
  try {
    sample();
    const result = await work();
    sample();
    return { result, peakMb: peak };
  } finally {
    clearInterval(timer);
  }
}

async function until(
  http: BenchHttp,
  id: string,
  statuses: string[],
): Promise<{ view: ImportView; seconds: number }> {
  const started = performance.now();
  for (;;) {
    const view = await http.get<ImportView>(`/v1/imports/${id}`);
    if (statuses.includes(view.status))
      return { view, seconds: (performance.now() - started) / 1000 };
    if (view.status === 'FAILED') throw new Error(`the import failed: ${view.failure?.message}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function gradesCsv(rows: number): Buffer {
  const lines = ['姓名,学号,课程代码,学期,成绩,完成日期'];
  for (let i = 0; i < rows; i++)
    lines.push(`学员${i},S${i},C${i % COURSES},2025-2026-1,${60 + (i % 40)},2026-01-15`);
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

async function uploadCsv(baseUrl: string, token: string, file: Buffer): Promise<string> {
  const form = new FormData();
  form.append('kind', 'COURSE_CREDITS');
  form.append('file', new Blob([file], { type: 'text/csv' }), 'bench-term.csv');
  const response = await fetch(`${baseUrl}/v1/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const text = await response.text();
  if (response.status !== 202) throw new Error(`upload answered ${response.status}: ${text}`);
  return (JSON.parse(text) as { id: string }).id;
}

/**
 * COPY of what N committed rows write, for another school's N learners: their ledger entries,
 * an outbox event each (the product's own payload for such an entry, ids replaced) and a claim
 * each, a transaction per 200 rows as the commit has (the guard trigger takes a
 * lock per learner, and one transaction cannot hold 100,000). Seconds of wall time.
 */
async function copyLimit(databaseUrl: string, rows: number, sample: string): Promise<number> {
  const school = schoolSql(COPIED, COURSES).school;
  const learners = learnerIds(COPIED, 0, rows);
  const base = join(tmpdir(), `bench-copy-${randomBytes(4).toString('hex')}`);
  const hash = randomBytes(32).toString('hex');
  const files: string[] = [];
  const script: string[] = [];
  for (let from = 0; from < rows; from += COPY_BATCH_ROWS) {
    const entries: string[] = [];
    const outbox: string[] = [];
    const claims: string[] = [];
    learners.slice(from, from + COPY_BATCH_ROWS).forEach((learnerId, offset) => {
      const i = from + offset;
      const entryId = randomUUID();
      entries.push(
        [
          entryId,
          learnerId,
          'COURSE_CREDIT',
          RECORDER,
          'REGISTRAR',
          school.institutionId,
          school.courseIds[i % COURSES],
          school.programId,
          '2025-2026-1',
          `${60 + (i % 40)}.00`,
          't',
          '3.00',
          '2026-01-15',
        ].join(','),
      );
      const payload = sample.replaceAll('@ENTRY@', entryId).replaceAll('@LEARNER@', learnerId);
      outbox.push(
        [learnerId, 'ledger.entry.recorded', `"${payload.replaceAll('"', '""')}"`, hash].join(','),
      );
      claims.push([school.institutionId, hash, i + 2, RECORDER, entryId].join(','));
    });
    const chunk = (name: string, lines: string[]) => {
      const file = `${base}-${from}-${name}.csv`;
      writeFileSync(file, `${lines.join('\n')}\n`);
      files.push(file);
      return file;
    };
    script.push(
      'BEGIN;',
      `\\copy ledger_entries (id, learner_id, kind, recorded_by, recorder_role, institution_id, course_id, program_id, term, score, passed, credits, completed_at) FROM '${chunk('entries', entries)}' CSV`,
      `\\copy outbox_events (learner_id, event_type, payload, hmac) FROM '${chunk('outbox', outbox)}' CSV`,
      `\\copy import_recorded_rows (scope_id, file_hash, row_no, import_id, record_id) FROM '${chunk('claims', claims)}' CSV`,
      'COMMIT;',
    );
  }
  try {
    const started = performance.now();
    const run = spawnSync('psql', ['--no-psqlrc', '-v', 'ON_ERROR_STOP=1', '-q', databaseUrl], {
      input: script.join('\n'),
      encoding: 'utf8',
    });
    const seconds = (performance.now() - started) / 1000;
    if (run.status !== 0) throw new Error(`COPY failed: ${run.stderr}`);
    return seconds;
  } finally {
    for (const file of files) rmSync(file, { force: true });
  }
}

/** The product's outbox payload of one of the import's entries, with its ids as placeholders. */
async function samplePayload(databaseUrl: string): Promise<string> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ payload: string; entry: string; learner: string }>(
      `SELECT o.payload::text AS payload, r.record_id::text AS entry, o.learner_id::text AS learner
         FROM import_recorded_rows r JOIN outbox_events o ON o.payload->'changes'->0->>'id' = r.record_id::text
        LIMIT 1`,
    );
    const sample = rows[0];
    if (!sample) throw new Error('no outbox event of an imported row to copy');
    return sample.payload
      .replaceAll(sample.entry, '@ENTRY@')
      .replaceAll(sample.learner, '@LEARNER@');
  });
}

export async function importRows(context: {
  databaseUrl: string;
  admin: BenchHttp;
  baseUrl: string;
  api: ProductProcess;
  worker: ProductProcess;
}): Promise<Row[]> {
  const rows = settings.importRows;
  const path = `import a term's grades: ${rows.toLocaleString('en-US')} course-credit rows (CSV)`;
  const target = schoolSql(IMPORT, COURSES);
  const copied = schoolSql(COPIED, COURSES);
  await bulkLoad(context.databaseUrl, [
    ...target.statements,
    ...copied.statements,
    learnersSql(IMPORT, 0, rows),
    enrolmentsSql(IMPORT, target.school, 0, rows),
    learnersSql(COPIED, 0, rows),
    enrolmentsSql(COPIED, copied.school, 0, rows),
  ]);
  const registrar = await context.admin.staff('bench-import-registrar', 'REGISTRAR', {
    institutionId: target.school.institutionId,
  });
  const file = gradesCsv(rows);
  const pids = { API: context.api.child.pid, worker: context.worker.child.pid };
  log(`import: uploading ${(file.length / MB).toFixed(1)} MB, ${rows} rows; dry run`);
  const dryRun = await peakResident(pids, async () => {
    const started = performance.now();
    const id = await uploadCsv(context.baseUrl, registrar.token, file);
    const uploadSeconds = (performance.now() - started) / 1000;
    const validated = await until(registrar.http, id, ['VALIDATED']);
    return { id, uploadSeconds, ...validated };
  });
  if (dryRun.result.view.valid !== rows)
    throw new Error(`the dry run found ${dryRun.result.view.valid} of ${rows} rows valid`);
  log('import: commit');
  const commit = await peakResident(pids, async () => {
    await registrar.http.post(`/v1/imports/${dryRun.result.id}/commit`);
    return until(registrar.http, dryRun.result.id, ['COMMITTED']);
  });
  if (commit.result.view.committed !== rows)
    throw new Error(`the commit recorded ${commit.result.view.committed} of ${rows} rows`);
  log('import: the COPY limit');
  const copySeconds = await copyLimit(
    context.databaseUrl,
    rows,
    await samplePayload(context.databaseUrl),
  );
  const peak = (name: string) =>
    Math.round(Math.max(dryRun.peakMb[name] ?? 0, commit.peakMb[name] ?? 0));
  const committedRate = rows / commit.result.seconds;
  return [
    row({
      path,
      mode: 'server',
      product: {
        rate: committedRate,
        unit: 'rows/s',
        count: rows,
        failed: 0,
        seconds: commit.result.seconds,
      },
      limitLabel: 'COPY of the same rows (entry, outbox event, claim) with the triggers on',
      limit: {
        rate: rows / copySeconds,
        unit: 'rows/s',
        count: rows,
        failed: 0,
        seconds: copySeconds,
      },
      goals: [
        { text: '≥ 0.5× COPY', met: committedRate / (rows / copySeconds) >= 0.5 },
        { text: 'API < 300 MB resident', met: peak('API') < 300 },
        { text: 'worker < 300 MB resident', met: peak('worker') < 300 },
      ],
      note:
        `upload ${dryRun.result.uploadSeconds.toFixed(1)} s, dry run ${dryRun.result.seconds.toFixed(1)} s ` +
        `(${Math.round(rows / dryRun.result.seconds).toLocaleString('en-US')} rows/s), commit ${commit.result.seconds.toFixed(1)} s; ` +
        `peak resident memory (sampled from /proc every 200 ms): API ${peak('API')} MB, worker ${peak('worker')} MB ` +
        `(dry run: API ${Math.round(dryRun.peakMb.API)} MB, worker ${Math.round(dryRun.peakMb.worker)} MB; commit: API ${Math.round(commit.peakMb.API)} MB, worker ${Math.round(commit.peakMb.worker)} MB).`,
    }),
  ];
}

/** `npm run bench:import`: the row alone, on a product of its own (server mode). */
async function main(): Promise<void> {
  requireBuild();
  await resetBenchRedis(settings.redisUrl);
  const database = await createBenchDatabase(settings.postgresAdminUrl);
  const port = await freePort();
  const env = serverEnv(database.url, settings.redisUrl, port);
  const baseUrl = `http://127.0.0.1:${port}`;
  const api = startProduct('api', API_MAIN, { env });
  let worker: ProductProcess | undefined;
  try {
    await waitForReady(api, `${baseUrl}/health/live`);
    worker = startProduct('worker', WORKER_MAIN, { env });
    const http = new BenchHttp(baseUrl);
    const admin = http.as(await http.login(ADMIN.username, ADMIN.password));
    const [result] = await importRows({ databaseUrl: database.url, admin, baseUrl, api, worker });
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await worker?.stop();
    await api.stop();
    await database.drop();
    await resetBenchRedis(settings.redisUrl);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  });
}
