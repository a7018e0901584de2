import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock';
import { installProtocolAwareQueue } from './protocol-aware-queue';

// Loaded with a real dynamic import(), which TypeScript keeps in CommonJS output under module
// nodenext: the packages' primary ESM builds (0.5.14/0.2.17 also ship .cjs ones, which work
// in plain Node too). Neither loads inside Jest's sandbox — tests start it in globalSetup.
// The types are taken from the same expressions, so they match what the import returns.
const loadPglite = () => import('@electric-sql/pglite');
const loadSocketServer = () => import('@electric-sql/pglite-socket');
type PGliteModule = Awaited<ReturnType<typeof loadPglite>>;
type SocketModule = Awaited<ReturnType<typeof loadSocketServer>>;
type PGliteInstance = InstanceType<PGliteModule['PGlite']>;
type SocketServer = InstanceType<SocketModule['PGLiteSocketServer']>;

export interface EmbeddedPostgresOptions {
  /** Folder for the data files (created if missing); undefined keeps everything in memory. */
  dataDir?: string | undefined;
  /** Loopback by default: the server has no authentication at all. */
  host?: string;
  /** 0 lets the OS pick a free port. */
  port?: number;
  /**
   * Socket connections served at once. Every pool counts (TypeORM's, and one pool plus one
   * LISTEN client per BullMQ Queue/Worker), and the server answers one more with a bare
   * "Too many connections" line that `pg` reports as a protocol error, so keep it generous.
   */
  maxConnections?: number;
  /** A dump from `snapshot()`: an in-memory start from it skips initdb (≈0.5 s instead of ≈2.5 s). */
  initialData?: Blob | undefined;
}

export interface EmbeddedPostgres {
  /** postgres:// URL for `pg` and TypeORM. User and database names in it are ignored by PGlite. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly dataDir: string | undefined;
  /** A tarball of the data folder, for `initialData` (tests clone a fresh cluster with it). */
  snapshot(): Promise<Blob>;
  /** Closes the socket server, then PGlite (flushing to disk), then frees the data folder. */
  stop(): Promise<void>;
}

export const DEFAULT_EMBEDDED_MAX_CONNECTIONS = 100;

/**
 * Starts PGlite (PostgreSQL compiled to WASM, in this process) and serves it over the
 * PostgreSQL wire protocol with pglite-socket, so the ordinary `pg` driver can use it.
 *
 * What a caller must know (measured with PGlite 0.5.14, which is PostgreSQL 18.6):
 * - All socket connections share ONE backend session. `SET` on one connection changes it
 *   for all; startup options (`options=-c search_path=…`) and the database name are ignored.
 * - The server runs one transaction at a time: while a connection holds a transaction open,
 *   queries from every other connection wait — with no timeout (statement_timeout never
 *   fires in WASM). Use client-side timeouts (`pg` `query_timeout`).
 * - LISTEN/NOTIFY does not cross connections: a notification is delivered to whichever
 *   connection's query flushed it, usually the notifier's own.
 * - Session advisory locks never conflict (one session); transaction-scoped ones are moot
 *   because transactions are serialised anyway.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgres> {
  const host = options.host ?? '127.0.0.1';
  const dataDir = options.dataDir === undefined ? undefined : resolve(options.dataDir);
  if (dataDir !== undefined && options.initialData !== undefined) {
    throw new Error(
      'initialData only seeds an in-memory database; an on-disk one keeps its own files.',
    );
  }

  const [{ PGlite }, { PGLiteSocketServer }] = await Promise.all([
    loadPglite(),
    loadSocketServer(),
  ]);

  let lock: DataDirLock | undefined;
  let database: PGliteInstance | undefined;
  try {
    if (dataDir !== undefined) {
      mkdirSync(dataDir, { recursive: true });
      lock = acquireDataDirLock(dataDir); // before PGlite touches a single file
    }
    database = await PGlite.create({
      ...(dataDir !== undefined ? { dataDir } : {}),
      ...(options.initialData !== undefined ? { loadDataDir: options.initialData } : {}),
    });
    const server = new PGLiteSocketServer({
      db: database,
      host,
      port: options.port ?? 0,
      maxConnections: options.maxConnections ?? DEFAULT_EMBEDDED_MAX_CONNECTIONS,
    });
    installProtocolAwareQueue(server, database);
    await server.start();
    const port = listeningPort(server);
    return handle(database, server, lock, { host, port, dataDir });
  } catch (error) {
    await database?.close().catch(() => undefined);
    lock?.release();
    throw error;
  }
}

function handle(
  database: PGliteInstance,
  server: SocketServer,
  lock: DataDirLock | undefined,
  where: { host: string; port: number; dataDir: string | undefined },
): EmbeddedPostgres {
  const urlHost = where.host.includes(':') ? `[${where.host}]` : where.host;
  let stopping: Promise<void> | undefined;
  return {
    ...where,
    url: `postgres://postgres@${urlHost}:${where.port}/postgres`,
    snapshot: () => database.dumpDataDir('none'),
    stop(): Promise<void> {
      stopping ??= stopInOrder(database, server, lock);
      return stopping;
    },
  };
}

async function stopInOrder(
  database: PGliteInstance,
  server: SocketServer,
  lock: DataDirLock | undefined,
): Promise<void> {
  try {
    await server.stop();
    // server.stop() detaches its connections without awaiting them; a detach may still roll
    // back a transaction a client left open. Let those run before PGlite goes away.
    await new Promise((resolveLater) => setImmediate(resolveLater));
    if (database.isInTransaction()) await database.exec('ROLLBACK');
    await database.close(); // flushes the data folder; what was committed is on disk
  } finally {
    lock?.release();
  }
}

function listeningPort(server: SocketServer): number {
  // The server keeps the OS-assigned port privately; getServerConn() reports "host:port".
  const connection = server.getServerConn();
  const port = Number(connection.slice(connection.lastIndexOf(':') + 1));
  if (!Number.isInteger(port) || port <= 0) {
    throw new Error(`pglite-socket reported no port (${connection}).`);
  }
  return port;
}
