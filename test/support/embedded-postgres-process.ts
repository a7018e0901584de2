import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** An embedded database served by a child `node` process (what the product does in its own). */
export interface EmbeddedPostgresProcess {
  readonly url: string;
  readonly pid: number;
  /** Asks the child to stop cleanly (server, PGlite, lock) and waits for it to exit. */
  stop(): Promise<void>;
  /** SIGKILL: a crash, leaving the data folder and its lock file behind. */
  kill(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 60_000;

/**
 * Starts startEmbeddedPostgres in a child process, because PGlite cannot load inside Jest's
 * sandbox, and because a second process is the real case for the data-folder lock.
 * `dataDir` undefined serves in memory. Rejects with the child's own error message.
 */
export function startEmbeddedPostgresProcess(
  dataDir: string | undefined,
): Promise<EmbeddedPostgresProcess> {
  const child = spawn(
    process.execPath,
    [
      '--require',
      join(__dirname, 'typescript-require-hook.cjs'),
      join(__dirname, 'embedded-postgres-child.ts'),
      dataDir ?? 'memory',
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const messages = createInterface({ input: child.stdout });

  return new Promise<EmbeddedPostgresProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`The embedded database child did not start within ${STARTUP_TIMEOUT_MS} ms.`),
      );
    }, STARTUP_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The embedded database child exited (${code}) before it was ready.`));
    });
    messages.on('line', (line) => {
      const message = parse(line);
      if (message?.error !== undefined) {
        clearTimeout(timer);
        reject(new Error(message.error));
      } else if (message?.ready !== undefined) {
        clearTimeout(timer);
        resolve(controls(child, exited, message.ready));
      }
    });
  });
}

function controls(
  child: ChildProcess,
  exited: Promise<void>,
  ready: { url: string; pid: number },
): EmbeddedPostgresProcess {
  return {
    ...ready,
    async stop(): Promise<void> {
      if (child.exitCode === null && child.signalCode === null) child.stdin!.end('stop\n');
      await exited;
    },
    async kill(): Promise<void> {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

function parse(line: string): { ready?: { url: string; pid: number }; error?: string } | undefined {
  try {
    return JSON.parse(line) as { ready?: { url: string; pid: number }; error?: string };
  } catch {
    return undefined; // not one of ours (a library printing to stdout)
  }
}
