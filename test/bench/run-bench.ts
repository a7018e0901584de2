/**
 * `npm run bench`: how close the product's main paths run to this machine's limits. Server mode
 * (local PostgreSQL and Redis), then embedded mode; one table, printed (Markdown) and written to
 * bench-results/bench.md and bench-results/bench.json. Measurement only: nothing here is a test.
 * Settings: see support/bench-settings.ts (BENCH_SECONDS, BENCH_CLIENTS, BENCH_SKIP_EMBEDDED…).
 */
import { join } from 'node:path';
import { runEmbeddedMode } from './embedded-mode.bench';
import { Report, runServerMode } from './server-mode.bench';
import { withClient } from './support/bench-data';
import { resetBenchRedis, settings } from './support/bench-settings';
import { pgbenchPath } from './support/load';
import { requireBuild, ROOT } from './support/product-process';
import { describeMachine, loadAverage, notMeasured, writeResults } from './support/report';

async function main(): Promise<void> {
  const started = performance.now();
  requireBuild();
  if (!pgbenchPath())
    throw new Error('pgbench is needed for the limits (apt-get install postgresql-client)');
  const postgres = await withClient(settings.postgresAdminUrl, async (client) => {
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return rows[0].server_version.split(' ')[0];
  });
  const redis = await resetBenchRedis(settings.redisUrl);
  const machine = describeMachine(postgres, redis);
  const report: Report = { rows: [], extra: [], details: { settings } };
  try {
    await runServerMode(report);
    if (settings.skipEmbedded) {
      report.rows.push(
        notMeasured(
          'record a course credit',
          'embedded',
          'pgbench on the embedded database',
          'BENCH_SKIP_EMBEDDED=true',
        ),
      );
    } else {
      await runEmbeddedMode(report);
    }
  } finally {
    await resetBenchRedis(settings.redisUrl).catch(() => undefined);
  }
  machine.loadAtEnd = loadAverage();
  const minutes = (performance.now() - started) / 60_000;
  report.extra.push(
    '',
    `Run took ${minutes.toFixed(1)} min (\`npm run bench\`; the build before it is not counted).`,
  );
  const text = writeResults(
    join(ROOT, 'bench-results'),
    report.rows,
    machine,
    report.extra,
    report.details,
  );
  process.stdout.write(`\n${text}`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
