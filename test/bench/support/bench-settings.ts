/** What a run measures with, from the environment (all optional), so a quick run is one setting away. */
import Redis from 'ioredis';

function integer(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a whole number, not "${raw}"`);
  return value;
}

export const settings = {
  /** A server where bench_<random> databases are created and dropped. */
  postgresAdminUrl: process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  /** The bench's own Redis database (emptied at start and end), apart from what tests use (0). */
  redisUrl: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/13',
  clients: integer('BENCH_CLIENTS', 32),
  /** Seconds each measured load runs (product and limit alike). */
  seconds: integer('BENCH_SECONDS', 15),
  warmupSeconds: integer('BENCH_WARMUP_SECONDS', 3),
  /** Learners the product records credits for (pgbench gets as many of its own). */
  recordLearners: integer('BENCH_RECORD_LEARNERS', 20_000),
  accounts: integer('BENCH_ACCOUNTS', 500),
  scanLearners: integer('BENCH_SCAN_LEARNERS', 100_000),
  scanRules: integer('BENCH_SCAN_RULES', 200),
  /** The scan row stops waiting after this long and reports what finished. */
  scanTimeoutSeconds: integer('BENCH_SCAN_TIMEOUT_SECONDS', 150),
  /** Rows of the bulk-import row's CSV (and learners it names). */
  importRows: integer('BENCH_IMPORT_ROWS', 100_000),
  skipEmbedded: process.env.BENCH_SKIP_EMBEDDED === 'true',
  /**
   * For finding where the database's time goes: statements of the bench database slower than
   * this (e.g. `5ms`), trigger statements included, are logged with their plans by auto_explain
   * to the server's log; a sample (BENCH_AUTO_EXPLAIN_SAMPLE, 0–1) keeps a long run's log short.
   */
  autoExplain: process.env.BENCH_AUTO_EXPLAIN
    ? {
        minDuration: process.env.BENCH_AUTO_EXPLAIN,
        sampleRate: Number(process.env.BENCH_AUTO_EXPLAIN_SAMPLE ?? '1'),
      }
    : null,
};

/** Empties the bench's Redis database and says which Redis it is. */
export async function resetBenchRedis(url: string): Promise<string> {
  // Never database 0: that is where the tests and anyone else's queues live.
  if (!/^\/([1-9]\d*)$/.test(new URL(url).pathname)) {
    throw new Error(
      `BENCH_REDIS_URL must name a Redis database of the bench's own other than 0 (e.g. ${settings.redisUrl}): the bench empties it`,
    );
  }
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    await redis.flushdb();
    const info = await redis.info('server');
    return /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
  } finally {
    redis.disconnect();
  }
}
