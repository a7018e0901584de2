import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { typescriptEntryArgs } from './audit-ts-loader';

/**
 * The product as an operator runs it in server mode: the API and the worker as separate `node`
 * processes. `dist` runs the build (`npm run faults`, after `npm run build`); `sources` runs the
 * same entry points compiled on load from the current sources (the Jest suite: no stale build).
 */
export type ProductBuild = 'dist' | 'sources';

const ROOT = join(__dirname, '..', '..');
const ENTRIES = {
  api: { dist: 'dist/apps/api/src/main.js', sources: 'apps/api/src/main.ts' },
  worker: { dist: 'dist/apps/worker/src/main.js', sources: 'apps/worker/src/main.ts' },
} as const;

export const FAULT_ADMIN = { username: 'faults-admin', password: 'faults-admin-password' };

/** Why the build cannot be run, or null. */
export function missingBuild(build: ProductBuild): string | null {
  if (build === 'sources') return null;
  const missing = Object.values(ENTRIES).find((entry) => !existsSync(join(ROOT, entry.dist)));
  return missing ? `${missing.dist} is missing: run npm run build first` : null;
}

/**
 * The build when it is newer than every source file (CI builds right before the tests), else
 * the sources: never a stale build. The build starts faster, which matters on a busy machine.
 */
export function freshestBuild(): ProductBuild {
  if (missingBuild('dist') !== null) return 'sources';
  const built = Math.min(
    ...Object.values(ENTRIES).map((entry) => statSync(join(ROOT, entry.dist)).mtimeMs),
  );
  const newest = Math.max(newestSource(join(ROOT, 'apps')), newestSource(join(ROOT, 'libs')));
  return newest <= built ? 'dist' : 'sources';
}

function newestSource(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Settings shared by both processes: one set of secrets for the whole run, so restarts keep tokens valid. */
export function productEnv(
  database: { runtimeUrl: string; ownerUrl: string },
  redisUrl: string,
  apiPort: number,
): Record<string, string> {
  const { privateKey } = generateKeyPairSync('ed25519');
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    NODE_ENV: 'production',
    DATABASE_URL: database.runtimeUrl,
    MIGRATION_DATABASE_URL: database.ownerUrl,
    REDIS_URL: redisUrl,
    HOST: '127.0.0.1',
    PORT: String(apiPort),
    JWT_SECRET: randomBytes(32).toString('hex'),
    IDENTITY_KEY: randomBytes(32).toString('base64'),
    AUDIT_SIGNING_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    OUTBOX_HMAC_KEY: randomBytes(32).toString('base64'),
    ADMIN_USERNAME: FAULT_ADMIN.username,
    ADMIN_PASSWORD: FAULT_ADMIN.password,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    LOGIN_ATTEMPTS_PER_MINUTE: '10000',
  };
}

export class ProductProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private readonly lines: string[] = [];
  private readonly expectedExits = new WeakSet<ChildProcess>();
  /** Exits nobody asked for (a crash of the process under test is itself a finding). */
  readonly unexpectedExits: string[] = [];

  constructor(
    readonly name: 'api' | 'worker',
    private readonly build: ProductBuild,
    private readonly env: Record<string, string>,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return (
      this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null
    );
  }

  /** The last lines it printed (stdout and stderr), for failure messages. */
  output(): string {
    return this.lines.join('\n');
  }

  start(): void {
    if (this.running) throw new Error(`${this.name} is already running`);
    const entry = join(ROOT, ENTRIES[this.name][this.build]);
    const args = this.build === 'dist' ? [entry] : typescriptEntryArgs(entry);
    // The API migrates at start (an operator's MIGRATE_ON_START); the worker never races it.
    const env = { ...this.env, MIGRATE_ON_START: this.name === 'api' ? 'true' : 'false' };
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      this.lines.push(
        ...chunk
          .toString()
          .split('\n')
          .filter(Boolean)
          .map((line) => `[${this.name} ${child.pid}] ${line}`),
      );
      if (this.lines.length > 60) this.lines.splice(0, this.lines.length - 60);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        if (!this.expectedExits.has(child))
          this.unexpectedExits.push(`${this.name} ${child.pid} exited (${code ?? signal})`);
        resolve();
      }),
    );
    this.child = child;
  }

  /** SIGKILL, as a crash or an OOM kill would: no shutdown hook runs. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** SIGTERM, then SIGKILL after 15 s. */
  async stop(): Promise<void> {
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 15_000);
    await this.signal('SIGTERM');
    clearTimeout(timer);
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.expectedExits.add(child);
    if (this.running) child.kill(signal);
    await this.exited;
    this.child = undefined;
  }

  /** Synchronous last resort for exit handlers. */
  killNow(): void {
    if (this.running) this.child?.kill('SIGKILL');
  }
}

/** Polls `url` until it answers 200; fails early, with the process's output, if it dies. */
export async function waitUntilAnswers(
  product: ProductProcess,
  url: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!product.running)
      throw new Error(`${product.name} exited before it answered ${url}:\n${product.output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(
    `${product.name} did not answer ${url} within ${timeoutMs} ms:\n${product.output()}`,
  );
}
