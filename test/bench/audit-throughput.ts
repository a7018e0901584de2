/**
 * Audit pipeline throughput (a script, not a test): `npm run bench:audit`.
 *
 * 1. Pipeline: N outbox rows committed at once (one transaction, one NOTIFY, as a burst of
 *    ledger commits would leave them) → relay → BullMQ audit queue → processor → chain, with
 *    the production settings; timed until the N-th record is in the chain.
 * 2. Baseline: N no-op BullMQ jobs on the same Redis, added in batches of the relay's size and
 *    consumed by a worker of the audit processor's concurrency; timed until the last completes.
 * 3. Verification: records/s of the streaming verifier (reading from PostgreSQL) and of the
 *    in-memory ChainVerifier, against raw SHA-256 over the same bytes.
 *
 * Needs PostgreSQL (BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres;
 * a throw-away database is created and dropped) and Redis (BENCH_REDIS_URL, else a private
 * redis-server started here). BENCH_RECORDS sets N (default 5000).
 */
import '../support/audit-ts-loader';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Job, Queue, Worker } from 'bullmq';
import { Client } from 'pg';
import { AUDIT_JOB_OPTIONS, AuditPipelineSettings, AuditVerifier, ChainVerifier } from '@app/audit';
import { AppConfig, canonicalJson, loadConfig, QueueName } from '@app/core';
import { OutboxHmac } from '@app/outbox';
import { migrate } from '@app/platform';
import { WorkerModule } from '@app/worker';
import { PrivateRedis } from '../support/private-redis';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const N = Number(process.env.BENCH_RECORDS ?? 5_000);
const CONCURRENCY = 4; // AuditProcessor's

async function main(): Promise<void> {
  const serverUrl =
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres';
  process.env.TEST_DATABASE_URL = serverUrl;
  const privateRedis = process.env.BENCH_REDIS_URL ? undefined : await PrivateRedis.start();
  const redisUrl = process.env.BENCH_REDIS_URL ?? privateRedis!.url;
  const database = await createTestDatabase('audit bench');
  let context: INestApplicationContext | undefined;
  try {
    const config = AppConfig.forServer(
      loadConfig({
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        DATABASE_URL: database.url,
        MIGRATION_DATABASE_URL: database.ownerUrl,
        REDIS_URL: redisUrl,
        JWT_SECRET: randomBytes(32).toString('hex'),
        IDENTITY_KEY: randomBytes(32).toString('base64'),
        AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519')
          .privateKey.export({ type: 'pkcs8', format: 'pem' })
          .toString(),
        OUTBOX_HMAC_KEY: randomBytes(32).toString('base64'),
      }),
    );
    await migrate(config, 'credit-bank-bench');
    log(
      `N = ${N} records; PostgreSQL ${new URL(serverUrl).host}, Redis ${new URL(redisUrl).host}${privateRedis ? ' (private)' : ''}`,
    );

    const noop = await noopJobs(redisUrl, N);
    @Module({ imports: [WorkerModule.forRoot(config)] })
    class BenchWorkerModule {}
    context = await NestFactory.createApplicationContext(BenchWorkerModule, {
      logger: ['error', 'warn'],
    });
    await context.init();
    const settings = context.get(AuditPipelineSettings);
    await sleep(1_000); // the relay's LISTEN connection is up
    const pipeline = await pipelineRun(
      database,
      context.get<Queue>(getQueueToken(QueueName.audit)),
      N,
      context.get(OutboxHmac),
    );
    const verification = await verificationRun(context, database);

    log('');
    log(
      `pipeline (outbox → relay → queue → processor → chain), relay batch ${settings.relayBatchSize}, append batch ${settings.appendBatchSize}:`,
    );
    log(
      `  ${rate(N, pipeline.chainMs)} records/s  (${N} in ${pipeline.chainMs} ms; queue drained after ${pipeline.drainedMs} ms)`,
    );
    log(
      `  ${pipeline.transactions} append transactions (${Math.round(N / pipeline.transactions)} records each), first to last began ${pipeline.appendSpanMs} ms apart`,
    );
    log(
      `no-op BullMQ jobs, same Redis, concurrency ${CONCURRENCY}, added in batches of ${settings.relayBatchSize}:`,
    );
    log(`  ${rate(N, noop)} jobs/s  (${N} in ${noop} ms)`);
    log(`ratio audit records/s ÷ no-op jobs/s = ${(noop / pipeline.chainMs).toFixed(2)}`);
    log('');
    log('verification of the same chain:');
    log(
      `  from PostgreSQL (streamed, AuditVerifier.checkChain): ${rate(N, verification.streamedMs)} records/s`,
    );
    log(
      `  in memory (ChainVerifier: canonical JSON + SHA-256):   ${rate(N, verification.inMemoryMs)} records/s`,
    );
    log(
      `  raw SHA-256 over the same bytes (${verification.bytes} bytes): ${rate(N, verification.rawMs)} records/s`,
    );
    log(
      `  ratio in-memory verification ÷ raw SHA-256 = ${(verification.rawMs / verification.inMemoryMs).toFixed(3)}`,
    );
  } finally {
    await context?.close();
    await database.drop().catch(() => undefined);
    await privateRedis?.stop();
  }
}

