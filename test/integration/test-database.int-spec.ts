import { Client } from 'pg';
import {
  assertTestDatabaseName,
  createTestDatabase,
  TEST_ROLES,
  testDatabaseName,
  type TestDatabase,
} from '../support/test-database';
import { readEnv, TestEnv } from '../support/test-env';

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  return client;
}

describe('createTestDatabase', () => {
  let left: TestDatabase;
  let right: TestDatabase;

  beforeAll(async () => {
    [left, right] = await Promise.all([
      createTestDatabase('isolation left'),
      createTestDatabase('isolation right'),
    ]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([left?.drop(), right?.drop()]);
  }, 60_000);

  it('gives each caller its own database: tables, rows and session settings do not leak', async () => {
    const [a, b] = await Promise.all([connect(left.ownerUrl), connect(right.ownerUrl)]);
    try {
      await a.query('CREATE TABLE learners (name text)');
      await a.query("INSERT INTO learners VALUES ('only in left')");
      await b.query('CREATE TABLE learners (name text)'); // same name, no clash
      await a.query('SET search_path TO pg_catalog, public');

      expect((await a.query('SELECT name FROM learners')).rows).toEqual([{ name: 'only in left' }]);
      expect((await b.query('SELECT name FROM learners')).rows).toEqual([]);
      expect((await b.query('SHOW search_path')).rows[0].search_path).not.toContain('pg_catalog');
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it('connects as the runtime role, the owner and the superuser on a server (one role embedded)', async () => {
    const server = readEnv(TestEnv.databaseUrl);
    const users = await Promise.all(
      [left.url, left.ownerUrl, left.superuserUrl].map(async (url) => {
        const client = await connect(url);
        try {
          return (await client.query('SELECT current_user AS user')).rows[0].user as string;
        } finally {
          await client.end();
        }
      }),
    );
    if (server === null) {
      expect(new Set(users).size).toBe(1);
      return;
    }
    expect(users).toEqual([
      TEST_ROLES.runtime.name,
      TEST_ROLES.owner.name,
      decodeURIComponent(new URL(server).username) || users[2],
    ]);
    expect(users[2]).not.toBe(TEST_ROLES.owner.name);
  });

  it('names databases for tests, and refuses any other name', () => {
    expect(left.name).toMatch(/^test_isolation_left_[0-9a-f]{8}$/);
    expect(left.name).not.toBe(right.name);
    expect(testDatabaseName('Ledger: Credits/Ω!')).toMatch(/^test_ledger_credits_[0-9a-f]{8}$/);
    expect(() => assertTestDatabaseName('ledger_production')).toThrow(/must contain "test"/);
  });

  it('drop() removes the database, and may be called twice', async () => {
    const doomed = await createTestDatabase('dropped');
    const client = await connect(doomed.url);
    await client.query('SELECT 1');
    await client.end();

    await doomed.drop();
    await doomed.drop();
    await expect(connect(doomed.url)).rejects.toThrow(/does not exist|ECONNREFUSED/);
  }, 60_000);
});
