import {
  AuditCheck,
  checkAudit,
  checkRequests,
  waitForAuditCatchUp,
  waitForDrain,
} from './fault-checks';
import { CreditLoad, CreditRequest, LoadOptions, sleep } from './fault-load';
import type { ProductBuild } from './fault-product';
import { FAULT_LABELS, FaultName, FaultStack } from './fault-stack';

/**
 * Every acknowledged write kept once and audited once, under four faults (API, PostgreSQL, Redis,
 * worker): a steady load of recorded credits,
 * one fault injected and recovered, then the checks. Used by `npm run faults` (full) and by
 * test/integration/faults-fast.int-spec.ts (reduced).
 */

export interface FaultRunSettings {
  build: ProductBuild;
  faults: readonly FaultName[];
  clients: number;
  ratePerSecond: number;
  /** Load before the fault. */
  warmupMs: number;
  /** How long the service stays down. */
  outageMs: number;
  /** Load kept up after the first 2xx that follows the restart. */
  afterRecoveryMs: number;
  learners: number;
  courses: number;
  /** Bounds the wait for recovery (first 2xx, audit catch-up) and for the pipeline to drain. */
  recoveryTimeoutMs: number;
  requestTimeoutMs: number;
  log: (line: string) => void;
}

export interface FaultResult {
  fault: FaultName;
  sent: number;
  acknowledged: number;
  lost: number;
  duplicated: number;
  idempotencyMismatch: number;
  /** Requests that needed more than one attempt. */
  retried: number;
  /** 2xx answers that replayed a stored answer: an attempt had committed but its answer was lost. */
  replayed: number;
  /** 4xx answers (none expected), and requests that got no 2xx within the retry window. */
  refused: number;
  gaveUp: number;
  downMs: number;
  /** What clients saw instead of a 2xx, by kind ("503", "ECONNREFUSED", "TimeoutError"…). */
  failedAttempts: Record<string, number>;
  /** The first failure of each kind, e.g. a 500's body. */
  failureSamples: Record<string, string>;
  firstAckAfterRestartMs: number | null;
  auditCaughtUpAfterRestartMs: number | null;
  audit: AuditCheck;
  /** Everything that breaks the invariants; empty when the fault was survived. */
  problems: string[];
}

export interface FaultRun {
  results: FaultResult[];
  /** Checks over every request of the run, repeated after the last fault. */
  total: { sent: number; acknowledged: number; lost: number; duplicated: number };
  problems: string[];
}

export async function runFaults(settings: FaultRunSettings): Promise<FaultRun> {
  const stack = await FaultStack.start(
    settings.build,
    { learners: settings.learners, courses: settings.courses },
    settings.log,
  );
  try {
    return await runFaultsOn(stack, settings);
  } finally {
    await stack.stop();
  }
}

/** The faults on a stack the caller started (and stops). */
export async function runFaultsOn(
  stack: FaultStack,
  settings: FaultRunSettings,
): Promise<FaultRun> {
  const counter = { next: 0 };
  const everything: CreditRequest[] = [];
  const results: FaultResult[] = [];
  for (const fault of settings.faults) {
    settings.log(
      `${FAULT_LABELS[fault]}: load at ${settings.ratePerSecond}/s from ${settings.clients} clients`,
    );
    const result = await runFault(stack, fault, counter, settings, everything);
    results.push(result);
    settings.log(
      `${FAULT_LABELS[fault]}: ${result.acknowledged}/${result.sent} acknowledged, lost ${result.lost}, duplicated ${result.duplicated}` +
        (result.problems.length ? `; PROBLEMS: ${result.problems.join(' | ')}` : ''),
    );
  }
  const total = await checkRequests(stack.pool, everything);
  const problems = results.flatMap((result) =>
    result.problems.map((problem) => `${FAULT_LABELS[result.fault]}: ${problem}`),
  );
  if (total.lost.length)
    problems.push(
      `after the last fault, ${total.lost.length} acknowledged request(s) are missing: ${total.lost.slice(0, 5).join(', ')}`,
    );
  if (total.duplicated.length)
    problems.push(`after the last fault, ${total.duplicated.length} request(s) are recorded twice`);
  problems.push(...stack.unexpectedExits().map((exit) => `unexpected exit: ${exit}`));
  return {
    results,
    total: {
      sent: everything.length,
      acknowledged: total.acknowledged,
      lost: total.lost.length,
      duplicated: total.duplicated.length,
    },
    problems,
  };
}

