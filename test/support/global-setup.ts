import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../libs/platform/src/runtime/embedded/embedded-postgres';
import { startTestDatabaseBroker } from './test-database-broker';
import { isCi, readEnv, redactUrl, TestEnv } from './test-env';

/** What globalSetup leaves for globalTeardown (Jest shares globalThis between the two). */
export interface TestHarnessState {
  /** Projects (integration, e2e) that ran this setup in one Jest run; the last one tears down. */
  users: number;
  stop(): Promise<void>;
}

export const HARNESS_STATE_KEY = '__creditBankTestHarness';

type HarnessGlobal = typeof globalThis & { [HARNESS_STATE_KEY]?: TestHarnessState };

/**
 * With TEST_DATABASE_URL: check the server answers, nothing more (test files create their
 * own databases on it). Without: start the embedded database here, outside Jest's sandbox,
 * and hand its URL and a database broker to the test workers through the environment.
 */
export default async function globalSetup(): Promise<void> {
  const state = globalThis as HarnessGlobal;
  const running = state[HARNESS_STATE_KEY];
  if (running) {
    // `jest` with several projects runs each project's globalSetup in this one process.
    running.users += 1;
    return;
  }

  const serverUrl = readEnv(TestEnv.databaseUrl);
  if (serverUrl !== null) {
    const problem = await whyItDoesNotAnswer(serverUrl);
    if (problem === null) {
      state[HARNESS_STATE_KEY] = { users: 1, stop: async () => undefined };
      return;
    }
    const message = `${TestEnv.databaseUrl}=${redactUrl(serverUrl)} does not answer: ${problem}`;
    if (isCi()) throw new Error(message);
    process.stderr.write(`\n[test] ${message}. Falling back to the embedded database.\n`);
    delete process.env[TestEnv.databaseUrl];
  }

  const startedAt = Date.now();
  const shared = await startEmbeddedPostgres();
  try {
    // Snapshot before anything is written: every test database starts from this clean cluster.
    const broker = await startTestDatabaseBroker(await shared.snapshot());
    process.env[TestEnv.embeddedDatabaseUrl] = shared.url;
    process.env[TestEnv.embeddedDatabaseBroker] = broker.url;
    state[HARNESS_STATE_KEY] = {
      users: 1,
      async stop(): Promise<void> {
        await broker.close();
        await shared.stop();
      },
    };
  } catch (error) {
    await shared.stop();
    throw error;
  }
  process.stderr.write(
    `\n[test] embedded PostgreSQL (PGlite) ready in ${Date.now() - startedAt} ms\n`,
  );
}

async function whyItDoesNotAnswer(url: string): Promise<string | null> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}
