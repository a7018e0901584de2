import {
  createPostgresBackend,
  runMigrations,
  setDefaultBackendFactory,
  type PostgresPoolConfig,
} from 'bullmq';
import { Client } from 'pg';
import { EMBEDDED_BULLMQ_SCHEMA, EMBEDDED_WORKER_DRAIN_DELAY_SECONDS } from '@app/core';

export interface EmbeddedBullmq {
  /**
   * The `connection` for every Queue, Worker, QueueEvents (and `BullModule.forRoot`).
   * Typed as BullMQ's PostgreSQL config; BullMQ's class types default to Redis options,
   * so either build the classes with `withBackend(createPostgresBackend)` or cast.
   */
  readonly connection: PostgresPoolConfig;
  /** Spread into every Worker's options on the embedded database. */
  readonly workerOptions: { readonly drainDelay: number };
}

export interface EmbeddedBullmqOptions {
  /** `pg` pool size of each Queue/Worker (each also opens one LISTEN connection). */
  poolSize?: number;
}

/**
 * Points every BullMQ class in this process at BullMQ 6's PostgreSQL backend on the embedded
 * database. Run it on every start (it is idempotent), before any Queue or Worker exists:
 *
 * 1. migrates the `bullmq` schema once, here, on one session (BullMQ's own recipe);
 * 2. sets the search path of PGlite's single shared session to `public, bullmq`. BullMQ's
 *    runtime SQL uses unqualified names and relies on a per-connection
 *    `-c search_path=bullmq`, which pglite-socket ignores; so without this every command
 *    fails with "function add_job(...) does not exist". `public` must come FIRST:
 *    with `bullmq, public` TypeORM (which reads current_schema() at connect) and its
 *    migrations' unqualified CREATE TABLEs would land in `bullmq`. BullMQ's functions pin
 *    their own search_path, so only its top-level names must not be shadowed by `public`,
 *    which step 3 checks;
 * 3. refuses to go on if a `public` table, view, type or function has the name of one of
 *    BullMQ's (`job`, `event`, `meta`, `metrics`, `scheduler`, `add_job`, …);
 * 4. makes `createPostgresBackend` the process-wide default, because `@nestjs/bullmq`
 *    constructs Queue, Worker and QueueEvents itself without a backend argument.
 *
 * On a real PostgreSQL server the SET only affects this helper's own connection (harmless):
 * there BullMQ's per-connection search_path works as designed.
 */
export async function useEmbeddedQueueBackend(
  database: { readonly url: string },
  options: EmbeddedBullmqOptions = {},
): Promise<EmbeddedBullmq> {
  const connectionString = database.url;
  const client = new Client({ connectionString });
  await client.connect();
  try {
    await runMigrations(client, EMBEDDED_BULLMQ_SCHEMA);
    await assertNothingShadowsBullmq(client);
    await client.query(`SET search_path TO public, ${EMBEDDED_BULLMQ_SCHEMA}`);
  } finally {
    await client.end();
  }
  setDefaultBackendFactory(pollingPostgresBackend);
  return {
    connection: {
      connectionString,
      // Named explicitly so that, on a real server, BullMQ pins its connections to it.
      schema: EMBEDDED_BULLMQ_SCHEMA,
      max: options.poolSize ?? 3,
    },
    workerOptions: { drainDelay: EMBEDDED_WORKER_DRAIN_DELAY_SECONDS },
  };
}

/**
 * BullMQ's PostgreSQL backend, with its workers' blocking wait capped at the drain delay. A
 * worker blocks until a NOTIFY or the next delayed job is due (up to an hour); on PGlite no
 * NOTIFY reaches it, so a queue holding one delayed job (a scheduler's next run) would stall
 * every new job behind it. Capped, the wait becomes a short poll.
 */
const pollingPostgresBackend: typeof createPostgresBackend = (name, opts, factoryOpts) => {
  const backend = createPostgresBackend(name, opts, factoryOpts);
  Object.defineProperty(backend, 'maximumBlockTimeout', {
    get: () => EMBEDDED_WORKER_DRAIN_DELAY_SECONDS,
  });
  return backend;
};

async function assertNothingShadowsBullmq(client: Client): Promise<void> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT DISTINCT mine.name
       FROM (SELECT relname::text AS name, relnamespace AS ns FROM pg_class
              WHERE relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
             UNION ALL SELECT typname::text, typnamespace FROM pg_type WHERE typcategory <> 'A'
             UNION ALL SELECT proname::text, pronamespace FROM pg_proc) AS mine
       JOIN (SELECT relname::text AS name, relnamespace AS ns FROM pg_class
              WHERE relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
             UNION ALL SELECT typname::text, typnamespace FROM pg_type WHERE typcategory <> 'A'
             UNION ALL SELECT proname::text, pronamespace FROM pg_proc) AS theirs
         ON theirs.name = mine.name
      WHERE mine.ns = 'public'::regnamespace
        AND theirs.ns = to_regnamespace($1)
      ORDER BY 1`,
    [EMBEDDED_BULLMQ_SCHEMA],
  );
  if (rows.length > 0) {
    const names = rows.map((row) => row.name).join(', ');
    throw new Error(
      `The embedded database's public schema has objects named like BullMQ's (${names}); with ` +
        `search_path "public, ${EMBEDDED_BULLMQ_SCHEMA}" they would hide BullMQ's own. Rename them.`,
    );
  }
}
