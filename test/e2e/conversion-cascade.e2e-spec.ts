import { TokenService } from '@app/core';
import { RecordCorrectionService } from '@app/ledger';
import { createTestApp, TestApp } from '../support/test-app';
import {
  aCourse,
  anActiveRule,
  anEnrolment,
  apply,
  aSignedInLearner,
  bearer,
  decide,
  recordCertificate,
  recordCredit,
} from '../support/factories';
import { aConversionWorld, ConversionWorld } from '../support/conversion-world';

describe('cascade: cancelled evidence reverses exemptions and reconsiders waiting applications', () => {
  let t: TestApp;
  let w: ConversionWorld;
  let courseA: string;
  let courseB: string;
  let rule: string;

  beforeAll(async () => {
    t = await createTestApp('conversion cascade');
    w = await aConversionWorld(t);
    courseA = await aCourse(t, { institutionId: w.school, programId: w.program, credits: '3' });
    courseB = await aCourse(t, { institutionId: w.school, programId: w.program, credits: '3' });
    rule = (
      await anActiveRule(t, {
        token: w.registrar,
        rule: {
          kind: 'CERT_TO_COURSE',
          condition: { certificate: { schemeId: w.scheme, minLevel: 'INTERMEDIATE' } },
          targets: [{ courseId: courseA }, { courseId: courseB }],
          maxCreditsPerEvidence: '8',
        },
      })
    ).id;
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  const application = async (id: string) =>
    (await t.http().get(`/v1/exemption-applications/${id}`).set(bearer(w.admin)).expect(200)).body;

  it('revoking a certificate reverses its exemption (naming the cause) and closes the application it backed', async () => {
    const learner = await aSignedInLearner(t);
    const certificate = await recordCertificate(t, {
      token: w.examiner,
      learnerId: learner.id,
      schemeId: w.scheme,
      level: 'INTERMEDIATE',
    });
    const granted = (
      await apply(t, {
        token: learner.token,
        learnerId: learner.id,
        ruleId: rule,
        target: { courseId: courseA },
      }).expect(201)
    ).body;
    const exemption = (
      await decide(t, {
        token: w.registrar,
        applicationId: granted.id,
        decision: 'APPROVE',
      }).expect(200)
    ).body.exemption;
    const waiting = (
      await apply(t, {
        token: learner.token,
        learnerId: learner.id,
        ruleId: rule,
        target: { courseId: courseB },
      }).expect(201)
    ).body;

    const revocation = await t
      .http()
      .post(`/v1/certificates/${certificate}/revocation`)
      .set(bearer(w.examiner))
      .send({ reason: '考试作弊，撤销证书' })
      .expect(201);
    expect(revocation.body.cascaded).toEqual([
      expect.objectContaining({
        kind: 'REVERSAL',
        cancelsEntryId: exemption.id,
        causeEntryId: revocation.body.correction.id,
      }),
    ]);
    const closed = await application(waiting.id);
    expect(closed.status).toBe('CLOSED');
    expect(closed.decisionReason).toBe('Closed because evidence it cited was revoked.');
    expect(closed.decisionReason).not.toContain(certificate);
    expect((await application(granted.id)).status).toBe('APPROVED');

    const account = (
      await t
        .http()
        .get(`/v1/learners/${learner.id}/account`)
        .set(bearer(learner.token))
        .expect(200)
    ).body;
    expect(account.exemptions).toEqual([
      expect.objectContaining({ id: exemption.id, status: 'REVERSED' }),
    ]);
    expect(account.certificates).toEqual([
      expect.objectContaining({ id: certificate, status: 'REVOKED' }),
    ]);
    expect(account.totals.bySource.courseExemptions).toBe('0.00');
  });

  it('a revocation through the correction service itself, with no controller, still closes the application it backed', async () => {
    const learner = await aSignedInLearner(t);
    const certificate = await recordCertificate(t, {
      token: w.examiner,
      learnerId: learner.id,
      schemeId: w.scheme,
      level: 'INTERMEDIATE',
    });
    const waiting = (
      await apply(t, {
        token: learner.token,
        learnerId: learner.id,
        ruleId: rule,
        target: { courseId: courseA },
      }).expect(201)
    ).body;
    // As a job or a CLI would call it: nothing but the application's own wiring is passed.
    const examiner = await t.app.get(TokenService).verify(w.examiner);
    const revoked = await t.app
      .get(RecordCorrectionService)
      .revoke(
        { principal: examiner, idempotencyKey: undefined, method: 'POST', path: 'in-process' },
        certificate,
        { reason: '证书信息有误' },
      );
    expect(revoked.body.correction).toMatchObject({
      kind: 'REVOCATION',
      cancelsEntryId: certificate,
    });
    const closed = await application(waiting.id);
    expect(closed.status).toBe('CLOSED');
    expect(closed.decisionReason).toBe('Closed because evidence it cited was revoked.');
  });

  it('a waiting application that other evidence still proves stays SUBMITTED, re-evaluated on it', async () => {
    const learner = await aSignedInLearner(t);
    const intermediate = await recordCertificate(t, {
      token: w.examiner,
      learnerId: learner.id,
      schemeId: w.scheme,
      level: 'INTERMEDIATE',
    });
    const senior = await recordCertificate(t, {
      token: w.examiner,
      learnerId: learner.id,
      schemeId: w.scheme,
      level: 'SENIOR',
    });
    const waiting = (
      await apply(t, {
        token: learner.token,
        learnerId: learner.id,
        ruleId: rule,
        target: { courseId: courseA },
      }).expect(201)
    ).body;
    expect(waiting.evaluation.evidenceEntryIds).toEqual([senior]);
    await t
      .http()
      .post(`/v1/certificates/${senior}/revocation`)
      .set(bearer(w.examiner))
      .send({ reason: '证书信息有误' })
      .expect(201);
    const after = await application(waiting.id);
    expect(after.status).toBe('SUBMITTED');
    expect(after.evaluation.evidenceEntryIds).toEqual([intermediate]);
    const approved = await decide(t, {
      token: w.registrar,
      applicationId: waiting.id,
      decision: 'APPROVE',
    }).expect(200);
    expect(approved.body.exemption.evidenceEntryIds).toEqual([intermediate]);
  });

  it('reversing a course credit closes the waiting 学分互认 application that depended on it', async () => {
    const source = await aCourse(t, {
      institutionId: w.otherSchool,
      credits: '3',
      name: '网页设计（中职）',
    });
    const mutual = await anActiveRule(t, {
      token: w.registrar,
      rule: {
        kind: 'COURSE_TO_COURSE',
        condition: { courseCredit: { courseId: source, minScore: 60 } },
        targets: [{ courseId: courseB }],
      },
    });
    const learner = await aSignedInLearner(t);
    const credit = await recordCredit(t, {
      token: w.otherRegistrar,
      learnerId: learner.id,
      courseId: source,
      score: 80,
    });
    // The learner moves on to school A, which recognises the credit earned at the other school.
    await anEnrolment(t, { learnerId: learner.id, institutionId: w.school, programId: w.program });
    const waiting = (
      await apply(t, {
        token: w.registrar,
        learnerId: learner.id,
        ruleId: mutual.id,
        target: { courseId: courseB },
      }).expect(201)
    ).body;
    await t
      .http()
      .post(`/v1/entries/${credit}/reversal`)
      .set(bearer(w.otherRegistrar))
      .send({ reason: '成绩登记错误' })
      .expect(201);
    const closed = await application(waiting.id);
    expect(closed.status).toBe('CLOSED');
    expect(closed.decisionReason).toBe('Closed because evidence it cited was reversed.');
  });
});
