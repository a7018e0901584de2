/**
 * Child-process entry for embedded-postgres-process.ts: serves an embedded database at the
 * data folder named in argv (or in memory for "memory") until "stop" arrives on stdin.
 * Talks JSON lines on stdout: {"ready": {url, pid}} | {"error": message} | {"stopped": true}.
 */
import { createInterface } from 'node:readline';
import { startEmbeddedPostgres } from '../../libs/platform/src/runtime/embedded/embedded-postgres';

function say(message: object): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

async function main(): Promise<void> {
  const where = process.argv[2];
  const database = await startEmbeddedPostgres({ dataDir: where === 'memory' ? undefined : where });
  say({ ready: { url: database.url, pid: process.pid } });
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await database.stop();
    say({ stopped: true });
    process.exit(0);
  };
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (line.trim() === 'stop') void stop();
  });
  // The parent went away without asking: stop cleanly rather than linger.
  lines.on('close', () => void stop());
}

main().catch((error: unknown) => {
  say({ error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