async function runFault(
  stack: FaultStack,
  fault: FaultName,
  counter: { next: number },
  settings: FaultRunSettings,
  everything: CreditRequest[],
): Promise<FaultResult> {
  const options: LoadOptions = {
    clients: settings.clients,
    ratePerSecond: settings.ratePerSecond,
    requestTimeoutMs: settings.requestTimeoutMs,
    retryForMs: settings.recoveryTimeoutMs,
    retryDelayMs: 100,
  };
  const load = new CreditLoad(stack.scene, options, counter);
  load.start();
  await sleep(settings.warmupMs);
  const faultAt = Date.now();
  await stack.stopService(fault);
  await sleep(settings.outageMs);
  const restartAt = Date.now();
  await stack.startService(fault);
  const caughtUp = waitForAuditCatchUp(stack.pool, settings.recoveryTimeoutMs);
  const firstAck = await waitForValue(
    () => load.firstAcknowledgedSince(restartAt),
    settings.recoveryTimeoutMs,
  );
  await sleep(settings.afterRecoveryMs);
  await load.stop();
  const caughtUpAt = await caughtUp;
  const drained = await waitForDrain(stack.pool, settings.recoveryTimeoutMs);
  everything.push(...load.requests);

  const requests = load.requests;
  const checked = await checkRequests(stack.pool, requests);
  const earlier = await checkRequests(
    stack.pool,
    everything.slice(0, everything.length - requests.length),
  );
  const audit = await checkAudit(stack.pool, stack.apiUrl, stack.adminToken);
  const refused = requests.filter((request) => request.outcome === 'refused');
  const gaveUp = requests.filter((request) => request.outcome === 'gave-up');

  const problems: string[] = [];
  // A fault that did not happen proves nothing: an immediate stop must leave WAL to replay.
  if (fault === 'postgres' && !stack.postgres.recoveredFromCrash())
    problems.push('PostgreSQL did not go through crash recovery');
  if (checked.lost.length)
    problems.push(
      `${checked.lost.length} acknowledged request(s) not in the ledger: ${checked.lost.slice(0, 5).join(', ')}`,
    );
  if (checked.duplicated.length)
    problems.push(
      `${checked.duplicated.length} request(s) recorded twice: ${checked.duplicated.slice(0, 5).join(', ')}`,
    );
  if (checked.idempotencyMismatch.length)
    problems.push(`${checked.idempotencyMismatch.length} idempotency record(s) name another entry`);
  if (earlier.lost.length)
    problems.push(`${earlier.lost.length} request(s) acknowledged before this fault are gone`);
  if (firstAck === null)
    problems.push(`no 2xx within ${settings.recoveryTimeoutMs} ms of the restart`);
  if (!drained) problems.push(`outbox not drained within ${settings.recoveryTimeoutMs} ms`);
  if (audit.entriesNotAuditedOnce)
    problems.push(
      `${audit.entriesNotAuditedOnce} ledger entr(y/ies) without exactly one audit record`,
    );
  if (!audit.verify.valid)
    problems.push(
      `GET /v1/audit/verify: ${audit.verify.status} valid=false (${audit.verify.problem ?? 'no detail'})`,
    );
  if (refused.length)
    problems.push(
      `${refused.length} request(s) refused with 4xx, e.g. ${refused[0].key}: ${refused[0].failures.join(' / ')}`,
    );
  if (gaveUp.length)
    problems.push(
      `${gaveUp.length} request(s) got no 2xx within ${settings.recoveryTimeoutMs} ms, e.g. ${gaveUp[0].failures.join(' / ')}`,
    );
  return {
    fault,
    sent: requests.length,
    acknowledged: checked.acknowledged,
    lost: checked.lost.length,
    duplicated: checked.duplicated.length,
    idempotencyMismatch: checked.idempotencyMismatch.length,
    retried: requests.filter((request) => request.attempts > 1).length,
    replayed: requests.filter((request) => request.replayed).length,
    refused: refused.length,
    gaveUp: gaveUp.length,
    downMs: restartAt - faultAt,
    failedAttempts: Object.fromEntries(load.failureKinds),
    failureSamples: Object.fromEntries(load.failureSamples),
    firstAckAfterRestartMs: firstAck === null ? null : firstAck - restartAt,
    auditCaughtUpAfterRestartMs: caughtUpAt === null ? null : caughtUpAt - restartAt,
    audit,
    problems,
  };
}

async function waitForValue(read: () => number | null, timeoutMs: number): Promise<number | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== null || Date.now() > deadline) return value;
    await sleep(20);
  }
}

function seconds(ms: number | null): string {
  return ms === null ? 'never' : (ms / 1000).toFixed(2);
}

/** The run as a Markdown table, one row per fault, and the totals. */
export function formatFaultTable(run: FaultRun): string {
  const header = [
    'fault',
    'sent',
    'acknowledged (2xx)',
    'lost',
    'duplicated',
    'retried (replayed)',
    'gave up',
    'down (s)',
    'first 2xx after restart (s)',
    'audit caught up after restart (s)',
    'entries / audit records',
    'chain verifies',
  ];
  const rows = run.results.map((result) => [
    FAULT_LABELS[result.fault],
    result.sent,
    result.acknowledged,
    result.lost,
    result.duplicated,
    `${result.retried} (${result.replayed})`,
    result.gaveUp,
    seconds(result.downMs),
    seconds(result.firstAckAfterRestartMs),
    seconds(result.auditCaughtUpAfterRestartMs),
    `${result.audit.entries} / ${result.audit.auditRecords}${result.audit.entriesNotAuditedOnce ? ` (${result.audit.entriesNotAuditedOnce} not exactly once)` : ''}`,
    result.audit.verify.valid
      ? `yes (head ${result.audit.verify.headSeq})`
      : `NO: ${result.audit.verify.problem ?? result.audit.verify.status}`,
  ]);
  const lines = [header, header.map(() => '---'), ...rows].map(
    (cells) => `| ${cells.join(' | ')} |`,
  );
  lines.push('', 'Failed attempts seen by clients (retried with the same Idempotency-Key):');
  for (const result of run.results) {
    const kinds = Object.entries(result.failedAttempts).map(([kind, count]) => `${kind} ×${count}`);
    lines.push(`- ${FAULT_LABELS[result.fault]}: ${kinds.length ? kinds.join(', ') : 'none'}`);
    for (const [kind, sample] of Object.entries(result.failureSamples)) {
      if (/^\d/.test(kind)) lines.push(`  - first ${kind}: ${sample}`);
    }
  }
  lines.push(
    '',
    `All faults: ${run.total.acknowledged} of ${run.total.sent} requests acknowledged; ${run.total.lost} lost, ${run.total.duplicated} duplicated.`,
    run.problems.length
      ? `PROBLEMS:\n${run.problems.map((problem) => `- ${problem}`).join('\n')}`
      : 'No problems: nothing acknowledged was lost or doubled, every entry has one audit record, the chain verifies.',
  );
  return lines.join('\n');
}
