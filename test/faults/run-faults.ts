/**
 * `npm run faults`: crash-durability fault scenarios against the BUILT product (`npm run
 * build` runs first), on a private PostgreSQL 15 cluster and a private redis-server started here,
 * so that the machine's shared servers are never stopped. Under a steady load of recorded
 * credits it (a) SIGKILLs the API, (b) stops PostgreSQL with `-m immediate`, (c) shuts Redis
 * down without saving and starts it empty, (d) SIGKILLs the worker; after each it checks that
 * every acknowledged request is in the ledger once, that every entry has exactly one audit record
 * and that the chain verifies, and prints one table. Exit code 1 when any check fails.
 *
 * Options (all optional): --faults=api,postgres,redis,worker  --rate=40 (new requests/s)
 * --clients=4  --warmup=4 (s)  --outage=2 (s)  --after=4 (s)  --build=dist|sources
 */
import { formatFaultTable, runFaults } from '../support/fault-scenarios';
import { missingBuild, ProductBuild } from '../support/fault-product';
import { missingServiceBinaries } from '../support/fault-services';
import { FAULT_NAMES, FaultName } from '../support/fault-stack';

function option(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((argument) => argument.startsWith(prefix))?.slice(prefix.length);
}

function numberOption(name: string, fallback: number): number {
  const raw = option(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`--${name} must be a positive number, not "${raw}"`);
  return value;
}

function faultsOption(): FaultName[] {
  const raw = option('faults');
  if (raw === undefined) return [...FAULT_NAMES];
  const names = raw.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(FAULT_NAMES as readonly string[]).includes(name));
  if (unknown.length)
    throw new Error(
      `unknown fault(s) ${unknown.join(', ')}; choose from ${FAULT_NAMES.join(', ')}`,
    );
  return names as FaultName[];
}

async function main(): Promise<void> {
  const build = (option('build') ?? 'dist') as ProductBuild;
  if (build !== 'dist' && build !== 'sources') throw new Error('--build must be dist or sources');
  const unavailable = missingServiceBinaries() ?? missingBuild(build);
  if (unavailable) throw new Error(`cannot run the fault scenarios: ${unavailable}`);
  const faults = faultsOption();
  const rate = numberOption('rate', 40);
  const warmupMs = numberOption('warmup', 4) * 1000;
  const afterRecoveryMs = numberOption('after', 4) * 1000;
  // Room for every request of the run: learners × courses distinct credits, with a margin.
  const expected = Math.ceil(
    rate *
      faults.length *
      (warmupMs / 1000 + numberOption('outage', 2) + afterRecoveryMs / 1000 + 20),
  );
  const learners = 60;
  const started = Date.now();
  const run = await runFaults({
    build,
    faults,
    clients: Math.round(numberOption('clients', 4)),
    ratePerSecond: rate,
    warmupMs,
    outageMs: numberOption('outage', 2) * 1000,
    afterRecoveryMs,
    learners,
    courses: Math.ceil(expected / learners),
    recoveryTimeoutMs: 90_000,
    requestTimeoutMs: 5_000,
    log: (line) => process.stdout.write(`[faults] ${line}\n`),
  });
  const command = `npm run faults${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  process.stdout.write(
    `\n## Fault scenarios (\`${command}\`, ${new Date().toISOString()}, ${((Date.now() - started) / 1000).toFixed(0)} s)\n\n` +
      `${formatFaultTable(run)}\n`,
  );
  if (run.problems.length) process.exitCode = 1;
}

// Ctrl-C: exit normally so the exit handler stops the private servers and the product.
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
