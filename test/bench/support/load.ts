/**
 * The two load generators: autocannon against the product's HTTP API, pgbench against the same
 * database running the same SQL. Both report the same figures: requests (transactions) per
 * second, p50 and p99 latency in milliseconds, and how many failed.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

export interface Throughput {
  /** Completed (2xx / committed) per second. */
  rate: number;
  unit: string;
  p50Ms?: number;
  p99Ms?: number;
  count: number;
  failed: number;
  seconds: number;
  /** CPU milliseconds per completed operation, by process (support/cpu-usage.ts). */
  cpuMsPerOp?: Record<string, number>;
}

export interface HttpLoad {
  baseUrl: string;
  connections: number;
  seconds: number;
  token: string;
  /** Called once per request: method, path and optional JSON body and extra headers. */
  next: () => {
    method: 'GET' | 'POST';
    path: string;
    body?: unknown;
    headers?: Record<string, string>;
  };
}

/** Runs autocannon; every request is built by `next()` so each can be unique (ids, keys). */
export async function httpLoad(load: HttpLoad): Promise<Throughput> {
  const first = load.next();
  const result = await autocannon({
    url: load.baseUrl,
    connections: load.connections,
    duration: load.seconds,
    timeout: 30,
    requests: [
      {
        method: first.method,
        path: first.path,
        setupRequest: (request) => {
          const { method, path, body, headers } = load.next();
          return {
            ...request,
            method,
            path,
            headers: {
              authorization: `Bearer ${load.token}`,
              ...(body === undefined ? {} : { 'content-type': 'application/json' }),
              ...headers,
            },
            body: body === undefined ? undefined : JSON.stringify(body),
          };
        },
      },
    ],
  });
  const ok = result['2xx'];
  return {
    rate: ok / result.duration,
    unit: 'req/s',
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    count: ok,
    failed: result.non2xx + result.errors,
    seconds: result.duration,
  };
}

export function pgbenchPath(): string | null {
  for (const candidate of [
    '/usr/lib/postgresql/15/bin/pgbench',
    '/usr/bin/pgbench',
    '/usr/local/bin/pgbench',
  ]) {
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

export interface PgbenchRun {
  databaseUrl: string;
  script: string;
  clients: number;
  seconds: number;
  /** -D name=value, one per variable. */
  variables: Record<string, string | number>;
}

/**
 * pgbench with the extended protocol (what `pg` speaks: parse, bind, execute per statement),
 * no vacuum (-n: the product's tables are not pgbench's), one thread per core, and a
 * per-transaction log from which p50 and p99 are read.
 */
export async function pgbench(run: PgbenchRun): Promise<Throughput> {
  const binary = pgbenchPath();
  if (!binary) throw new Error('pgbench is not installed (apt-get install postgresql-client)');
  const url = new URL(run.databaseUrl);
  const logDir = mkdtempSync(join(tmpdir(), 'bench-pgbench-'));
  const args = [
    '-n',
    '-M',
    'extended',
    '-c',
    String(run.clients),
    '-j',
    '2',
    '-T',
    String(run.seconds),
    '-l',
    '--log-prefix',
    join(logDir, 'tx'),
    '-h',
    url.hostname,
    '-p',
    url.port || '5432',
    '-U',
    decodeURIComponent(url.username) || 'postgres',
    ...Object.entries(run.variables).flatMap(([name, value]) => ['-D', `${name}=${value}`]),
    '-f',
    run.script,
    url.pathname.slice(1) || 'postgres',
  ];
  try {
    const output = await new Promise<string>((resolve, reject) => {
      execFile(binary, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (error)
          reject(new Error(`pgbench failed: ${stderr.split('\n').slice(0, 5).join('\n')}`));
        else resolve(stdout + stderr);
      });
    });
    const processed = Number(/actually processed: (\d+)/.exec(output)?.[1] ?? 0);
    const failed = Number(/number of failed transactions: (\d+)/.exec(output)?.[1] ?? 0);
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(output)?.[1] ?? 0);
    const latencies = readLatencies(logDir);
    return {
      rate: tps,
      unit: 'tx/s',
      p50Ms: percentile(latencies, 0.5),
      p99Ms: percentile(latencies, 0.99),
      count: processed,
      failed,
      seconds: run.seconds,
    };
  } finally {
    rmSync(logDir, { recursive: true, force: true });
  }
}

/** pgbench's per-transaction log: `client tx latency_us script_no epoch epoch_us` per line. */
function readLatencies(dir: string): number[] {
  const values: number[] = [];
  for (const file of readdirSync(dir)) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      const fields = line.split(' ');
      if (fields.length >= 3) values.push(Number(fields[2]) / 1000);
    }
  }
  return values.sort((a, b) => a - b);
}

export function percentile(sorted: number[], fraction: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}
