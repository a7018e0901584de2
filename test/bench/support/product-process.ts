/**
 * Starts the built product (dist/) as child processes, the way an operator would, and gives the
 * benchmark a fresh server database of its own (`bench_<random>`, dropped at the end).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';
import { Client } from 'pg';
import { settings } from './bench-settings';

export const ROOT = join(__dirname, '..', '..', '..');
export const API_MAIN = join(ROOT, 'dist/apps/api/src/main.js');
export const WORKER_MAIN = join(ROOT, 'dist/apps/worker/src/main.js');
const PROBE = join(__dirname, 'bench-probe.cjs');

export const ADMIN = { username: 'bench-admin', password: 'bench-admin-password' };

export interface ProductProcess {
  name: string;
  child: ChildProcess;
  /** The last lines it printed, for the error message when it dies. */
  output: () => string;
  stop: () => Promise<void>;
}

export interface StartOptions {
  env: NodeJS.ProcessEnv;
  /** A bench-only probe switched on and off by SIGUSR2, writing to `file` (bench-probe.cjs). */
  probe?: { kind: 'sql' | 'cpu'; file: string };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export function requireBuild(): void {
  if (!existsSync(API_MAIN) || !existsSync(WORKER_MAIN)) {
    throw new Error(`${API_MAIN} is missing: run npm run build first (npm run bench does)`);
  }
}

/** Server-mode settings: fresh secrets each run, migrations at start, quiet logs. */
export function serverEnv(databaseUrl: string, redisUrl: string, port: number): NodeJS.ProcessEnv {
  const { privateKey } = generateKeyPairSync('ed25519');
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    JWT_SECRET: randomBytes(32).toString('hex'),
    IDENTITY_KEY: randomBytes(32).toString('base64'),
    AUDIT_SIGNING_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    OUTBOX_HMAC_KEY: randomBytes(32).toString('base64'),
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    MIGRATE_ON_START: 'true',
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    // The scan row asks for one scan per rule, 200 in a row, as one owner.
    SCAN_REQUESTS_PER_MINUTE: '10000',
  };
}

/**
 * The Node flags the package's script for `main` gives it (`start:worker` bounds the worker's
 * heap), so that the product runs here as `npm run start:…` runs it.
 */
function scriptFlags(main: string): string[] {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const path = relative(ROOT, main);
  for (const script of Object.values(scripts)) {
    const words = script.split(/\s+/);
    const flags = words.slice(1, -1);
    if (
      words[0] === 'node' &&
      words.at(-1) === path &&
      flags.every((flag) => flag.startsWith('--'))
    )
      return flags;
  }
  return [];
}

export function startProduct(name: string, main: string, options: StartOptions): ProductProcess {
  const args: string[] = scriptFlags(main);
  if (options.probe) args.push('--require', PROBE);
  args.push(main);
  const env = {
    ...options.env,
    ...(options.probe
      ? { BENCH_PROBE: options.probe.kind, BENCH_PROBE_FILE: options.probe.file }
      : {}),
  };
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    if (lines.length > 40) lines.splice(0, lines.length - 40);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name,
    child,
    output: () => lines.join('\n'),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Waits until `url` answers 200, failing early (with its output) if the process dies. */
export async function waitForReady(
  process_: ProductProcess,
  url: string,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (process_.child.exitCode !== null) {
      throw new Error(
        `${process_.name} exited (${process_.child.exitCode}):\n${process_.output()}`,
      );
    }
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `${process_.name} was not ready at ${url} after ${timeoutMs} ms:\n${process_.output()}`,
  );
}

export interface BenchDatabase {
  url: string;
  name: string;
  drop: () => Promise<void>;
}

/** A fresh database on the server named by `adminUrl`, for one benchmark run. */
export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const explain = settings.autoExplain;
    if (explain) {
      for (const setting of [
        "session_preload_libraries = 'auto_explain'",
        `auto_explain.log_min_duration = '${explain.minDuration}'`,
        'auto_explain.log_nested_statements = on',
        `auto_explain.sample_rate = ${explain.sampleRate}`,
      ])
        await admin.query(`ALTER DATABASE ${name} SET ${setting}`);
    }
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
