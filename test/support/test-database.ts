import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { readEnv, redactUrl, TestEnv } from './test-env';

export interface TestDatabase {
  /**
   * Connection URL of a database no other test file uses, as the runtime role: what the
   * application connects with.
   */
  readonly url: string;
  /** The same database as its owner role: where migrations run. */
  readonly ownerUrl: string;
  /** The same database as the test server's superuser: the attacker's connection. */
  readonly superuserUrl: string;
  readonly name: string;
  /** Removes the database; idempotent. Close your pools first (a real server forces them). */
  drop(): Promise<void>;
}

/**
 * One database per test file (Vendure's habit), so files can run in parallel:
 *
 * - with TEST_DATABASE_URL (its user a superuser): `CREATE DATABASE test_<label>_<random> OWNER`
 *   the tests' owner role, and `DROP DATABASE … WITH (FORCE)` in drop(). The owner and runtime
 *   roles (TEST_ROLES) are created on first use, as production has them: migrations run as the
 *   owner, the application as the runtime role;
 * - embedded: a fresh PGlite instance of its own from globalSetup's broker (see
 *   test-database-broker.ts for why a schema or CREATE DATABASE cannot isolate files there).
 *   PGlite has one role: all three URLs are the same.
 *
 * Call it in beforeAll and drop in afterAll; give the hook ~30 s (the embedded start takes
 * ≈0.5 s, more while other files run).
 */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = testDatabaseName(label);
  assertTestDatabaseName(name);
  const serverUrl = readEnv(TestEnv.databaseUrl);
  if (serverUrl !== null) return createOnServer(serverUrl, name);
  const broker = readEnv(TestEnv.embeddedDatabaseBroker);
  if (broker !== null) return createEmbedded(broker, name);
  throw new Error(
    `No test database: set ${TestEnv.databaseUrl}, or run through a Jest project whose globalSetup ` +
      `is test/support/global-setup.ts (integration, e2e).`,
  );
}

/** `test_<label>_<8 hex>`, lower-case, at most PostgreSQL's 63 bytes. */
export function testDatabaseName(label: string): string {
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
  return `test_${slug || 'db'}_${randomBytes(4).toString('hex')}`;
}

/** The last line of defence before CREATE or DROP: never touch a database not named for tests. */
export function assertTestDatabaseName(name: string): void {
  if (!name.toLowerCase().includes('test')) {
    throw new Error(
      `Refusing to use database "${name}": a test database's name must contain "test".`,
    );
  }
}

/**
 * The tests' two roles on a real server. Neither is a superuser; the runtime role is no member
 * of the owner. Names are fixed (every test file, worker and run shares them, as databases share
 * one production role pair); the passwords matter only where the server asks for one.
 */
export const TEST_ROLES = {
  owner: { name: 'credit_bank_test_owner', password: 'credit-bank-test-owner' },
  runtime: { name: 'credit_bank_test_app', password: 'credit-bank-test-app' },
} as const;

let rolesReady: Promise<void> | undefined;

/** The tests' roles, created once per process (see createRolesIfMissing). */
function ensureTestRoles(serverUrl: string): Promise<void> {
  rolesReady ??= createRolesIfMissing(serverUrl, [TEST_ROLES.owner, TEST_ROLES.runtime]).catch(
    (error: unknown) => {
      rolesReady = undefined;
      throw error;
    },
  );
  return rolesReady;
}

/**
 * Creates each login role that does not exist yet. Race-safe: Jest workers (and other runs on
 * the same server) create the same roles at the same moment; the loser of a concurrent CREATE
 * ROLE gets duplicate_object or unique_violation, which means the role is there.
 */
export function createRolesIfMissing(
  serverUrl: string,
  roles: readonly { name: string; password: string }[],
): Promise<void> {
  return withClient(serverUrl, async (client) => {
    for (const role of roles) {
      // Literals, not parameters: DO blocks take none. Names and passwords are the tests' own.
      await client.query(`
        DO $$ BEGIN
          CREATE ROLE ${role.name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '${role.password}';
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END $$`);
    }
  });
}

/** `serverUrl` with another database and, optionally, another user. */
function urlOn(serverUrl: string, database: string, role?: { name: string; password: string }) {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  if (role) {
    url.username = role.name;
    url.password = role.password;
  }
  return url.toString();
}

async function createOnServer(serverUrl: string, name: string): Promise<TestDatabase> {
  const quoted = `"${name}"`; // safe: testDatabaseName only yields [a-z0-9_]
  await ensureTestRoles(serverUrl);
  await withClient(serverUrl, (client) =>
    client.query(`CREATE DATABASE ${quoted} OWNER ${TEST_ROLES.owner.name}`),
  );
  let dropped: Promise<void> | undefined;
  return {
    url: urlOn(serverUrl, name, TEST_ROLES.runtime),
    ownerUrl: urlOn(serverUrl, name, TEST_ROLES.owner),
    superuserUrl: urlOn(serverUrl, name),
    name,
    drop(): Promise<void> {
      dropped ??= withClient(serverUrl, async (client) => {
        assertTestDatabaseName(name);
        // FORCE: a pool a test forgot to close must not keep the database alive.
        await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
      });
      return dropped;
    },
  };
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`${redactUrl(url)} does not answer: ${(error as Error).message}`);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Every embedded database runs in Jest's parent process, on one event loop: while two test
 * files keep it busy, the broker may not accept a connection in time. Try a few times.
 */
async function withRetries<T>(attempt: () => Promise<T>, tries = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= tries) throw error;
      await new Promise((settle) => setTimeout(settle, 1_000 * i));
    }
  }
}

async function createEmbedded(brokerUrl: string, name: string): Promise<TestDatabase> {
  const response = await withRetries(() =>
    fetch(`${brokerUrl}/databases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name }),
    }),
  );
  const body = (await response.json()) as { id?: string; url?: string; error?: string };
  if (response.status !== 201 || !body.id || !body.url) {
    throw new Error(
      `The embedded database broker could not create ${name}: ${body.error ?? response.status}`,
    );
  }
  const { id, url } = body;
  let dropped: Promise<void> | undefined;
  return {
    url,
    ownerUrl: url,
    superuserUrl: url,
    name,
    drop(): Promise<void> {
      dropped ??= fetch(`${brokerUrl}/databases/${id}`, { method: 'DELETE' }).then((answer) => {
        if (answer.status !== 204)
          throw new Error(`The broker could not drop ${name}: ${answer.status}`);
      });
      return dropped;
    },
  };
}
