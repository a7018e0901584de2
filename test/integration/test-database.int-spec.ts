import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import {
  assertTestDatabaseName,
  createRolesIfMissing,
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

(readEnv(TestEnv.databaseUrl) === null ? describe.skip : describe)(
  'createRolesIfMissing (real PostgreSQL)',
  () => {
    it('creates each role once when many callers race to create them', async () => {
      const server = readEnv(TestEnv.databaseUrl) as string;
      const suffix = randomBytes(4).toString('hex');
      const roles = ['a', 'b'].map((name) => ({
        name: `test_race_${name}_${suffix}`,
        password: 'race',
      }));
      try {
        const outcomes = await Promise.allSettled(
          Array.from({ length: 8 }, () => createRolesIfMissing(server, roles)),
        );
        expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
        const client = await connect(server);
        try {
          const { rows } = await client.query(
            'SELECT rolname, rolsuper, rolcanlogin FROM pg_roles WHERE rolname = ANY ($1) ORDER BY 1',
            [roles.map((role) => role.name)],
          );
          expect(rows).toEqual(
            roles.map((role) => ({ rolname: role.name, rolsuper: false, rolcanlogin: true })),
          );
        } finally {
          await client.end();
        }
      } finally {
        const client = await connect(server);
        try {
          for (const role of roles) await client.query(`DROP ROLE IF EXISTS ${role.name}`);
        } finally {
          await client.end();
        }
      }
    }, 60_000);
  },
);
