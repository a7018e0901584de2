import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from '../../libs/platform/src/runtime/embedded/embedded-postgres';

/**
 * Hands out fresh embedded databases to test files, from Jest's parent process.
 *
 * Why a broker: PGlite cannot be loaded inside Jest's sandbox (it imports parts of itself
 * with a dynamic import() that the sandbox refuses), so only globalSetup's process can start
 * one. And one PGlite cannot give files separate databases: CREATE DATABASE succeeds but
 * every connection lands in `postgres` whatever database it names, and all connections
 * share one session (a schema chosen with SET search_path would leak between files). So each
 * test database is its own PGlite instance, started from a snapshot of a freshly initialised
 * cluster (≈0.5 s instead of ≈2.5 s for initdb), on its own port.
 *
 * Protocol (loopback only, behind a random token):
 *   POST   <url>/databases        {"name": "test_…"}  → 201 {"id", "url"}
 *   DELETE <url>/databases/<id>                       → 204
 */
export interface TestDatabaseBroker {
  /** Base URL, token included; tests reach it through EMBEDDED_TEST_DATABASE_BROKER. */
  readonly url: string;
  /** Stops the broker and every database a test file did not drop. */
  close(): Promise<void>;
}

export async function startTestDatabaseBroker(template: Blob): Promise<TestDatabaseBroker> {
  const token = randomBytes(12).toString('hex');
  const databases = new Map<string, EmbeddedPostgres>();

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      reply(response, 500, { error: error instanceof Error ? error.message : String(error) });
    });
  });

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '').split('/').filter(Boolean);
    if (path[0] !== token || path[1] !== 'databases')
      return reply(response, 404, { error: 'not found' });
    if (request.method === 'POST' && path.length === 2) {
      const { name } = JSON.parse(await readBody(request)) as { name?: unknown };
      if (typeof name !== 'string' || !/^[a-z0-9_]+$/.test(name)) {
        return reply(response, 400, { error: 'name must be [a-z0-9_]+' });
      }
      const database = await startEmbeddedPostgres({ initialData: template });
      const id = randomBytes(6).toString('hex');
      databases.set(id, database);
      // PGlite ignores the database name; naming the file's database keeps URLs readable.
      const url = new URL(database.url);
      url.pathname = `/${name}`;
      return reply(response, 201, { id, url: url.toString() });
    }
    if (request.method === 'DELETE' && path.length === 3) {
      const id = path[2] ?? '';
      const database = databases.get(id);
      databases.delete(id);
      await database?.stop();
      return reply(response, 204);
    }
    return reply(response, 405, { error: 'method not allowed' });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/${token}`,
    async close(): Promise<void> {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const leftovers = [...databases.values()];
      databases.clear();
      await Promise.all(leftovers.map((database) => database.stop()));
    },
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function reply(response: ServerResponse, status: number, body?: object): void {
  if (response.headersSent) return;
  response.writeHead(status, body ? { 'content-type': 'application/json' } : {});
  response.end(body ? JSON.stringify(body) : undefined);
}