/** N no-op jobs through BullMQ on the same Redis: added in batches, consumed, timed to the last. */
async function noopJobs(redisUrl: string, count: number): Promise<number> {
  const connection = { url: redisUrl, maxRetriesPerRequest: null };
  const name = `bench-noop-${randomBytes(3).toString('hex')}`;
  const queue = new Queue(name, {
    connection,
    prefix: '{bench}',
    defaultJobOptions: AUDIT_JOB_OPTIONS,
  });
  let done = 0;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const worker = new Worker(name, async (_job: Job) => undefined, {
    connection,
    prefix: '{bench}',
    concurrency: CONCURRENCY,
  });
  worker.on('completed', () => {
    if (++done === count) finish();
  });
  await worker.waitUntilReady();
  const started = performance.now();
  for (let i = 0; i < count; i += 500) {
    await queue.addBulk(
      Array.from({ length: Math.min(500, count - i) }, (_, j) => ({
        name: 'noop',
        data: { outboxIds: [String(i + j + 1)] },
        opts: { jobId: `noop-${i + j + 1}` },
      })),
    );
  }
  await finished;
  const elapsed = Math.round(performance.now() - started);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return elapsed;
}

/**
 * Commits N outbox rows (ledger-sized payloads, each with its HMAC as the writer would sign it)
 * in one transaction and times them into the chain.
 */
