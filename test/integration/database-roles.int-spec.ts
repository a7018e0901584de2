import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { AppConfig, Role } from '@app/core';
import { migrate, RUNTIME_ACCESS, RuntimeRoleError } from '@app/platform';
import { requireRealPostgresOrSkip, waitForAudit } from '../support/audit-helpers';
import { aCourse, aLearner, anInstitution, recordCredit } from '../support/factories';
import { typescriptEntryArgs } from '../support/audit-ts-loader';
import { createTestDatabase, TEST_ROLES, TestDatabase } from '../support/test-database';
import { createTestApp, TestApp } from '../support/test-app';

const SUITE = 'database roles';
const realPostgres = requireRealPostgresOrSkip(SUITE) !== null;

const EVIDENCE = Object.entries(RUNTIME_ACCESS)
  .filter(([, access]) => access.kind === 'evidence')
  .map(([table]) => table);

interface Column {
  table: string;
  column: string;
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  return client;
}

/** The SQLSTATE `sql` fails with, or 'ok'; a transaction rolled back either way. */
async function outcome(client: Client, sql: string): Promise<string> {
  await client.query('BEGIN');
  try {
    await client.query(sql);
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  } finally {
    await client.query('ROLLBACK');
  }
}

describe('every table has a decision on the runtime role', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('runtime access decisions');
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  it('RUNTIME_ACCESS names exactly the tables the migrations create, and only their columns', async () => {
    const tables: { name: string }[] = await t.superuser.query(
      `SELECT relname::text AS name FROM pg_class
        WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p', 'v', 'm', 'f')
          AND NOT relispartition ORDER BY 1`,
    );
    expect(Object.keys(RUNTIME_ACCESS).sort()).toEqual(tables.map((table) => table.name));

    const columns: Column[] = await t.superuser.query(
      `SELECT table_name::text AS table, column_name::text AS column
         FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    const existing = new Set(columns.map(({ table, column }) => `${table}.${column}`));
    const named = Object.entries(RUNTIME_ACCESS).flatMap(([table, access]) =>
      access.kind === 'none' ? [] : access.updates.map((column) => `${table}.${column}`),
    );
    expect(named.filter((column) => !existing.has(column))).toEqual([]);
  });

  it('names the ledger and the log as evidence', () => {
    expect(EVIDENCE).toEqual(
      expect.arrayContaining(['ledger_entries', 'audit_events', 'outbox_events']),
    );
  });
});

/**
 * The application's role against the ledger and the log, on real PostgreSQL (PGlite has one
 * role). Each attack is also run as the superuser, where it goes through (or meets the
 * append-only trigger, CB001): the refusal comes from the role, not from a broken statement.
 */
(realPostgres ? describe : describe.skip)('the runtime role on real PostgreSQL', () => {
  let t: TestApp;
  let runtime: Client;
  let owner: Client;
  let superuser: Client;
  let triggers: { table: string; trigger: string; fn: string }[];

  beforeAll(async () => {
    t = await createTestApp('database roles', { withWorker: true });
    const school = await anInstitution(t);
    const courseId = await aCourse(t, { institutionId: school });
    const learnerId = await aLearner(t);
    const token = await t.tokenFor(Role.REGISTRAR, { institutionId: school });
    await recordCredit(t, { token, learnerId, courseId });
    await waitForAudit(t.dataSource, 1);
    [runtime, owner, superuser] = await Promise.all([
      connect(t.database.url),
      connect(t.database.ownerUrl),
      connect(t.database.superuserUrl),
    ]);
    triggers = (
      await superuser.query<{ table: string; trigger: string; fn: string }>(
        `SELECT c.relname::text AS table, g.tgname::text AS trigger, g.tgfoid::regproc::text AS fn
           FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
          WHERE NOT g.tgisinternal AND c.relname = ANY ($1) ORDER BY 1, 2`,
        [EVIDENCE],
      )
    ).rows;
  }, 120_000);

  afterAll(async () => {
    await Promise.all([runtime?.end(), owner?.end(), superuser?.end()]);
    await t?.close();
  }, 60_000);

  it('runs the application as the runtime role, which is neither superuser nor owner', async () => {
    const [{ user }]: { user: string }[] = await t.dataSource.query('SELECT current_user AS user');
    expect(user).toBe(TEST_ROLES.runtime.name);
    const { rows } = await superuser.query(
      `SELECT r.rolname, r.rolsuper, r.rolcreaterole,
              pg_has_role(r.rolname, $2::name, 'MEMBER') AS member_of_owner,
              (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()) AS database_owner
         FROM pg_roles r WHERE r.rolname IN ($1, $2) ORDER BY r.rolname <> $1`,
      [TEST_ROLES.runtime.name, TEST_ROLES.owner.name],
    );
    expect(rows).toEqual([
      {
        rolname: TEST_ROLES.runtime.name,
        rolsuper: false,
        rolcreaterole: false,
        member_of_owner: false,
        database_owner: TEST_ROLES.owner.name,
      },
      {
        rolname: TEST_ROLES.owner.name,
        rolsuper: false,
        rolcreaterole: false,
        member_of_owner: true,
        database_owner: TEST_ROLES.owner.name,
      },
    ]);
    const tables = await superuser.query<{ name: string; owner: string }>(
      `SELECT relname::text AS name, pg_get_userbyid(relowner)::text AS owner FROM pg_class
        WHERE relname = ANY ($1)`,
      [EVIDENCE],
    );
    expect(tables.rows.map((table) => table.owner)).toEqual(
      EVIDENCE.map(() => TEST_ROLES.owner.name),
    );
  });

  it('finds the append-only triggers it attacks below', () => {
    const named = triggers.map(({ table, trigger }) => `${table}.${trigger}`);
    expect(named).toEqual(
      expect.arrayContaining([
        'ledger_entries.ledger_entries_append_only',
        'ledger_entries.ledger_entries_no_truncate',
        'audit_events.audit_events_append_only',
        'audit_events.audit_events_no_truncate',
      ]),
    );
  });

  it('attacks tables that hold rows', async () => {
    for (const table of ['ledger_entries', 'audit_events', 'outbox_events']) {
      const { rows } = await superuser.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${table}`,
      );
      expect(`${table}: ${rows[0].n > 0}`).toBe(`${table}: true`);
    }
  });

  it.each(EVIDENCE)(
    'refuses the runtime role UPDATE of every recorded column, DELETE and TRUNCATE on %s (42501)',
    async (table) => {
      const access = RUNTIME_ACCESS[table];
      const updatable = access.kind === 'none' ? [] : access.updates;
      const { rows } = await superuser.query<{ column: string; identity: string }>(
        `SELECT column_name::text AS column, is_identity::text AS identity
           FROM information_schema.columns
          WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
        [table],
      );
      const recorded = rows.filter((row) => !updatable.includes(row.column));
      expect(recorded.length).toBeGreaterThan(0);
      const attacks = [
        // An identity column may only be set to DEFAULT; anything else fails before the rights.
        ...recorded.map(({ column, identity }) =>
          identity === 'YES'
            ? `UPDATE ${table} SET "${column}" = DEFAULT`
            : `UPDATE ${table} SET "${column}" = "${column}"`,
        ),
        `DELETE FROM ${table}`,
        `TRUNCATE ${table} CASCADE`,
      ];
      for (const sql of attacks) {
        expect(`${sql}: ${await outcome(runtime, sql)}`).toBe(`${sql}: 42501`);
      }
      // As the superuser the same statements reach the rows: only a trigger stops them.
      for (const sql of attacks) {
        expect(['ok', 'CB001']).toContain(await outcome(superuser, sql));
      }
    },
  );

  it('refuses the runtime role every ALTER of a ledger or log table: triggers off, dropped, a new column', async () => {
    // What the owner may do (and does, in this rolled-back check); DISABLE TRIGGER ALL also
    // touches the foreign keys' system triggers, which only a superuser may.
    const ownerMay = [
      ...EVIDENCE.flatMap((table) => [
        `ALTER TABLE ${table} DISABLE TRIGGER USER`,
        `ALTER TABLE ${table} ADD COLUMN forged text`,
      ]),
      ...triggers.flatMap(({ table, trigger }) => [
        `ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`,
        `DROP TRIGGER ${trigger} ON ${table}`,
      ]),
    ];
    expect(ownerMay.length).toBeGreaterThan(EVIDENCE.length * 2);
    for (const sql of ownerMay) {
      expect(`${sql}: ${await outcome(runtime, sql)}`).toBe(`${sql}: 42501`);
      expect(`${sql}: ${await outcome(owner, sql)}`).toBe(`${sql}: ok`);
    }
    for (const table of EVIDENCE) {
      for (const sql of [
        `ALTER TABLE ${table} DISABLE TRIGGER ALL`,
        `ALTER TABLE ${table} OWNER TO ${TEST_ROLES.runtime.name}`,
      ]) {
        expect(`${sql}: ${await outcome(runtime, sql)}`).toBe(`${sql}: 42501`);
      }
    }
  });

  it('refuses the runtime role replacing a trigger function with one that lets everything through', async () => {
    const functions = [...new Set(triggers.map((trigger) => trigger.fn))];
    expect(functions).toContain('refuse_change');
    for (const fn of functions) {
      const sql = `CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$`;
      expect(`${fn}: ${await outcome(runtime, sql)}`).toBe(`${fn}: 42501`);
      expect(`${fn}: ${await outcome(owner, sql)}`).toBe(`${fn}: ok`);
    }
  });

  it('refuses the runtime role (and the owner) switching triggers off for its session', async () => {
    const sql = 'SET session_replication_role = replica';
    expect(await outcome(runtime, sql)).toBe('42501');
    expect(await outcome(owner, sql)).toBe('42501');
    expect(await outcome(superuser, sql)).toBe('ok');
  });

  it('refuses the runtime role new objects that could shadow the tables, and rights it was not given', async () => {
    const attacks = [
      'CREATE TABLE public.forged (id int)',
      'CREATE SCHEMA forged',
      `CREATE SCHEMA ${TEST_ROLES.runtime.name}`,
      `GRANT ${TEST_ROLES.owner.name} TO ${TEST_ROLES.runtime.name}`,
      'SELECT count(*) FROM schema_migrations',
    ];
    for (const sql of attacks) {
      expect(`${sql}: ${await outcome(runtime, sql)}`).toBe(`${sql}: 42501`);
    }
  });

  it('lets the runtime role do what the relay and the appender do, and read every table it has a decision on', async () => {
    const allowed = [
      'UPDATE outbox_events SET dispatched_at = dispatched_at, dispatch_count = dispatch_count, audited_at = audited_at, rejected_at = rejected_at, rejection = rejection',
      ...Object.entries(RUNTIME_ACCESS)
        .filter(([, access]) => access.kind !== 'none')
        .map(([table]) => `SELECT count(*) FROM ${table}`),
    ];
    for (const sql of allowed) {
      expect(`${sql}: ${await outcome(runtime, sql)}`).toBe(`${sql}: ok`);
    }
  });

  describe('migrating as the owner', () => {
    const settingsOf = (runtimeUrl: string) =>
      new AppConfig(t.config, {
        databaseUrl: runtimeUrl,
        migrationDatabaseUrl: t.database.ownerUrl,
        jwtSecret: t.config.jwtSecret,
        identityKey: t.config.identityKey,
        auditSigningKey: t.config.auditSigningKey,
        outboxHmacKey: t.config.outboxHmacKey,
      });

    it('grants again idempotently: a second run changes no right', async () => {
      const rights = () =>
        superuser.query(
          `SELECT c.relname::text, c.relacl::text,
                  array(SELECT a.attname || '=' || a.attacl::text FROM pg_attribute a
                         WHERE a.attrelid = c.oid AND a.attacl IS NOT NULL ORDER BY a.attnum) AS columns
             FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace ORDER BY 1`,
        );
      const before = (await rights()).rows;
      await expect(migrate(settingsOf(t.database.url), 'database-roles-test')).resolves.toEqual([]);
      expect((await rights()).rows).toEqual(before);
    });

    it('stops on a table nobody decided about, naming it and where to decide', async () => {
      await owner.query('CREATE TABLE undecided_test_table (id int)');
      try {
        await expect(migrate(settingsOf(t.database.url), 'database-roles-test')).rejects.toThrow(
          /undecided_test_table: add each table to RUNTIME_ACCESS in libs\/platform\/src\/database-roles\/runtime-access\.ts/,
        );
      } finally {
        await owner.query('DROP TABLE undecided_test_table');
      }
    });

    it('stops on a table the migrations role cannot grant on, naming its owner', async () => {
      await superuser.query('CREATE TABLE foreign_owned_test_table (id int)');
      try {
        await expect(migrate(settingsOf(t.database.url), 'database-roles-test')).rejects.toThrow(
          /cannot grant on foreign_owned_test_table \(owned by \w+\): point MIGRATION_DATABASE_URL at the role that owns the tables/,
        );
      } finally {
        await superuser.query('DROP TABLE foreign_owned_test_table');
      }
    });

    it('tells an operator migrating as the runtime role to set MIGRATION_DATABASE_URL', async () => {
      const asRuntime = new AppConfig(t.config, {
        databaseUrl: t.database.url,
        migrationDatabaseUrl: t.database.url,
        jwtSecret: t.config.jwtSecret,
        identityKey: t.config.identityKey,
        auditSigningKey: t.config.auditSigningKey,
        outboxHmacKey: t.config.outboxHmacKey,
      });
      await expect(migrate(asRuntime, 'database-roles-test')).rejects.toThrow(
        new RegExp(
          `^permission denied for .+: migrations connect as ${TEST_ROLES.runtime.name}, which may not change the schema; set MIGRATION_DATABASE_URL to the owner role's URL`,
        ),
      );
    });

    it('refuses to grant a runtime role that is a member of the owner', async () => {
      const mighty = `test_mighty_${randomBytes(4).toString('hex')}`;
      await superuser.query(`CREATE ROLE ${mighty} LOGIN IN ROLE ${TEST_ROLES.owner.name}`);
      try {
        const url = new URL(t.database.url);
        url.username = mighty;
        const refused = migrate(settingsOf(url.toString()), 'database-roles-test');
        await expect(refused).rejects.toBeInstanceOf(RuntimeRoleError);
        await expect(refused).rejects.toThrow(
          new RegExp(
            `role ${mighty} could switch the ledger's guards off: it is a member of the owner`,
          ),
        );
      } finally {
        await superuser.query(`DROP ROLE ${mighty}`);
      }
    });
  });
});

