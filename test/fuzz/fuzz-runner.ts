import { request as httpRequest } from 'node:http';
import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { changedTables, tableCounts } from '../support/table-counts';
import { OperationSpec } from './operations';
import {
  BaseRequest,
  buildRequest,
  Caller,
  FuzzRequest,
  mutationArbitrary,
} from './request-generator';

/**
 * Sends generated requests to a listening app and checks each answer:
 *   - never a 5xx, and never a hang;
 *   - a 4xx is application/problem+json with `status` equal to the HTTP status and a `code`;
 *   - nothing internal in the body (stack frames, driver errors);
 *   - a rejected request writes nothing: the row count of every table is unchanged.
 * A failure prints the case as a curl command that replays it against a running server.
 */
export interface FuzzContext {
  baseUrl: string;
  /** Counts every table's rows: a connection that may read them all (the superuser's). */
  dataSource: DataSource;
  tokenFor(caller: Caller): string | undefined;
  /** Fixture ids of this run by a shell variable name, replaced by `${NAME}` in curl commands. */
  variables: Record<string, string>;
  /** How to re-run this exact case, e.g. `npm run fuzz -- --seed 7 --runs 20`. */
  rerun: (operationId: string) => string;
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

const REQUEST_TIMEOUT_MS = 15_000;

export function send(baseUrl: string, request: FuzzRequest): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...request.headers, connection: 'close' };
    if (request.body) headers['content-length'] = request.body.length;
    const outgoing = httpRequest(
      `${baseUrl}${request.url}`,
      { method: request.method, headers, timeout: REQUEST_TIMEOUT_MS },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        incoming.on('error', reject);
      },
    );
    outgoing.on('timeout', () =>
      outgoing.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)),
    );
    outgoing.on('error', (error) => {
      // The server may answer (413) and close before the whole body is written: that answer counts.
      if (
        (error as NodeJS.ErrnoException).code === 'EPIPE' ||
        (error as NodeJS.ErrnoException).code === 'ECONNRESET'
      ) {
        resolve({
          status: -1,
          headers: {},
          text: `connection ended while sending: ${error.message}`,
        });
      } else reject(error);
    });
    if (request.body) outgoing.write(request.body);
    outgoing.end();
  });
}

const INTERNALS = [
  /node_modules/,
  /QueryFailedError/,
  /\n\s+at .+\(.+:\d+:\d+\)/,
  /TypeORM/i,
  /duplicate key value/,
];

/** What is wrong with an answer; empty when it is acceptable. */
export function problemsWith(reply: Reply, written: string[]): string[] {
  const problems: string[] = [];
  if (reply.status === -1) problems.push(reply.text);
  if (reply.status >= 500) problems.push(`answered ${reply.status}`);
  if (reply.status >= 400) {
    const type = String(reply.headers['content-type'] ?? '');
    if (!type.startsWith('application/problem+json'))
      problems.push(`${reply.status} with content-type "${type}", not application/problem+json`);
    let body: Record<string, unknown> | null = null;
    try {
      body = JSON.parse(reply.text) as Record<string, unknown>;
    } catch {
      problems.push(`${reply.status} with a body that is not JSON`);
    }
    if (
      body &&
      (body.status !== reply.status ||
        typeof body.code !== 'string' ||
        typeof body.title !== 'string')
    ) {
      problems.push(`problem body lacks status ${reply.status}, code or title`);
    }
    if (written.length)
      problems.push(`rejected with ${reply.status} but wrote: ${written.join('; ')}`);
  }
  for (const pattern of INTERNALS)
    if (pattern.test(reply.text)) problems.push(`body shows internals (${String(pattern)})`);
  return problems;
}

/** Quoted for bash, fixture ids as `${NAME}`; bytes outside printable ASCII as $'\xHH'. */
/** Readable text stays as it is; quotes, backslashes and invisible or control characters become \xHH bytes. */
function ansiC(char: string, encoding: BufferEncoding): string {
  const readable =
    encoding === 'utf8'
      ? /^[^\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}'\\]$/u
      : /^[\x20-\x26\x28-\x5b\x5d-\x7e]$/;
  if (readable.test(char)) return char;
  return [...Buffer.from(char, encoding)]
    .map((byte) => `\\x${byte.toString(16).padStart(2, '0')}`)
    .join('');
}

