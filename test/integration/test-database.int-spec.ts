import { Client } from 'pg';
import {
  assertTestDatabaseName,
  createTestDatabase,
  testDatabaseName,
  type TestDatabase,
} from '../support/test-database';

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
    const [a, b] = await Promise.all([connect(left.url), connect(right.url)]);
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
