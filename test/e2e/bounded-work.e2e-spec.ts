import { getQueueToken } from '@nestjs/bullmq';
import { JobType, Queue } from 'bullmq';
import { ALL_QUEUES, QueueName, Role } from '@app/core';
import { createTestApp, TestApp } from '../support/test-app';
import { aCourse, anActiveRule, bearer } from '../support/factories';
import { aConversionWorld, ConversionWorld } from '../support/conversion-world';
import { changedTables, tableCounts } from '../support/table-counts';

const WEEK_SECONDS = 7 * 24 * 3600;
/** A paused queue reports its waiting jobs as `paused` (a count BullMQ's JobType omits). */
const IN_FLIGHT: string[] = ['waiting', 'paused', 'prioritized', 'active', 'delayed'];

/**
 * Work a caller can ask for is bounded: a rule is scanned by one job at a time, a caller may ask
 * for only so many scans a minute, and finished jobs do not pile up.
 */
describe('bounded work', () => {
  let t: TestApp;
  let w: ConversionWorld;
  let scans: Queue;

  beforeAll(async () => {
    t = await createTestApp('bounded work', { withWorker: true });
    w = await aConversionWorld(t);
    scans = t.app.get<Queue>(getQueueToken(QueueName.scans));
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  async function aScannableRule(token: string): Promise<string> {
    const course = await aCourse(t, { institutionId: w.school, programId: w.program });
    const rule = await anActiveRule(t, {
      token,
      rule: {
        kind: 'CERT_TO_COURSE',
        condition: { certificate: { schemeId: w.scheme, minLevel: 'INTERMEDIATE' } },
        targets: [{ courseId: course }],
      },
    });
    return rule.id;
  }

  const requestScan = (token: string, ruleId: string) =>
    t.http().post(`/v1/conversion-rules/${ruleId}/eligibility-scan`).set(bearer(token));

  async function inFlight(): Promise<number> {
    const counts = await scans.getJobCounts(...(IN_FLIGHT as JobType[]));
    return Object.values(counts).reduce((sum, count) => sum + count, 0);
  }

  async function finished(token: string, jobId: string) {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const job = await t.http().get(`/v1/jobs/${jobId}`).set(bearer(token)).expect(200);
      if (job.body.state === 'completed' || job.body.state === 'failed') return job.body;
      if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.body.state}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  describe('eligibility scans', () => {
    afterEach(async () => {
      await scans.resume();
    });

    it('queues at most one scan per rule: asked again while one waits, it answers 409 with that job’s id', async () => {
      const registrar = await t.tokenFor(Role.REGISTRAR, { institutionId: w.school });
      const colleague = await t.tokenFor(Role.REGISTRAR, { institutionId: w.school });
      const rule = await aScannableRule(registrar);
      await scans.pause();
      const first = await requestScan(registrar, rule).expect(202);
      const jobId = first.body.jobId as string;
      const counts = await tableCounts(t.dataSource);

      const again = await Promise.all([
        requestScan(registrar, rule),
        requestScan(registrar, rule),
        requestScan(colleague, rule),
      ]);
      for (const answer of again) {
        expect(answer.status).toBe(409);
        expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(answer.body).toMatchObject({
          code: 'CONVERSION.SCAN_ALREADY_QUEUED',
          jobId,
          detail: expect.stringContaining(jobId),
        });
      }
      expect(await inFlight()).toBe(1);
      expect(changedTables(counts, await tableCounts(t.dataSource))).toEqual([]);

      // Another rule is not held up by this one.
      await requestScan(registrar, await aScannableRule(registrar)).expect(202);
      expect(await inFlight()).toBe(2);

      await scans.resume();
      expect((await finished(registrar, jobId)).state).toBe('completed');
      const next = await requestScan(registrar, rule).expect(202);
      expect(next.body.jobId).not.toBe(jobId);
    }, 60_000);

    it('limits scan requests per caller: the eleventh in a minute answers 429 with Retry-After and queues nothing', async () => {
      const registrar = await t.tokenFor(Role.REGISTRAR, { institutionId: w.school });
      const rule = await aScannableRule(registrar);
      await scans.pause();
      const statuses: number[] = [];
      for (let index = 0; index < 10; index += 1)
        statuses.push((await requestScan(registrar, rule)).status);
      expect(statuses).toEqual([202, ...Array<number>(9).fill(409)]);

      const another = await aScannableRule(registrar);
      const queued = await inFlight();
      const counts = await tableCounts(t.dataSource);
      const limited = await requestScan(registrar, another);
      expect(limited.status).toBe(429);
      expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(limited.body).toMatchObject({ status: 429, code: 'REQUEST.RATE_LIMITED' });
      const retryAfter = Number(limited.headers['retry-after']);
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(await inFlight()).toBe(queued);
      expect(changedTables(counts, await tableCounts(t.dataSource))).toEqual([]);

      // The limit is the caller's: a colleague is still heard (and told a scan is in flight).
      const colleague = await t.tokenFor(Role.REGISTRAR, { institutionId: w.school });
      expect((await requestScan(colleague, rule)).status).toBe(409);
    }, 60_000);

    it('keeps finished scans for at most a week and a bounded number', async () => {
      const registrar = await t.tokenFor(Role.REGISTRAR, { institutionId: w.school });
      const queued = await requestScan(registrar, await aScannableRule(registrar)).expect(202);
      const jobId = queued.body.jobId as string;
      expect((await finished(registrar, jobId)).state).toBe('completed');
      const job = await scans.getJob(jobId);
      expect(job?.opts.removeOnComplete).toEqual({ age: WEEK_SECONDS, count: 1000 });
      expect(job?.opts.removeOnFail).toEqual({ age: WEEK_SECONDS, count: 1000 });
      // Jobs of any queue that sets no retention of its own are bounded by count as well.
      for (const name of ALL_QUEUES) {
        const queue = t.app.get<Queue>(getQueueToken(name));
        const defaults = queue.defaultJobOptions;
        for (const option of [defaults.removeOnComplete, defaults.removeOnFail]) {
          expect({ queue: name, option }).toEqual({
            queue: name,
            option: expect.objectContaining({ count: expect.any(Number) }),
          });
        }
      }
    }, 60_000);
  });
});