function shellWords(
  text: string,
  variables: Record<string, string>,
  encoding: BufferEncoding = 'utf8',
): string {
  let rest = text;
  for (const [name, value] of Object.entries(variables))
    rest = rest.split(value).join(`\u0000${name}\u0000`);
  return rest
    .split('\u0000')
    .map((piece, index) => {
      if (index % 2 === 1) return `"\${${piece}}"`;
      if (piece === '') return '';
      const bytes = Buffer.from(piece, encoding);
      if ([...bytes].every((byte) => byte >= 0x20 && byte < 0x7f))
        return `'${piece.replace(/'/g, `'\\''`)}'`;
      return `$'${[...piece].map((char) => ansiC(char, encoding)).join('')}'`;
    })
    .join('');
}

export function toCurl(request: FuzzRequest, context: Pick<FuzzContext, 'variables'>): string {
  const lines = [
    `curl -sS -i -X ${request.method} "\${BASE_URL:-http://127.0.0.1:3000}"${shellWords(request.url, context.variables)}`,
  ];
  for (const [name, value] of Object.entries(request.headers)) {
    const shown =
      name === 'authorization'
        ? `authorization: Bearer \${${request.caller.toUpperCase()}_TOKEN}`
        : `${name}: ${value}`;
    // Node sends header values as Latin-1; so must the replay.
    lines.push(
      `  -H ${name === 'authorization' ? `"${shown}"` : shellWords(shown, context.variables, 'latin1')}`,
    );
  }
  if (!request.body) return lines.join(' \\\n');
  // A shell word cannot hold a NUL byte: such bodies take the deflated route too.
  if (request.body.length <= 2_048 && !request.body.includes(0)) {
    lines.push(
      `  --data-binary ${shellWords(request.body.toString('utf8'), context.variables) || "''"}`,
    );
    return lines.join(' \\\n');
  }
  // Large bodies travel deflated: exact bytes in a few lines.
  const packed = deflateSync(request.body).toString('base64');
  const inflate = `node -e "process.stdout.write(require('zlib').inflateSync(Buffer.from('${packed}','base64')))" |`;
  return `${inflate}\n${[...lines, '  --data-binary @-'].join(' \\\n')}`;
}

export function describeFailure(
  request: FuzzRequest,
  reply: Reply,
  problems: string[],
  context: FuzzContext,
): string {
  return [
    `${request.operationId}: ${problems.join('; ')}`,
    `  request: ${request.method} ${request.url.slice(0, 300)} as ${request.caller}; ${request.mutations.join('; ')}`,
    `  answer: ${reply.status} ${reply.text.slice(0, 400)}`,
    `  re-run: ${context.rerun(request.operationId)}`,
    `  replay (bash) against a server, with its tokens and rows standing in for this run's:`,
    ...Object.entries(context.variables).map(([name, value]) => `    ${name}=${value}`),
    toCurl(request, context)
      .split('\n')
      .map((line) => `    ${line}`)
      .join('\n'),
  ].join('\n');
}

/** Sends one request and checks it; returns the problems, the reply and the request. */
export async function sendAndCheck(
  context: FuzzContext,
  request: FuzzRequest,
): Promise<{ reply: Reply; problems: string[] }> {
  const before = await tableCounts(context.dataSource);
  const reply = await send(context.baseUrl, request);
  const written =
    reply.status >= 400 || reply.status === -1
      ? changedTables(before, await tableCounts(context.dataSource))
      : [];
  return { reply, problems: problemsWith(reply, written) };
}

export interface OperationRun {
  operationId: string;
  requests: number;
  statuses: Record<number, number>;
}

/** Fuzzes one operation with a fixed seed and count; throws with the replayable case on failure. */
export async function fuzzOperation(
  context: FuzzContext,
  operation: OperationSpec,
  base: BaseRequest,
  options: { seed: number; runs: number; shrink?: boolean },
): Promise<OperationRun> {
  const run: OperationRun = { operationId: operation.operationId, requests: 0, statuses: {} };
  await fc.assert(
    fc.asyncProperty(mutationArbitrary(operation, base), async (mutations) => {
      const request = buildRequest(operation, base, mutations, context.tokenFor);
      const { reply, problems } = await sendAndCheck(context, request);
      run.requests += 1;
      run.statuses[reply.status] = (run.statuses[reply.status] ?? 0) + 1;
      if (problems.length) throw new Error(describeFailure(request, reply, problems, context));
    }),
    { seed: options.seed, numRuns: options.runs, endOnFailure: !options.shrink },
  );
  return run;
}
