import { spawnSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './private-redis';
import { TEST_ROLES } from './test-database';
import { isCi } from './test-env';

/**
 * PostgreSQL and Redis of the fault run's own, on free ports under a temporary folder: the run
 * stops and restarts them at will, while the machine's shared servers (127.0.0.1:5432 and
 * :6379, used by other suites at the same time) are never touched.
 */

export const POSTGRES_BIN = process.env.FAULTS_POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';
const DATABASE = 'faults_test';

/** Why the private services cannot run here, or null when they can. */
export function missingServiceBinaries(): string | null {
  if (!existsSync(join(POSTGRES_BIN, 'initdb')) || !existsSync(join(POSTGRES_BIN, 'pg_ctl'))) {
    return `no PostgreSQL binaries in ${POSTGRES_BIN} (set FAULTS_POSTGRES_BIN)`;
  }
  for (const binary of ['redis-server', 'redis-cli']) {
    if (spawnSync(binary, ['--version'], { stdio: 'ignore' }).status !== 0)
      return `${binary} is not installed`;
  }
  if (isRoot() && spawnSync('id', ['-u', 'postgres'], { stdio: 'ignore' }).status !== 0) {
    return 'running as root and there is no `postgres` OS user to run initdb as';
  }
  return null;
}

/**
 * For a Jest suite: true when the private services can run. Like the other real-service suites
 * it runs when TEST_DATABASE_URL is set; otherwise it is skipped with one line saying why, except
 * under CI, where anything missing is an error rather than a silent skip.
 */
export function privateServicesOrSkip(suite: string): boolean {
  const reason = process.env.TEST_DATABASE_URL?.trim()
    ? missingServiceBinaries()
    : 'TEST_DATABASE_URL is not set (real-service suites run only then; this one starts its own PostgreSQL and Redis)';
  if (reason === null) return true;
  if (isCi()) throw new Error(`${suite}: ${reason}, and CI=true requires it to run.`);
  process.stdout.write(`[skip] ${suite}: ${reason}.\n`);
  return false;
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** initdb refuses to run as root: as root, the cluster belongs to the `postgres` OS user. */
function asClusterOwner(command: string, args: string[]): { command: string; args: string[] } {
  return isRoot()
    ? { command: 'runuser', args: ['-u', 'postgres', '--', command, ...args] }
    : { command, args };
}

function run(command: string, args: string[], what: string): void {
  const owned = asClusterOwner(command, args);
  const result = spawnSync(owned.command, owned.args, { encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) {
    throw new Error(
      `${what} failed (${result.status ?? result.signal}): ${(result.stderr || result.stdout || '').trim()}`,
    );
  }
}

/**
 * A throw-away PostgreSQL cluster: trust auth on 127.0.0.1, fsync on, its socket in its own
 * folder. Its database belongs to the tests' owner role; the product connects as their runtime
 * role (the tests' two roles, as in production), the checks as the superuser.
 */
export class PrivatePostgres {
  private running = false;

  private constructor(
    readonly port: number,
    private readonly folder: string,
  ) {}

  static async create(): Promise<PrivatePostgres> {
    const folder = mkdtempSync(join(tmpdir(), 'faults-pg-'));
    if (isRoot()) {
      const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
      const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
      chownSync(folder, uid, gid);
    }
    const cluster = new PrivatePostgres(await freePort(), folder);
    run(
      join(POSTGRES_BIN, 'initdb'),
      ['-D', cluster.dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C'],
      'initdb',
    );
    appendFileSync(
      join(cluster.dataDir, 'postgresql.conf'),
      [
        `port = ${cluster.port}`,
        `listen_addresses = '127.0.0.1'`,
        `unix_socket_directories = '${folder}'`,
        // Durability is what is under test: a commit is acknowledged only once it is on disk.
        'fsync = on',
        'synchronous_commit = on',
        'full_page_writes = on',
        'max_connections = 80',
        'shared_buffers = 32MB',
        '',
      ].join('\n'),
    );
    await cluster.start();
    const admin = new Client({ connectionString: cluster.serverUrl('postgres') });
    await admin.connect();
    try {
      for (const role of [TEST_ROLES.owner, TEST_ROLES.runtime]) {
        await admin.query(`CREATE ROLE ${role.name} LOGIN PASSWORD '${role.password}'`);
      }
      await admin.query(`CREATE DATABASE ${DATABASE} OWNER ${TEST_ROLES.owner.name}`);
    } finally {
      await admin.end();
    }
    return cluster;
  }

  private get dataDir(): string {
    return join(this.folder, 'data');
  }

  serverUrl(database = DATABASE): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** The superuser's connection. */
  get url(): string {
    return this.serverUrl();
  }

  /** Where the product's migrations run. */
  get ownerUrl(): string {
    return `postgres://${TEST_ROLES.owner.name}@127.0.0.1:${this.port}/${DATABASE}`;
  }

  /** What the API and the worker connect as. */
  get runtimeUrl(): string {
    return `postgres://${TEST_ROLES.runtime.name}@127.0.0.1:${this.port}/${DATABASE}`;
  }

  async start(): Promise<void> {
    run(
      join(POSTGRES_BIN, 'pg_ctl'),
      ['-D', this.dataDir, '-l', join(this.folder, 'postgres.log'), '-w', '-t', '60', 'start'],
      'pg_ctl start',
    );
    this.running = true;
  }

  /** `pg_ctl stop -m immediate`: no shutdown checkpoint, crash recovery (WAL replay) at the next start. */
  async stopImmediate(): Promise<void> {
    run(
      join(POSTGRES_BIN, 'pg_ctl'),
      ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop'],
      'pg_ctl stop -m immediate',
    );
    this.running = false;
  }

  /** Whether the last start went through crash recovery (read from the server log). */
  recoveredFromCrash(): boolean {
    const log = readFileSync(join(this.folder, 'postgres.log'), 'utf8');
    return /database system was not properly shut down; automatic recovery in progress/.test(log);
  }

  /** Stops the cluster and removes its folder; safe to call twice and from an exit handler. */
  destroy(): void {
    if (this.running) {
      const owned = asClusterOwner(join(POSTGRES_BIN, 'pg_ctl'), [
        '-D',
        this.dataDir,
        '-m',
        'immediate',
        '-w',
        'stop',
      ]);
      spawnSync(owned.command, owned.args, { stdio: 'ignore', timeout: 30_000 });
      this.running = false;
    }
    rmSync(this.folder, { recursive: true, force: true });
  }
}

/** A redis-server like the shared one here (`--save "" --appendonly no`): a restart comes back EMPTY. */
