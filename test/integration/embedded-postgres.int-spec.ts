import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type Notification } from 'pg';
import {
  startEmbeddedPostgresProcess,
  type EmbeddedPostgresProcess,
} from '../support/embedded-postgres-process';

// Each test starts PGlite in a child process (it cannot load in Jest's sandbox): seconds each.
const SLOW = 90_000;

async function query<T extends object>(
  url: string,
  sql: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL (PGlite served by pglite-socket)', () => {
  let dataDir: string;
  const children: EmbeddedPostgresProcess[] = [];
  const serve = async (where: string | undefined): Promise<EmbeddedPostgresProcess> => {
    const child = await startEmbeddedPostgresProcess(where);
    children.push(child);
    return child;
  };

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'embedded-pg-'));
  });

  afterEach(async () => {
    await Promise.all(children.splice(0).map((child) => child.kill()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'keeps committed rows across a clean stop and a restart',
    async () => {
      const first = await serve(dataDir);
      await query(
        first.url,
        'CREATE TABLE kept (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), note text)',
      );
      const [written] = await query<{ id: string }>(
        first.url,
        'INSERT INTO kept (note) VALUES ($1) RETURNING id',
        ['before restart'],
      );
      await first.stop();
      expect(() => readFileSync(join(dataDir, '.lock'))).toThrow(/ENOENT/); // a clean stop frees the folder

      const second = await serve(dataDir);
      expect(await query(second.url, 'SELECT id, note FROM kept')).toEqual([
        { id: written.id, note: 'before restart' },
      ]);
    },
    SLOW,
  );

  it(
    'refuses a second process on a data folder in use, naming the folder and the holder pid',
    async () => {
      const holder = await serve(dataDir);
      expect(readFileSync(join(dataDir, '.lock'), 'utf8').trim()).toBe(String(holder.pid));

      const refusal = startEmbeddedPostgresProcess(dataDir);
      await expect(refusal).rejects.toThrow(dataDir);
      await expect(refusal).rejects.toThrow(`in use by process ${holder.pid}`);
      // The holder is untouched by the attempt.
      expect(await query(holder.url, 'SELECT 1 AS alive')).toEqual([{ alive: 1 }]);
    },
    SLOW,
  );

  it(
    'takes over the lock of a process that was killed, keeping what it had committed',
    async () => {
      const crashed = await serve(dataDir);
      await query(crashed.url, 'CREATE TABLE survived (n int)');
      await query(crashed.url, 'INSERT INTO survived VALUES (1), (2), (3)');
      await crashed.kill();
      expect(readFileSync(join(dataDir, '.lock'), 'utf8').trim()).toBe(String(crashed.pid)); // stale

      const next = await serve(dataDir);
      expect(readFileSync(join(dataDir, '.lock'), 'utf8').trim()).toBe(String(next.pid));
      expect(await query(next.url, 'SELECT sum(n)::int AS total FROM survived')).toEqual([
        { total: 6 },
      ]);
    },
    SLOW,
  );

  it(
    'takes over a lock file whose pid is garbage or dead without a database ever running',
    async () => {
      writeFileSync(join(dataDir, '.lock'), '2147483646\n'); // no such process
      const owner = await serve(dataDir);
      expect(readFileSync(join(dataDir, '.lock'), 'utf8').trim()).toBe(String(owner.pid));
    },
    SLOW,
  );

  it(
    'serves what the ledger needs, and shows the one-session traps',
    async () => {
      const server = await serve(undefined);
      const first = new Client({ connectionString: server.url });
      const second = new Client({ connectionString: server.url });
      await Promise.all([first.connect(), second.connect()]);
      try {
        // gen_random_uuid() is built in (no uuid-ossp); triggers and plpgsql work.
        const [uuid] = (await first.query<{ id: string }>('SELECT gen_random_uuid()::text AS id'))
          .rows;
        expect(uuid.id).toMatch(/^[0-9a-f-]{36}$/);
        await first.query('CREATE TABLE entries (n int)');
        await first.query(`CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN RAISE EXCEPTION 'entries are immutable' USING ERRCODE = '55000'; END $$`);
        await first.query(`CREATE TRIGGER entries_immutable BEFORE UPDATE OR DELETE ON entries
        FOR EACH ROW EXECUTE FUNCTION forbid_change()`);
        await first.query('INSERT INTO entries VALUES (1)');
        await expect(second.query('DELETE FROM entries')).rejects.toMatchObject({ code: '55000' });
        await first.query('BEGIN');
        await first.query('SELECT pg_advisory_xact_lock(42)');
        await first.query('COMMIT');

        // Trap 1: one session behind every connection — SET on one is seen by the other.
        await first.query('SET application_name = shared_session');
        const [seen] = (
          await second.query<{ name: string }>('SELECT current_setting($1) AS name', [
            'application_name',
          ])
        ).rows;
        expect(seen.name).toBe('shared_session');
        // Trap 2: session advisory locks never conflict between connections.
        expect((await first.query('SELECT pg_try_advisory_lock(7) AS got')).rows[0].got).toBe(true);
        expect((await second.query('SELECT pg_try_advisory_lock(7) AS got')).rows[0].got).toBe(
          true,
        );
        // Trap 3: NOTIFY reaches the notifier's connection, not the listener's.
        const heardBy: string[] = [];
        first.on('notification', (note: Notification) => heardBy.push(`first:${note.payload}`));
        second.on('notification', (note: Notification) => heardBy.push(`second:${note.payload}`));
        await first.query('LISTEN ledger');
        await second.query("NOTIFY ledger, 'hello'");
        await first.query('SELECT 1');
        expect(heardBy).toEqual(['second:hello']);
      } finally {
        await Promise.all([first.end(), second.end()]);
      }
    },
    SLOW,
  );
});
