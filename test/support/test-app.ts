import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { Logger, Type } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Client } from 'pg';
import { SYSTEM_ACTOR } from '@app/outbox';
import { AppConfig, dataSourceOptions, EMBEDDED_BULLMQ_SCHEMA, loadConfig, Role } from '@app/core';
import { ENTITIES, migrate, useEmbeddedQueueBackend, WorkerProcessorsModule } from '@app/platform';
import { UsersService } from '@app/users';
import { createApiApp } from '../../apps/api/src/bootstrap/create-api-app';
import { createTestDatabase, TEST_ROLES, TestDatabase } from './test-database';
import { testRedisUrl } from './test-redis';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  database: TestDatabase;
  dataSource: DataSource;
  /**
   * A connection with the rights of an attacker who holds the database (the test server's
   * superuser), for tests that tamper with rows or switch triggers off. The application's own
   * connection (`dataSource`, the runtime role) is the one that must be refused. On the
   * embedded database (one role) it is `dataSource` itself.
   */
  superuser: DataSource;
  /**
   * supertest bound to the app's HTTP server, asking for English (`Accept-Language: en`): the
   * product answers in Chinese by default, and the suites read its English texts. A request
   * may set another language itself; test/e2e/messages-i18n.e2e-spec.ts checks the default.
   */
  http: () => ReturnType<typeof request>;
  /** Creates a user (directly, with the given scope) and returns a bearer token for it. */
  tokenFor(
    role: Role,
    scope?: { institutionId?: string; certificationBodyId?: string; learnerId?: string },
  ): Promise<string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Run the worker's processors in the same application (as embedded mode does). */
  withWorker?: boolean;
  /** Extra modules (e.g. a suite's own processors). */
  modules?: Type[];
  /** Settings as environment variables, validated like at boot. */
  env?: Record<string, string>;
}

let userCounter = 0;

/**
 * BullMQ's PostgreSQL backend on the test database: its schema created by the owner, then (on a
 * server, where the application is another role) the runtime role given the queue's store.
 * Production runs this backend only in embedded mode, with one role.
 */
async function useQueueOnTheDatabase(database: TestDatabase): Promise<void> {
  await useEmbeddedQueueBackend({ url: database.ownerUrl });
  if (database.ownerUrl === database.url) return;
  const client = new Client({ connectionString: database.ownerUrl });
  await client.connect();
  try {
    const role = TEST_ROLES.runtime.name;
    // CREATE too: BullMQ creates each queue's job-id sequence on first use.
    await client.query(`GRANT USAGE, CREATE ON SCHEMA ${EMBEDDED_BULLMQ_SCHEMA} TO ${role}`);
    await client.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${EMBEDDED_BULLMQ_SCHEMA} TO ${role}`,
    );
    await client.query(
      `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${EMBEDDED_BULLMQ_SCHEMA} TO ${role}`,
    );
  } finally {
    await client.end();
  }
}

/**
 * The real application on a database of its own: real PostgreSQL when TEST_DATABASE_URL is set,
 * an embedded one otherwise. The queue is Redis when TEST_REDIS_URL is set, else BullMQ's
 * PostgreSQL backend on the same test database.
 */
export async function createTestApp(label: string, options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase(label);
  const redisUrl = testRedisUrl();
  const settings = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SEED_DEMO: 'false',
    LOGIN_ATTEMPTS_PER_MINUTE: '1000',
    // Every test app its own BullMQ keys: apps sharing one Redis must not take each other's jobs.
    QUEUE_NAMESPACE: database.name.slice(-40),
    ...options.env,
  });
  const { privateKey } = generateKeyPairSync('ed25519');
  const config = new AppConfig(
    {
      ...settings,
      mode: redisUrl ? 'server' : 'embedded',
      redisUrl,
      runWorker: options.withWorker ?? false,
    },
    {
      databaseUrl: database.url,
      migrationDatabaseUrl: database.ownerUrl,
      jwtSecret: randomBytes(32).toString('hex'),
      identityKey: randomBytes(32).toString('base64'),
      auditSigningKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      outboxHmacKey: randomBytes(32).toString('base64'),
    },
  );
  if (!redisUrl) await useQueueOnTheDatabase(database);
  // Nest's default console logger would print each migration of every test database.
  Logger.overrideLogger(false);
  await migrate(config, 'credit-bank-test');
  const modules = [
    ...(options.withWorker ? [WorkerProcessorsModule] : []),
    ...(options.modules ?? []),
  ];
  const app = await createApiApp(config, modules);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const dataSource = app.get(DataSource);
  const superuser =
    database.superuserUrl === database.url
      ? dataSource
      : await new DataSource(
          dataSourceOptions(
            { databaseUrl: database.superuserUrl, dbPoolSize: 2, dbStatementTimeoutMs: 60_000 },
            ENTITIES,
            [],
            'credit-bank-test-superuser',
          ),
        ).initialize();
  const users = app.get(UsersService);

  return {
    app,
    config,
    database,
    dataSource,
    superuser,
    http: () => request.agent(app.getHttpServer()).set('accept-language', 'en'),
    async tokenFor(role, scope = {}) {
      userCounter += 1;
      const username = `${role.toLowerCase()}-${process.pid}-${userCounter}`;
      const password = 'correct-horse-battery';
      await users.create(SYSTEM_ACTOR, { username, password, role, ...scope });
      const response = await request(app.getHttpServer())
        .post('/v1/auth/login')
        .send({ username, password })
        .expect(200);
      return (response.body as { accessToken: string }).accessToken;
    },
    async close() {
      await app.close();
      if (superuser !== dataSource) await superuser.destroy();
      await database.drop();
    },
  };
}
