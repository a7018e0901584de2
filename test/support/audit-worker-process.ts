import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { AuditPipelineOptions } from '@app/audit';
import { typescriptEntryArgs } from './audit-ts-loader';

export interface WorkerProcess {
  readonly pid: number;
  /** SIGKILL, as a crash or an OOM kill would; resolves once the process is gone. */
  kill(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 90_000;

/**
 * Starts the real worker (WorkerModule: relay, audit and import processors, tree head scheduler) in a
 * child `node` process on the given database and Redis, compiled from the current sources.
 */
export function startWorkerProcess(options: {
  databaseUrl: string;
  redisUrl: string;
  auditSigningKey: string;
  /** The API's: the worker refuses outbox rows written under any other key. */
  outboxHmacKey: string;
  /** The API's, for work that finds learners by identity number (imports). */
  identityKey?: string;
  /** The API's, when it has one (createTestApp gives each test database its own). */
  queueNamespace?: string | null;
  tuning?: Partial<AuditPipelineOptions>;
}): Promise<WorkerProcess> {
  const child = spawn(
    process.execPath,
    typescriptEntryArgs(join(__dirname, 'audit-worker-child.ts')),
    {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        DATABASE_URL: options.databaseUrl,
        REDIS_URL: options.redisUrl,
        JWT_SECRET: randomBytes(32).toString('hex'),
        IDENTITY_KEY: options.identityKey ?? randomBytes(32).toString('base64'),
        ...(options.queueNamespace ? { QUEUE_NAMESPACE: options.queueNamespace } : {}),
        AUDIT_SIGNING_KEY: options.auditSigningKey,
        OUTBOX_HMAC_KEY: options.outboxHmacKey,
        AUDIT_TUNING: JSON.stringify(options.tuning ?? {}),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the worker child did not start within ${STARTUP_TIMEOUT_MS} ms`));
    }, STARTUP_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the worker child exited (${code}) before it was ready`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('{"ready"')) return;
      clearTimeout(timer);
      resolve(controls(child, exited));
    });
  });
}

function controls(child: ChildProcess, exited: Promise<void>): WorkerProcess {
  return {
    pid: child.pid!,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
