import type { RedisOptions } from 'ioredis';
import { AppConfig } from '../config/app-config.service';

/** BullMQ's own schema on the embedded database; the application keeps `public`. */
export const EMBEDDED_BULLMQ_SCHEMA = 'bullmq';

/**
 * Seconds an idle worker waits before looking for jobs again. BullMQ wakes workers with
 * NOTIFY on a dedicated LISTEN connection, but over pglite-socket a notification goes to
 * the connection that sent it, never to the listener, so on the embedded database polling
 * is all there is: the default 5 s would delay each job on an idle queue by up to 5 s.
 * Every processor passes it as its `drainDelay`.
 */
export const EMBEDDED_WORKER_DRAIN_DELAY_SECONDS = 0.5;

/**
 * Which side of the queue a process is. Producers must fail fast when Redis is away (an outbox
 * row simply waits); workers keep retrying until it is back.
 */
export type QueueRole = 'producer' | 'worker';

function redisOptions(url: string, role: QueueRole): RedisOptions {
  const parsed = new URL(url);
  const base: RedisOptions = {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    connectTimeout: 2_000,
    retryStrategy: (attempt: number) => Math.min(attempt * 200, 2_000),
  };
  return role === 'producer'
    ? { ...base, enableOfflineQueue: false, maxRetriesPerRequest: 1 }
    : { ...base, maxRetriesPerRequest: null };
}

/**
 * The connection handed to BullMQ: Redis options in server mode; in embedded mode the
 * connection string of the embedded database, for BullMQ's PostgreSQL backend.
 */
export function queueConnection(config: AppConfig, role: QueueRole): object {
  if (config.redisUrl !== null) return redisOptions(config.redisUrl, role);
  // No `migrate`: useEmbeddedQueueBackend created the schema before any queue exists, and a
  // runtime role that may not create schemas can still use it.
  return { connectionString: config.databaseUrl, schema: EMBEDDED_BULLMQ_SCHEMA, max: 3 };
}
