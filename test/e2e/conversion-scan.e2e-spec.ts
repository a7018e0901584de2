import { createTestApp, TestApp } from '../support/test-app';
import { aCourse, aLearner, anActiveRule, bearer, recordCertificate } from '../support/factories';
import { aConversionWorld, ConversionWorld } from '../support/conversion-world';

describe('eligibility scan through BullMQ and the worker', () => {
  let t: TestApp;
  let w: ConversionWorld;

  beforeAll(async () => {
    t = await createTestApp('conversion scan', { withWorker: true });
    w = await aConversionWorld(t);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  async function finished(token: string, jobId: string) {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const response = await t.http().get(`/v1/jobs/${jobId}`).set(bearer(token)).expect(200);
      if (response.body.state === 'completed' || response.body.state === 'failed')
        return response.body;
      if (Date.now() > deadline) throw new Error(`job ${jobId} still ${response.body.state}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('finds every learner of the school the rule makes eligible, reports progress, and shows the result only to its requester', async () => {
    const course = await aCourse(t, { institutionId: w.school, programId: w.program });
    const rule = await anActiveRule(t, {
      token: w.registrar,
      rule: {
        kind: 'CERT_TO_COURSE',
        condition: { certificate: { schemeId: w.scheme, minLevel: 'INTERMEDIATE' } },
        targets: [{ courseId: course }],
      },
    });
    const eligible: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      const learner = await aLearner(t, { enrolledAt: [w.school] });
      await recordCertificate(t, {
        token: w.examiner,
        learnerId: learner,
        schemeId: w.scheme,
        level: index === 0 ? 'SENIOR' : 'INTERMEDIATE',
      });
      eligible.push(learner);
    }
    // Holding the same certificate without any relationship to the school: not the school's to list.
    const outsider = await aLearner(t, { enrolledAt: [w.otherSchool] });
    await recordCertificate(t, {
      token: w.examiner,
      learnerId: outsider,
      schemeId: w.scheme,
      level: 'SENIOR',
    });
    const junior = await aLearner(t, { enrolledAt: [w.school] });
    await recordCertificate(t, {
      token: w.examiner,
      learnerId: junior,
      schemeId: w.scheme,
      level: 'JUNIOR',
    });
    const revoked = await aLearner(t, { enrolledAt: [w.school] });
    const certificate = await recordCertificate(t, {
      token: w.examiner,
      learnerId: revoked,
      schemeId: w.scheme,
      level: 'SENIOR',
    });
    await t
      .http()
      .post(`/v1/certificates/${certificate}/revocation`)
      .set(bearer(w.examiner))
      .send({ reason: '撤销' })
      .expect(201);
    await aLearner(t); // no evidence at all: never a candidate

    const queued = await t
      .http()
      .post(`/v1/conversion-rules/${rule.id}/eligibility-scan`)
      .set(bearer(w.registrar))
      .expect(202);
    expect(queued.body).toEqual({ jobId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const job = await finished(w.registrar, queued.body.jobId as string);
    expect(job).toMatchObject({ id: queued.body.jobId, state: 'completed', progress: 100 });
    expect(job.result).toMatchObject({
      ruleId: rule.id,
      // JUNIOR holder is a candidate and not eligible; the revoked certificate is no candidate;
      // the other school's learner is never looked at.
      scanned: 4,
      eligibleCount: 3,
      eligibleLearnerIds: [...eligible].sort(),
      byTarget: [{ target: { courseId: course }, eligibleCount: 3 }],
    });

    await t.http().get(`/v1/jobs/${queued.body.jobId}`).set(bearer(w.admin)).expect(404);
    await t.http().get(`/v1/jobs/${queued.body.jobId}`).set(bearer(w.otherRegistrar)).expect(404);
    await t
      .http()
      .get('/v1/jobs/00000000-0000-4000-8000-000000000000')
      .set(bearer(w.registrar))
      .expect(404);
  }, 60_000);

  it('refuses to scan a rule without an active version (409) and another side’s rule (404)', async () => {
    const course = await aCourse(t, { institutionId: w.school });
    const draft = await t
      .http()
      .post('/v1/conversion-rules')
      .set(bearer(w.registrar))
      .send({
        kind: 'CERT_TO_COURSE',
        name: '草稿',
        condition: { certificate: { schemeId: w.scheme, minLevel: 'JUNIOR' } },
        targets: [{ courseId: course }],
        effectiveFrom: '2025-01-01',
      })
      .expect(201);
    await t
      .http()
      .post(`/v1/conversion-rules/${draft.body.id}/eligibility-scan`)
      .set(bearer(w.registrar))
      .expect(409);
    await t
      .http()
      .post(`/v1/conversion-rules/${draft.body.id}/eligibility-scan`)
      .set(bearer(w.otherRegistrar))
      .expect(404);
  });
});
