import { checkRequests } from '../support/fault-checks';
import type { CreditRequest } from '../support/fault-load';
import {
  FaultRun,
  FaultRunSettings,
  formatFaultTable,
  runFaultsOn,
} from '../support/fault-scenarios';
import { call } from '../support/fault-scene';
import { privateServicesOrSkip } from '../support/fault-services';
import { FAULT_LABELS, FAULT_NAMES, FaultStack } from '../support/fault-stack';
import { freshestBuild } from '../support/fault-product';

const SUITE = 'fault scenarios, fast: nothing acknowledged is lost, every entry audited once';
const runs = privateServicesOrSkip(SUITE);

/**
 * The CI part of `npm run faults` (every committed ledger change yields exactly one audit record,
 * across Redis outages, worker crashes and retries; nothing acknowledged is lost): the product's API and worker as separate
 * processes (the build when it is fresh, as in CI after `npm run build`; else the current
 * sources) on a private PostgreSQL cluster and a private
 * redis-server, all four faults in turn under a small steady load. Outcomes only: nothing
 * acknowledged is lost or doubled, every entry has exactly one audit record, the chain verifies.
 * Recovery times are printed, never asserted.
 */
const SETTINGS: FaultRunSettings = {
  build: runs ? freshestBuild() : 'sources',
  faults: FAULT_NAMES,
  clients: 3,
  ratePerSecond: 20,
  warmupMs: 1_500,
  outageMs: 1_000,
  afterRecoveryMs: 1_500,
  learners: 30,
  courses: 30,
  // Generous: a restart from the sources on a busy two-core machine takes tens of seconds.
  recoveryTimeoutMs: 60_000,
  requestTimeoutMs: 5_000,
  log: () => undefined,
};

(runs ? describe : describe.skip)(
  'crash durability under a steady load (private PostgreSQL and Redis)',
  () => {
    let stack: FaultStack;
    let run: FaultRun;

    beforeAll(async () => {
      stack = await FaultStack.start(SETTINGS.build, SETTINGS, SETTINGS.log);
      run = await runFaultsOn(stack, SETTINGS);
      process.stdout.write(
        `\n${SUITE} (product from ${SETTINGS.build})\n${formatFaultTable(run)}\n`,
      );
    }, 240_000);

    afterAll(async () => {
      await stack?.stop();
    }, 60_000);

    it.each(FAULT_NAMES.map((fault) => [FAULT_LABELS[fault], fault] as const))(
      '%s: every acknowledged credit is in the ledger once, audited once, and the chain verifies',
      (_label, fault) => {
        const result = run.results.find((candidate) => candidate.fault === fault)!;
        expect(result.acknowledged).toBeGreaterThan(0);
        expect(result.firstAckAfterRestartMs).not.toBeNull(); // it recovered (how fast is only printed)
        expect({
          lost: result.lost,
          duplicated: result.duplicated,
          idempotencyMismatch: result.idempotencyMismatch,
        }).toEqual({
          lost: 0,
          duplicated: 0,
          idempotencyMismatch: 0,
        });
        expect(result.audit.entriesNotAuditedOnce).toBe(0);
        expect(result.audit.auditRecords).toBe(result.audit.entries);
        expect(result.audit.verify).toMatchObject({
          status: 200,
          valid: true,
          tableProblems: 0,
          headSeq: result.audit.records,
        });
        expect(result.problems).toEqual([]);
      },
    );

    it('keeps everything acknowledged before the later faults, and neither process died on its own', () => {
      expect(run.total.acknowledged).toBe(run.total.sent);
      expect(run.total).toMatchObject({ lost: 0, duplicated: 0 });
      expect(run.problems).toEqual([]);
    });

    it('the checks themselves see a lost acknowledgement and a doubled credit', async () => {
      const { scene } = stack;
      const [learnerId, courseId] = [scene.learners[0], scene.courses[scene.courses.length - 1]];
      // A failing result has no uniqueness guard: sent twice WITHOUT an Idempotency-Key it is two rows.
      const body = { courseId, term: '2025-2026-2', score: 30, completedAt: '2025-06-10' };
      const first = await call(
        scene.apiUrl,
        'POST',
        `/v1/learners/${learnerId}/course-credits`,
        scene.registrarToken,
        body,
      );
      const second = await call(
        scene.apiUrl,
        'POST',
        `/v1/learners/${learnerId}/course-credits`,
        scene.registrarToken,
        body,
      );
      expect([first.status, second.status]).toEqual([201, 201]);
      const base = { n: -1, learnerId, courseId, score: 30, sentAt: 0, attempts: 1, failures: [] };
      const requests: CreditRequest[] = [
        {
          ...base,
          key: 'doubled',
          outcome: 'acknowledged',
          entryId: (first.body as { id: string }).id,
        },
        {
          ...base,
          key: 'never-written',
          outcome: 'acknowledged',
          entryId: '00000000-0000-4000-8000-000000000000',
        },
      ];
      const checked = await checkRequests(stack.pool, requests);
      expect(checked.duplicated).toEqual(['doubled', 'never-written']);
      expect(checked.lost).toEqual(['never-written']);
    });
  },
);
