import { getQueueToken } from '@nestjs/bullmq';
import { JobType, Queue } from 'bullmq';
import { ALL_QUEUES, QueueName, Role } from '@app/core';
import { waitForAuditCaughtUp } from '../support/audit-helpers';
import { createTestApp, TestApp } from '../support/test-app';
import {
  aCourse,
  aLearner,
  anActiveRule,
  apply,
  aProgram,
  bearer,
  decide,
  recordCertificate,
  recordCredit,
} from '../support/factories';
import { aConversionWorld, ConversionWorld } from '../support/conversion-world';
import { changedTables, tableCounts } from '../support/table-counts';

const WEEK_SECONDS = 7 * 24 * 3600;
/** A paused queue reports its waiting jobs as `paused` (a count BullMQ's JobType omits). */
const IN_FLIGHT: string[] = ['waiting', 'paused', 'prioritized', 'active', 'delayed'];

/**
 * Work a caller can ask for is bounded: a rule is scanned by one job at a time, a caller may ask
 * for only so many scans a minute, finished jobs do not pile up, and the account summary holds
 * a bounded number of items per section while its totals and counts still cover every row.
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
      // The worker appends earlier writes' audit records in the background: let it catch up first.
      await waitForAuditCaughtUp(t.superuser);
      const counts = await tableCounts(t.superuser);

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
      expect(changedTables(counts, await tableCounts(t.superuser))).toEqual([]);

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
      // The worker appends earlier writes' audit records in the background: let it catch up first.
      await waitForAuditCaughtUp(t.superuser);
      const counts = await tableCounts(t.superuser);
      const limited = await requestScan(registrar, another);
      expect(limited.status).toBe(429);
      expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(limited.body).toMatchObject({ status: 429, code: 'REQUEST.RATE_LIMITED' });
      const retryAfter = Number(limited.headers['retry-after']);
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(await inFlight()).toBe(queued);
      expect(changedTables(counts, await tableCounts(t.superuser))).toEqual([]);

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

  describe('the account summary', () => {
    interface Entry {
      id: string;
      kind: string;
      credits?: string;
      status: string;
    }

    it('holds the newest 20 items of each section, with each section’s exact count, exact totals and a cursor to the rest', async () => {
      const learner = await aLearner(t);
      const school = { institutionId: w.school };
      const passed = [await aCourse(t, school), await aCourse(t, school), await aCourse(t, school)];
      const passing: string[] = [];
      for (const courseId of passed)
        passing.push(
          await recordCredit(t, { token: w.registrar, learnerId: learner, courseId, score: 80 }),
        );
      await t
        .http()
        .post(`/v1/entries/${passing[2]}/reversal`)
        .set(bearer(w.registrar))
        .send({ reason: '成绩录入错误' })
        .expect(201);
      const failed: string[] = [];
      for (let index = 0; index < 22; index += 1)
        failed.push(
          await recordCredit(t, {
            token: w.registrar,
            learnerId: learner,
            courseId: passed[0],
            score: 45,
            term: `2025-2026-${index}`,
          }),
        );
      await recordCertificate(t, {
        token: w.examiner,
        learnerId: learner,
        schemeId: w.scheme,
        level: 'SENIOR',
      });
      await recordCertificate(t, {
        token: w.examiner,
        learnerId: learner,
        schemeId: w.scheme,
        level: 'INTERMEDIATE',
        issuedAt: '2019-06-30',
        validUntil: '2021-06-30',
      });
      const junior = await recordCertificate(t, {
        token: w.examiner,
        learnerId: learner,
        schemeId: w.scheme,
        level: 'JUNIOR',
      });
      await t
        .http()
        .post(`/v1/certificates/${junior}/revocation`)
        .set(bearer(w.examiner))
        .send({ reason: '证书撤销' })
        .expect(201);

      // 21 waiting applications under one rule; the first is approved (a 4-credit exemption).
      const program = await aProgram(t, { ...school, maxExemptCredits: '100' });
      const targets: string[] = [];
      for (let index = 0; index < 21; index += 1)
        targets.push(await aCourse(t, { ...school, programId: program, credits: '4' }));
      const rule = await anActiveRule(t, {
        token: w.registrar,
        rule: {
          kind: 'CERT_TO_COURSE',
          condition: { certificate: { schemeId: w.scheme, minLevel: 'SENIOR' } },
          targets: targets.map((courseId) => ({ courseId })),
          maxCreditsPerEvidence: '8',
        },
      });
      const applications: string[] = [];
      for (const courseId of targets)
        applications.push(
          (
            await apply(t, {
              token: w.registrar,
              learnerId: learner,
              ruleId: rule.id,
              target: { courseId },
            }).expect(201)
          ).body.id as string,
        );
      await decide(t, {
        token: w.registrar,
        applicationId: applications[0],
        decision: 'APPROVE',
      }).expect(200);

      const learnerToken = await t.tokenFor(Role.LEARNER, { learnerId: learner });
      const staffView = await t
        .http()
        .get(`/v1/learners/${learner}/account`)
        .set(bearer(w.admin))
        .expect(200);
      const ownView = await t.http().get('/v1/me/account').set(bearer(learnerToken)).expect(200);
      expect(ownView.body.sections).toEqual(staffView.body.sections);
      const account = staffView.body;

      // Totals cover every row, not the items shown: the shown course credits are all failures.
      expect(account.totals).toEqual({
        creditsEarned: '12.00',
        bySource: {
          courseCredits: '8.00',
          courseExemptions: '4.00',
          certificatesRecognised: '8.00',
        },
      });
      const shownCredits = account.courseCredits as Entry[];
      expect(shownCredits.map((entry) => entry.id)).toEqual(failed.slice(2).reverse());
      expect(shownCredits.every((entry) => entry.credits === '0.00')).toBe(true);
      expect(account.certificates).toHaveLength(3);
      expect(account.exemptions).toHaveLength(1);
      expect(account.applications).toHaveLength(20);
      expect(account.applications.map((application: { id: string }) => application.id)).toEqual(
        applications.slice(1).reverse(),
      );
      expect(account.sections).toEqual({
        courseCredits: { total: 25, nextCursor: expect.any(String) },
        certificates: { total: 3, nextCursor: null },
        diplomas: { total: 0, nextCursor: null },
        exemptions: { total: 1, nextCursor: null },
        applications: { total: 21, nextCursor: expect.any(String) },
      });

      // The rest of a section: its cursor continues the same kind of entry on the entries list.
      const rest = await t
        .http()
        .get(`/v1/learners/${learner}/entries`)
        .query({ cursor: account.sections.courseCredits.nextCursor as string })
        .set(bearer(learnerToken))
        .expect(200);
      expect((rest.body.items as Entry[]).map((entry) => entry.id)).toEqual([
        failed[1],
        failed[0],
        ...[...passing].reverse(),
      ]);
      expect(rest.body.items[0]).toMatchObject({ kind: 'COURSE_CREDIT' });
      expect(rest.body.items[2]).toMatchObject({ id: passing[2], status: 'REVERSED' });
      expect(rest.body.nextCursor).toBeNull();

      const restOfApplications = await t
        .http()
        .get(`/v1/learners/${learner}/exemption-applications`)
        .query({ cursor: account.sections.applications.nextCursor as string })
        .set(bearer(learnerToken))
        .expect(200);
      expect(restOfApplications.body).toMatchObject({
        items: [{ id: applications[0], status: 'APPROVED' }],
        nextCursor: null,
      });

      // A section can be listed from its start too, filtered by kind.
      const certificates = await t
        .http()
        .get(`/v1/learners/${learner}/entries`)
        .query({ kind: 'CERTIFICATE', limit: 2 })
        .set(bearer(w.admin))
        .expect(200);
      expect(certificates.body.items).toEqual([
        expect.objectContaining({ id: junior, kind: 'CERTIFICATE', status: 'REVOKED' }),
        expect.objectContaining({ kind: 'CERTIFICATE', level: 'INTERMEDIATE', status: 'EXPIRED' }),
      ]);
      const moreCertificates = await t
        .http()
        .get(`/v1/learners/${learner}/entries`)
        .query({ cursor: certificates.body.nextCursor as string })
        .set(bearer(w.admin))
        .expect(200);
      expect(moreCertificates.body).toEqual({
        learner: { id: learner, name: expect.any(String) },
        items: [
          expect.objectContaining({ kind: 'CERTIFICATE', level: 'SENIOR', status: 'ACTIVE' }),
        ],
        nextCursor: null,
      });
    }, 120_000);

    it('refuses an unknown entry kind and a cursor sent with another kind filter, with 422 naming the field', async () => {
      const learner = await aLearner(t);
      for (let index = 0; index < 2; index += 1)
        await recordCertificate(t, {
          token: w.examiner,
          learnerId: learner,
          schemeId: w.scheme,
          level: index === 0 ? 'JUNIOR' : 'SENIOR',
        });
      const unknown = await t
        .http()
        .get(`/v1/learners/${learner}/entries`)
        .query({ kind: 'CERTIFICATE,PASSWORD' })
        .set(bearer(w.admin));
      expect(unknown.status).toBe(422);
      expect(unknown.body.errors).toMatchObject([{ field: 'kind', message: expect.any(String) }]);

      const page = await t
        .http()
        .get(`/v1/learners/${learner}/entries`)
        .query({ kind: 'CERTIFICATE', limit: 1 })
        .set(bearer(w.admin))
        .expect(200);
      const mixed = await t
        .http()
        .get(`/v1/learners/${learner}/entries`)
        .query({ kind: 'DIPLOMA', cursor: page.body.nextCursor as string })
        .set(bearer(w.admin));
      expect(mixed.status).toBe(422);
      expect(mixed.body.errors).toMatchObject([{ field: 'cursor', message: expect.any(String) }]);
      // The same filter again is fine.
      await t
        .http()
        .get(`/v1/learners/${learner}/entries`)
        .query({ kind: 'CERTIFICATE', cursor: page.body.nextCursor as string })
        .set(bearer(w.admin))
        .expect(200);
    });
  });
});