/** `npm run migration:run` as an operator runs it: the CLI entry, with both URLs. */
(realPostgres ? describe : describe.skip)(
  'npm run migration:run with MIGRATION_DATABASE_URL',
  () => {
    let database: TestDatabase;
    let superuser: Client;

    const migrateCli = () =>
      spawnSync(
        process.execPath,
        typescriptEntryArgs(join(__dirname, '../../apps/api/src/cli/migrate.ts')),
        {
          env: {
            PATH: process.env.PATH,
            DATABASE_URL: database.url,
            MIGRATION_DATABASE_URL: database.ownerUrl,
            REDIS_URL: 'redis://127.0.0.1:6379',
            JWT_SECRET: randomBytes(32).toString('hex'),
            IDENTITY_KEY: randomBytes(32).toString('base64'),
            OUTBOX_HMAC_KEY: randomBytes(32).toString('base64'),
            AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519')
              .privateKey.export({ type: 'pkcs8', format: 'pem' })
              .toString(),
          },
          encoding: 'utf8',
          timeout: 60_000,
        },
      );

    const rights = async (table: string) =>
      (
        await superuser.query<{
          select: boolean;
          insert: boolean;
          update: boolean;
          delete: boolean;
        }>(
          `SELECT has_table_privilege($1, $2, 'SELECT') AS select,
                has_table_privilege($1, $2, 'INSERT') AS insert,
                has_table_privilege($1, $2, 'UPDATE') AS update,
                has_table_privilege($1, $2, 'DELETE') AS delete`,
          [TEST_ROLES.runtime.name, table],
        )
      ).rows[0];

    beforeAll(async () => {
      database = await createTestDatabase('migrate cli');
      superuser = await connect(database.superuserUrl);
    }, 60_000);

    afterAll(async () => {
      await superuser?.end();
      await database?.drop();
    }, 60_000);

    it('migrates as the owner and grants the runtime role its rights, then finds nothing to do', async () => {
      const first = migrateCli();
      expect(first.stderr).toBe('');
      expect(first.status).toBe(0);
      expect(first.stdout).toMatch(/^applied: Initial1764400000000, /m);
      expect(first.stdout).toContain(`granted ${TEST_ROLES.runtime.name} its rights on`);
      const [{ owner }] = (
        await superuser.query<{ owner: string }>(
          `SELECT pg_get_userbyid(relowner)::text AS owner FROM pg_class WHERE relname = 'ledger_entries'`,
        )
      ).rows;
      expect(owner).toBe(TEST_ROLES.owner.name);
      expect(await rights('ledger_entries')).toEqual({
        select: true,
        insert: true,
        update: false,
        delete: false,
      });

      const second = migrateCli();
      expect(second.status).toBe(0);
      expect(second.stdout).toMatch(/^no pending migrations$/m);
      expect(await rights('ledger_entries')).toMatchObject({ select: true, update: false });
    }, 130_000);
  },
);