async function pipelineRun(
  database: TestDatabase,
  queue: Queue,
  count: number,
  hmac: OutboxHmac,
): Promise<{ chainMs: number; drainedMs: number; transactions: number; appendSpanMs: number }> {
  // The burst is staged as the owner: signing it after the INSERT is an UPDATE of the payload's
  // HMAC, which the runtime role may not make.
  const client = new Client({ connectionString: database.ownerUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO outbox_events (learner_id, event_type, payload)
       SELECT l, 'ledger.entry.recorded', jsonb_build_object(
                'type', 'ledger.entry.recorded', 'learnerId', l, 'occurredAt', now(),
                'actor', jsonb_build_object('userId', gen_random_uuid(), 'username', 'registrar-bench', 'role', 'REGISTRAR',
                                            'institutionId', gen_random_uuid(), 'certificationBodyId', null),
                'changes', jsonb_build_array(jsonb_build_object('kind', 'ledger_entry', 'id', e, 'state', jsonb_build_object(
                  'id', e, 'seq', i::text, 'learnerId', l, 'kind', 'COURSE_CREDIT',
                  'recordedAt', now(), 'recordedBy', gen_random_uuid(), 'recorderRole', 'REGISTRAR',
                  'institutionId', gen_random_uuid(), 'courseId', gen_random_uuid(), 'term', '2025-2026-1',
                  'score', '86.50', 'passed', true, 'credits', '4.50', 'completedAt', '2026-01-10'))),
                'details', '{}'::jsonb)
         FROM generate_series(1, $1) AS i,
              LATERAL (SELECT gen_random_uuid() AS l, gen_random_uuid() AS e) AS ids`,
      [count],
    );
    const { rows: unsigned } = await client.query<{ id: string; payload: unknown }>(
      'SELECT id, payload FROM outbox_events WHERE hmac IS NULL',
    );
    await client.query(
      `UPDATE outbox_events o SET hmac = s.hmac
         FROM unnest($1::bigint[], $2::text[]) AS s(id, hmac) WHERE o.id = s.id`,
      [unsigned.map((row) => row.id), unsigned.map((row) => hmac.sign(row.payload))],
    );
    await client.query(`SELECT pg_notify('outbox_events', 'bench')`);
    await client.query('COMMIT');
    const started = performance.now();
    let chainMs = 0;
    for (;;) {
      const { rows } = await client.query<{ head: number | null }>(
        'SELECT max(seq)::int AS head FROM audit_events',
      );
      if ((rows[0].head ?? 0) >= count) {
        chainMs = Math.round(performance.now() - started);
        break;
      }
      await sleep(5);
    }
    for (;;) {
      const { rows } = await client.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM outbox_events WHERE audited_at IS NULL',
      );
      if (rows[0].n === 0) break;
      await sleep(20);
    }
    const drainedMs = await queueDrained(queue, started);
    // appended_at defaults to now(), the transaction's start: one value per append transaction.
    const { rows: batches } = await client.query<{ transactions: number; first: Date; last: Date }>(
      'SELECT count(DISTINCT appended_at)::int AS transactions, min(appended_at) AS first, max(appended_at) AS last FROM audit_events',
    );
    return {
      chainMs,
      drainedMs,
      transactions: batches[0].transactions,
      appendSpanMs: batches[0].last.getTime() - batches[0].first.getTime(),
    };
  } finally {
    await client.end();
  }
}

async function queueDrained(queue: Queue, started: number): Promise<number> {
  // The remaining jobs are the per-row jobs whose rows an earlier job already appended.
  for (;;) {
    const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
    if (Object.values(counts).every((n) => n === 0)) return Math.round(performance.now() - started);
    await sleep(20);
  }
}

async function verificationRun(context: INestApplicationContext, database: TestDatabase) {
  const verifier = context.get(AuditVerifier);
  let started = performance.now();
  const { result } = await verifier.checkChain();
  const streamedMs = performance.now() - started;
  if (!result.valid || result.headSeq !== N)
    throw new Error(`the chain did not verify: ${JSON.stringify(result)}`);

  const client = new Client({ connectionString: database.url });
  await client.connect();
  const { rows } = await client.query<{
    seq: string;
    event: unknown;
    prev_hash: string;
    hash: string;
  }>('SELECT seq, event, prev_hash, hash FROM audit_events ORDER BY seq');
  await client.end();
  started = performance.now();
  const inMemory = new ChainVerifier();
  for (const row of rows)
    inMemory.push({ seq: row.seq, event: row.event, prevHash: row.prev_hash, hash: row.hash });
  const inMemoryMs = performance.now() - started;
  if (!inMemory.result().valid) throw new Error('in-memory verification failed');

  const inputs = rows.map((row) => Buffer.from(row.prev_hash + canonicalJson(row.event), 'utf8'));
  started = performance.now();
  for (const bytes of inputs) createHash('sha256').update(bytes).digest('hex');
  const rawMs = performance.now() - started;
  return {
    streamedMs,
    inMemoryMs,
    rawMs,
    bytes: inputs.reduce((sum, bytes) => sum + bytes.length, 0),
  };
}

function rate(count: number, ms: number): string {
  return Math.round((count * 1000) / ms).toLocaleString('en-US');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
