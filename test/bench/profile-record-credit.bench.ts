/**
 * Where a record-credit request's time goes, two ways:
 * 1. Timing spans, one client: each request's latency against the time its SQL statements took
 *    (measured in the API process by the bench-only sql-capture preload).
 * 2. CPU profile under load: a second API process, driven by the same number of clients, profiled
 *    by V8 over the measured window only (bench-probe.cjs), its self time summed by category
 *    (support/cpu-profile.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreditRequests, RecordWorld } from './record-credit.bench';
import { summariseProfile } from './support/cpu-profile';
import { httpLoad, Throughput } from './support/load';
import {
  API_MAIN,
  freePort,
  ProductProcess,
  startProduct,
  waitForReady,
} from './support/product-process';
import { captureSql, CapturedStatement, probe } from './support/sql-capture';

const SEQUENTIAL_REQUESTS = 200;
const PROFILE_SECONDS = 10;

const ms = (value: number) => `${value.toFixed(2)} ms`;
const percent = (value: number) => `${(value * 100).toFixed(0)} %`;

interface Spans {
  latencyMs: number;
  sqlMs: number;
  statements: number;
  perStatement: Array<{ text: string; ms: number }>;
}

/** Splits the captured statements into requests (each is START TRANSACTION … COMMIT). */
function spansOf(statements: CapturedStatement[], latencies: number[]): Spans {
  const requests: CapturedStatement[][] = [];
  for (const statement of statements) {
    if (statement.text === 'START TRANSACTION') requests.push([]);
    requests[requests.length - 1]?.push(statement);
  }
  const complete = requests.filter((request) => request[request.length - 1]?.text === 'COMMIT');
  const mean = (values: number[]) =>
    values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
  const width = Math.max(...complete.map((request) => request.length));
  const perStatement = Array.from({ length: width }, (_, index) => ({
    text: complete[0][index]?.text.replace(/\s+/g, ' ').slice(0, 70) ?? '',
    ms: mean(complete.map((request) => request[index]?.ms ?? 0)),
  }));
  return {
    latencyMs: mean(latencies),
    sqlMs: mean(
      complete.map((request) => request.reduce((sum, statement) => sum + statement.ms, 0)),
    ),
    statements: width,
    perStatement,
  };
}

async function sequentialSpans(
  api: ProductProcess,
  captureFile: string,
  world: RecordWorld,
  credits: CreditRequests,
) {
  const latencies: number[] = [];
  const send = async () => {
    const request = credits.next();
    const started = performance.now();
    const response = await fetch(world.baseUrl + request.path, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${world.registrar.token}`,
        ...request.headers,
      },
      body: JSON.stringify(request.body),
    });
    await response.text();
    latencies.push(performance.now() - started);
    if (response.status !== 201) throw new Error(`record credit answered ${response.status}`);
  };
  for (let i = 0; i < 20; i++) await send(); // warm
  latencies.length = 0;
  const statements = await captureSql(api, captureFile, async () => {
    for (let i = 0; i < SEQUENTIAL_REQUESTS; i++) await send();
  });
  return spansOf(statements, latencies);
}

async function profiledLoad(
  env: NodeJS.ProcessEnv,
  world: RecordWorld,
  credits: CreditRequests,
  clients: number,
) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'bench-cpuprof-'));
  const file = join(dir, 'api.cpuprofile');
  const api = startProduct('api (profiled)', API_MAIN, {
    env: { ...env, PORT: String(port) },
    probe: { kind: 'cpu', file },
  });
  try {
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitForReady(api, `${baseUrl}/health/live`);
    const load = {
      baseUrl,
      connections: clients,
      token: world.registrar.token,
      next: credits.next,
    };
    await httpLoad({ ...load, seconds: 2 });
    let measured: Throughput | undefined;
    await probe(api, file, async () => {
      measured = await httpLoad({ ...load, seconds: PROFILE_SECONDS });
    });
    return { measured: measured!, summary: summariseProfile(file) };
  } finally {
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function profileRecordCredit(context: {
  api: ProductProcess;
  captureFile: string;
  world: RecordWorld;
  credits: CreditRequests;
  env: NodeJS.ProcessEnv;
  clients: number;
}): Promise<string[]> {
  const spans = await sequentialSpans(
    context.api,
    context.captureFile,
    context.world,
    context.credits,
  );
  const { measured, summary } = await profiledLoad(
    context.env,
    context.world,
    context.credits,
    context.clients,
  );
  const other = spans.latencyMs - spans.sqlMs;
  return [
    '',
    '### Where a record-credit request goes',
    '',
    `One client, ${SEQUENTIAL_REQUESTS} requests in a row: mean latency ${ms(spans.latencyMs)}, of which ` +
      `${spans.statements} SQL statements (each a round trip, timed in the API from the driver call to its result) ` +
      `take ${ms(spans.sqlMs)} (${percent(spans.sqlMs / spans.latencyMs)}); the other ${ms(other)} ` +
      `(${percent(other / spans.latencyMs)}) is HTTP parsing, auth, validation, the Nest pipeline, JSON and the bench client.`,
    '',
    '| # | statement | mean ms |',
    '|---|---|---|',
    ...spans.perStatement.map(
      (statement, index) => `| ${index + 1} | \`${statement.text}\` | ${statement.ms.toFixed(3)} |`,
    ),
    '',
    `CPU profile of the API process (V8 sampling profiler, the measured window only) under ${context.clients} clients for ${PROFILE_SECONDS} s ` +
      `(${Math.round(measured.rate)} req/s while profiled): ${Math.round(summary.busyMs)} ms busy, ` +
      `${Math.round(summary.idleMs)} ms idle (waiting on PostgreSQL or for work).`,
    '',
    '| self time by layer (Node core and V8 built-ins charged to their caller) | ms | share of busy |',
    '|---|---|---|',
    ...summary.categories.map(
      (category) =>
        `| ${category.name} | ${Math.round(category.ms)} | ${percent(category.share)} |`,
    ),
    '',
    '| top self-time frames | where | charged to | share of busy |',
    '|---|---|---|---|',
    ...summary.frames.map(
      (frame) =>
        `| \`${frame.name}\` | ${frame.where} | ${frame.category} | ${percent(frame.share)} |`,
    ),
  ];
}
