import { createTestApp, TestApp } from '../support/test-app';
import {
  aCourse,
  anActiveRule,
  apply,
  aSignedInLearner,
  bearer,
  decide,
  recordCertificate,
  recordCredit,
  recordDiploma,
} from '../support/factories';
import { aConversionWorld, ConversionWorld } from '../support/conversion-world';

describe('cascade: an exemption whose rule still holds on the remaining evidence is re-pointed, not lost', () => {
  let t: TestApp;
  let w: ConversionWorld;

  beforeAll(async () => {
    t = await createTestApp('conversion cascade repoint');
    w = await aConversionWorld(t);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  const approved = async (options: {
    learner: { id: string; token: string };
    ruleId: string;
    target: object;
    decider: string;
  }) => {
    const application = (
      await apply(t, {
        token: options.learner.token,
        learnerId: options.learner.id,
        ruleId: options.ruleId,
        target: options.target,
      }).expect(201)
    ).body;
    const decision = await decide(t, {
      token: options.decider,
      applicationId: application.id,
      decision: 'APPROVE',
    }).expect(200);
    return { applicationId: application.id as string, exemption: decision.body.exemption };
  };
  const account = async (learner: { id: string; token: string }) =>
    (
      await t
        .http()
        .get(`/v1/learners/${learner.id}/account`)
        .set(bearer(learner.token))
        .expect(200)
    ).body;
  const eligibilityOf = async (learner: { id: string; token: string }, ruleId: string) =>
    (
      (
        await t
          .http()
          .get(`/v1/learners/${learner.id}/eligibility`)
          .set(bearer(learner.token))
          .expect(200)
      ).body.items as Record<string, unknown>[]
    ).filter((item) => item.ruleId === ruleId);

  it('reversing one credit keeps the 免试 its rule’s other alternative still proves, as a new audited entry', async () => {
    const java = await aCourse(t, { institutionId: w.school, name: 'Java 程序设计' });
    const python = await aCourse(t, { institutionId: w.school, name: 'Python 程序设计' });
    const exam = { schemeId: w.scheme, level: 'INTERMEDIATE', component: 'THEORY' };
    const rule = await anActiveRule(t, {
      token: w.examiner,
      rule: {
        kind: 'COURSE_TO_EXAM',
        condition: {
          any: [{ courseCredit: { courseId: java } }, { courseCredit: { courseId: python } }],
        },
        targets: [exam],
        creditsGranted: '2',
      },
    });
    const learner = await aSignedInLearner(t);
    const javaCredit = await recordCredit(t, {
      token: w.registrar,
      learnerId: learner.id,
      courseId: java,
    });
    const pythonCredit = await recordCredit(t, {
      token: w.registrar,
      learnerId: learner.id,
      courseId: python,
    });
    const { applicationId, exemption } = await approved({
      learner,
      ruleId: rule.id,
      target: exam,
      decider: w.examiner,
    });
    expect(exemption.evidenceEntryIds).toEqual([javaCredit]);

    const reversal = (
      await t
        .http()
        .post(`/v1/entries/${javaCredit}/reversal`)
        .set(bearer(w.registrar))
        .send({ reason: '成绩登记错误' })
        .expect(201)
    ).body;
    expect(reversal.cascaded).toEqual([
      expect.objectContaining({
        kind: 'REVERSAL',
        cancelsEntryId: exemption.id,
        causeEntryId: reversal.correction.id,
      }),
    ]);
    const cascadedReversal = reversal.cascaded[0];
    expect(reversal.repointed).toEqual([
      {
        replacesEntryId: exemption.id,
        reversalEntryId: cascadedReversal.id,
        exemption: expect.objectContaining({
          kind: 'EXAM_EXEMPTION',
          status: 'ACTIVE',
          schemeId: w.scheme,
          level: 'INTERMEDIATE',
          component: 'THEORY',
          credits: '2.00',
          ruleId: rule.id,
          ruleVersionId: exemption.ruleVersionId,
          applicationId,
          evidenceEntryIds: [pythonCredit],
          causeEntryId: cascadedReversal.id,
        }),
      },
    ]);
    const replacement = reversal.repointed[0].exemption;
    // The correction's own words; what it answers is linked, not written into the text.
    expect(replacement.reason).toBe('成绩登记错误');

    const after = await account(learner);
    expect(after.exemptions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: exemption.id, status: 'REVERSED' }),
        expect.objectContaining({ id: replacement.id, status: 'ACTIVE' }),
      ]),
    );
    expect(
      after.exemptions.filter((entry: { status: string }) => entry.status === 'ACTIVE'),
    ).toHaveLength(1);
    const [item] = await eligibilityOf(learner, rule.id);
    expect(item.eligible).toBe(false);
    expect((item.evaluation as { limits: unknown[] }).limits).toContainEqual({
      name: 'targetNotCovered',
      held: false,
      targetKey: `exam:${w.scheme}:INTERMEDIATE:THEORY`,
      coveredByEntryIds: [replacement.id],
    });
    const application = (
      await t
        .http()
        .get(`/v1/exemption-applications/${applicationId}`)
        .set(bearer(w.admin))
        .expect(200)
    ).body;
    expect(application).toMatchObject({ status: 'APPROVED', exemptionEntryId: replacement.id });
    const outbox: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_events WHERE payload #>> '{changes,0,id}' = $1`,
      [replacement.id],
    );
    expect(outbox[0].n).toBe(1);
  });

  it('re-checks the caps on the new evidence: what the remaining certificate cannot carry stays reversed', async () => {
    const courses = [
      await aCourse(t, { institutionId: w.school, programId: w.program, credits: '3' }),
      await aCourse(t, { institutionId: w.school, programId: w.program, credits: '3' }),
    ];
    const rule = await anActiveRule(t, {
      token: w.registrar,
      rule: {
        kind: 'CERT_TO_COURSE',
        condition: { certificate: { schemeId: w.scheme, minLevel: 'JUNIOR' } },
        targets: courses.map((courseId) => ({ courseId })),
        maxCreditsPerEvidence: '8',
      },
    });
    const learner = await aSignedInLearner(t);
    // JUNIOR recognises 4 credits: enough for one 3-credit course, not for two.
    const junior = await recordCertificate(t, {
      token: w.examiner,
      learnerId: learner.id,
      schemeId: w.scheme,
      level: 'JUNIOR',
    });
    const senior = await recordCertificate(t, {
      token: w.examiner,
      learnerId: learner.id,
      schemeId: w.scheme,
      level: 'SENIOR',
    });
    const first = await approved({
      learner,
      ruleId: rule.id,
      target: { courseId: courses[0] },
      decider: w.registrar,
    });
    const second = await approved({
      learner,
      ruleId: rule.id,
      target: { courseId: courses[1] },
      decider: w.registrar,
    });
    expect([first.exemption.evidenceEntryIds, second.exemption.evidenceEntryIds]).toEqual([
      [senior],
      [senior],
    ]);

    const revocation = (
      await t
        .http()
        .post(`/v1/certificates/${senior}/revocation`)
        .set(bearer(w.examiner))
        .send({ reason: '证书信息有误' })
        .expect(201)
    ).body;
    expect(
      revocation.cascaded.map((entry: { cancelsEntryId: string }) => entry.cancelsEntryId),
    ).toEqual([first.exemption.id, second.exemption.id]);
    expect(revocation.repointed).toEqual([
      expect.objectContaining({
        replacesEntryId: first.exemption.id,
        exemption: expect.objectContaining({
          courseId: courses[0],
          evidenceEntryIds: [junior],
          credits: '3.00',
        }),
      }),
    ]);
    const after = await account(learner);
    const standing = after.exemptions.filter(
      (entry: { status: string }) => entry.status === 'ACTIVE',
    );
    expect(standing).toEqual([
      expect.objectContaining({ courseId: courses[0], evidenceEntryIds: [junior] }),
    ]);
    const secondApplication = (
      await t
        .http()
        .get(`/v1/exemption-applications/${second.applicationId}`)
        .set(bearer(w.admin))
        .expect(200)
    ).body;
    expect(secondApplication.exemptionEntryId).toBe(second.exemption.id);
  });

  it('re-evaluates under the exemption’s own rule version, not the one active now', async () => {
    const course = await aCourse(t, {
      institutionId: w.school,
      programId: w.program,
      credits: '2',
    });
    const rule = await anActiveRule(t, {
      token: w.registrar,
      rule: {
        kind: 'CERT_TO_COURSE',
        condition: {
          any: [
            { certificate: { schemeId: w.scheme, minLevel: 'SENIOR' } },
            { diploma: { programId: w.program } },
          ],
        },
        targets: [{ courseId: course }],
      },
    });
    const learner = await aSignedInLearner(t);
    const certificate = await recordCertificate(t, {
      token: w.examiner,
      learnerId: learner.id,
      schemeId: w.scheme,
      level: 'SENIOR',
    });
    const diploma = await recordDiploma(t, {
      token: w.registrar,
      learnerId: learner.id,
      programId: w.program,
    });
    const { exemption } = await approved({
      learner,
      ruleId: rule.id,
      target: { courseId: course },
      decider: w.registrar,
    });
    // Version 2 accepts only the certificate.
    await t
      .http()
      .post(`/v1/conversion-rules/${rule.id}/versions`)
      .set(bearer(w.registrar))
      .send({
        name: '高级证书免修',
        condition: { certificate: { schemeId: w.scheme, minLevel: 'SENIOR' } },
        targets: [{ courseId: course }],
        effectiveFrom: '2024-09-01',
      })
      .expect(201);
    await t
      .http()
      .post(`/v1/conversion-rules/${rule.id}/activate`)
      .set(bearer(w.registrar))
      .send({})
      .expect(200);

    const revocation = (
      await t
        .http()
        .post(`/v1/certificates/${certificate}/revocation`)
        .set(bearer(w.examiner))
        .send({ reason: '证书信息有误' })
        .expect(201)
    ).body;
    expect(revocation.repointed).toEqual([
      expect.objectContaining({
        replacesEntryId: exemption.id,
        exemption: expect.objectContaining({
          ruleVersionId: exemption.ruleVersionId,
          evidenceEntryIds: [diploma],
        }),
      }),
    ]);
  });

  it('an exemption whose evidence is gone everywhere stays reversed, and one reversed itself is not re-granted', async () => {
    const course = await aCourse(t, {
      institutionId: w.school,
      programId: w.program,
      credits: '2',
    });
    const rule = await anActiveRule(t, {
      token: w.registrar,
      rule: {
        kind: 'CERT_TO_COURSE',
        condition: { certificate: { schemeId: w.scheme, minLevel: 'JUNIOR' } },
        targets: [{ courseId: course }],
      },
    });
    const learner = await aSignedInLearner(t);
    const certificate = await recordCertificate(t, {
      token: w.examiner,
      learnerId: learner.id,
      schemeId: w.scheme,
      level: 'INTERMEDIATE',
    });
    await recordCertificate(t, {
      token: w.examiner,
      learnerId: learner.id,
      schemeId: w.scheme,
      level: 'JUNIOR',
    });
    const { exemption } = await approved({
      learner,
      ruleId: rule.id,
      target: { courseId: course },
      decider: w.registrar,
    });
    // The JUNIOR certificate would still prove the rule: only a lost footing is re-pointed.
    expect(exemption.evidenceEntryIds).toEqual([certificate]);
    const direct = (
      await t
        .http()
        .post(`/v1/entries/${exemption.id}/reversal`)
        .set(bearer(w.registrar))
        .send({ reason: '免修申请材料不实' })
        .expect(201)
    ).body;
    expect(direct).toMatchObject({ cascaded: [], repointed: [] });
    expect((await account(learner)).exemptions).toEqual([
      expect.objectContaining({ id: exemption.id, status: 'REVERSED' }),
    ]);

    const lone = await aSignedInLearner(t);
    const only = await recordCertificate(t, {
      token: w.examiner,
      learnerId: lone.id,
      schemeId: w.scheme,
      level: 'INTERMEDIATE',
    });
    const granted = await approved({
      learner: lone,
      ruleId: rule.id,
      target: { courseId: course },
      decider: w.registrar,
    });
    const revocation = (
      await t
        .http()
        .post(`/v1/certificates/${only}/revocation`)
        .set(bearer(w.examiner))
        .send({ reason: '证书信息有误' })
        .expect(201)
    ).body;
    expect(revocation.cascaded).toEqual([
      expect.objectContaining({ cancelsEntryId: granted.exemption.id }),
    ]);
    expect(revocation.repointed).toEqual([]);
  });
});
