import { createTestApp, TestApp } from '../support/test-app';
import {
  aCourse,
  anActiveRule,
  apply,
  aProgram,
  aSignedInLearner,
  bearer,
  decide,
  recordCertificate,
  recordCredit,
  recordDiploma,
} from '../support/factories';
import { aConversionWorld, aHunanRuleSet, ConversionWorld } from '../support/conversion-world';

describe('decisions on exemption applications', () => {
  let t: TestApp;
  let w: ConversionWorld;
  let coreA: string;
  let coreB: string;
  let foundation: string;
  let coreRule: string;
  let foundationRule: string;

  beforeAll(async () => {
    t = await createTestApp('conversion applications');
    w = await aConversionWorld(t);
    ({ coreA, coreB, foundation, coreRule, foundationRule } = await aHunanRuleSet(t, { world: w }));
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  const account = async (learnerId: string) =>
    (await t.http().get(`/v1/learners/${learnerId}/account`).set(bearer(w.admin)).expect(200)).body;

  it('approval writes a COURSE_EXEMPTION naming rule, version, evidence and program; a second decision is 409', async () => {
    const learner = await aSignedInLearner(t);
    const certificate = await recordCertificate(t, {
      token: w.examiner,
      learnerId: learner.id,
      schemeId: w.scheme,
      level: 'INTERMEDIATE',
    });
    const application = (
      await apply(t, {
        token: learner.token,
        learnerId: learner.id,
        ruleId: coreRule,
        target: { courseId: coreA },
      }).expect(201)
    ).body;
    const approved = await decide(t, {
      token: w.registrar,
      applicationId: application.id,
      decision: 'APPROVE',
      reason: '证书真实有效',
    });
    expect(approved.status).toBe(200);
    const rule = (await t.http().get(`/v1/conversion-rules/${coreRule}`).set(bearer(w.admin))).body;
    expect(approved.body.exemption).toMatchObject({
      kind: 'COURSE_EXEMPTION',
      status: 'ACTIVE',
      courseId: coreA,
      programId: w.program,
      institutionId: w.school,
      credits: '4.00',
      ruleId: coreRule,
      ruleVersionId: rule.activeVersion.id,
      evidenceEntryIds: [certificate],
      applicationId: application.id,
    });
    expect(approved.body.application).toMatchObject({
      status: 'APPROVED',
      decisionReason: '证书真实有效',
      exemptionEntryId: approved.body.exemption.id,
    });
    const second = await decide(t, {
      token: w.registrar,
      applicationId: application.id,
      decision: 'REJECT',
      reason: '重复',
    });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({
      code: 'CONVERSION.APPLICATION_ALREADY_DECIDED',
      applicationStatus: 'APPROVED',
    });
    const view = await account(learner.id);
    expect(view.exemptions.map((entry: { id: string }) => entry.id)).toEqual([
      approved.body.exemption.id,
    ]);
  });

  it('a rejection records the reason and writes no entry', async () => {
    const learner = await aSignedInLearner(t);
    await recordCertificate(t, {
      token: w.examiner,
      learnerId: learner.id,
      schemeId: w.scheme,
      level: 'SENIOR',
    });
    const application = (
      await apply(t, {
        token: learner.token,
        learnerId: learner.id,
        ruleId: foundationRule,
        target: { courseId: foundation },
      }).expect(201)
    ).body;
    const rejected = await decide(t, {
      token: w.admin,
      applicationId: application.id,
      decision: 'REJECT',
      reason: '证书编号与证书查询平台不符',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({
      exemption: null,
      application: { status: 'REJECTED', decisionReason: '证书编号与证书查询平台不符' },
    });
    const entries = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM ledger_entries WHERE learner_id = $1 AND kind = 'COURSE_EXEMPTION'`,
      [learner.id],
    );
    expect(entries[0].n).toBe(0);
  });

  it('holds the certificate’s recognised credits: an INTERMEDIATE (6) cannot exempt 4 + 4', async () => {
    const learner = await aSignedInLearner(t);
    const certificate = await recordCertificate(t, {
      token: w.examiner,
      learnerId: learner.id,
      schemeId: w.scheme,
      level: 'INTERMEDIATE',
    });
    const first = (
      await apply(t, {
        token: learner.token,
        learnerId: learner.id,
        ruleId: coreRule,
        target: { courseId: coreA },
      }).expect(201)
    ).body;
    await decide(t, { token: w.registrar, applicationId: first.id, decision: 'APPROVE' }).expect(
      200,
    );
    const second = await apply(t, {
      token: learner.token,
      learnerId: learner.id,
      ruleId: coreRule,
      target: { courseId: coreB },
    });
    expect(second.status).toBe(422);
    expect(second.body.reasons).toEqual([
      expect.stringMatching(
        /^“职业技能等级证书 · Web前端开发 \(X-[0-9A-F]+\) 中级 · CERT-[0-9A-F]+” has exempted 4 credits so far; 4 more would make 8, over the 6 credits the credit bank recognises for this certificate\.$/,
      ),
    ]);
    expect(second.body.reasons[0]).not.toContain(certificate);
  });

  it('re-evaluates at decision time: two waiting applications that together break the program cap, one approved', async () => {
    const program = await aProgram(t, { institutionId: w.school, maxExemptCredits: '6' });
    const courseX = await aCourse(t, { institutionId: w.school, programId: program, credits: '4' });
    const courseY = await aCourse(t, { institutionId: w.school, programId: program, credits: '4' });
    const rule = await anActiveRule(t, {
      token: w.registrar,
      rule: {
        kind: 'CERT_TO_COURSE',
        condition: { certificate: { schemeId: w.scheme, minLevel: 'SENIOR' } },
        targets: [{ courseId: courseX }, { courseId: courseY }],
        maxCreditsPerEvidence: '8',
      },
    });
    const learner = await aSignedInLearner(t);
    await recordCertificate(t, {
      token: w.examiner,
      learnerId: learner.id,
      schemeId: w.scheme,
      level: 'SENIOR',
    });
    const x = (
      await apply(t, {
        token: learner.token,
        learnerId: learner.id,
        ruleId: rule.id,
        target: { courseId: courseX },
      }).expect(201)
    ).body;
    const y = (
      await apply(t, {
        token: learner.token,
        learnerId: learner.id,
        ruleId: rule.id,
        target: { courseId: courseY },
      }).expect(201)
    ).body;
    await decide(t, { token: w.registrar, applicationId: x.id, decision: 'APPROVE' }).expect(200);
    const refused = await decide(t, {
      token: w.registrar,
      applicationId: y.id,
      decision: 'APPROVE',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.reasons).toEqual([
      expect.stringMatching(
        /^Program 计算机应用技术 \(P-[0-9A-F]+\) has 4 credits exempted so far; 4 more would make 8, over its cap of 6 credits\.$/,
      ),
    ]);
    const still = await t
      .http()
      .get(`/v1/exemption-applications/${y.id}`)
      .set(bearer(w.registrar))
      .expect(200);
    expect(still.body.status).toBe('SUBMITTED');
    await decide(t, {
      token: w.registrar,
      applicationId: y.id,
      decision: 'REJECT',
      reason: '超过专业免修学分上限',
    }).expect(200);
  });

  it('a course already passed is not exempted', async () => {
    const learner = await aSignedInLearner(t);
    await recordCertificate(t, {
      token: w.examiner,
      learnerId: learner.id,
      schemeId: w.scheme,
      level: 'SENIOR',
    });
    const credit = await recordCredit(t, {
      token: w.registrar,
      learnerId: learner.id,
      courseId: coreA,
      score: 75,
    });
    const refused = await apply(t, {
      token: learner.token,
      learnerId: learner.id,
      ruleId: coreRule,
      target: { courseId: coreA },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.reasons[0]).toMatch(
      /^Course Vue\.js 应用开发 \(C-[0-9A-F]+\) is already covered by “课程学分 · Vue\.js 应用开发 \(C-[0-9A-F]+\) · [0-9-]+”; it can be exempted only once while that stands\.$/,
    );
    expect(refused.body.reasons[0]).not.toContain(credit);
  });

  it('exemptions keep the version they were granted under; retiring closes waiting applications and keeps grants', async () => {
    const course = await aCourse(t, { institutionId: w.school, programId: w.program });
    const other = await aCourse(t, { institutionId: w.school, programId: w.program });
    const rule = await anActiveRule(t, {
      token: w.registrar,
      rule: {
        kind: 'CERT_TO_COURSE',
        condition: { certificate: { schemeId: w.scheme, minLevel: 'INTERMEDIATE' } },
        targets: [{ courseId: course }, { courseId: other }],
      },
    });
    const learner = await aSignedInLearner(t);
    await recordCertificate(t, {
      token: w.examiner,
      learnerId: learner.id,
      schemeId: w.scheme,
      level: 'SENIOR',
    });
    const granted = (
      await apply(t, {
        token: learner.token,
        learnerId: learner.id,
        ruleId: rule.id,
        target: { courseId: course },
      }).expect(201)
    ).body;
    const approval = (
      await decide(t, {
        token: w.registrar,
        applicationId: granted.id,
        decision: 'APPROVE',
      }).expect(200)
    ).body;
    const v1 = approval.exemption.ruleVersionId as string;
    await t
      .http()
      .post(`/v1/conversion-rules/${rule.id}/versions`)
      .set(bearer(w.registrar))
      .send({
        name: 'v2',
        condition: { certificate: { schemeId: w.scheme, minLevel: 'SENIOR' } },
        targets: [{ courseId: course }, { courseId: other }],
        effectiveFrom: '2025-01-01',
      })
      .expect(201);
    const activated = await t
      .http()
      .post(`/v1/conversion-rules/${rule.id}/activate`)
      .set(bearer(w.registrar))
      .send({})
      .expect(200);
    expect(activated.body.activeVersion.id).not.toBe(v1);
    const waiting = (
      await apply(t, {
        token: learner.token,
        learnerId: learner.id,
        ruleId: rule.id,
        target: { courseId: other },
      }).expect(201)
    ).body;
    expect(waiting.ruleVersionId).toBe(activated.body.activeVersion.id);

    const retired = await t
      .http()
      .post(`/v1/conversion-rules/${rule.id}/retire`)
      .set(bearer(w.registrar))
      .expect(200);
    expect(retired.body.closedApplicationIds).toEqual([waiting.id]);
    const closed = await t
      .http()
      .get(`/v1/exemption-applications/${waiting.id}`)
      .set(bearer(learner.token))
      .expect(200);
    expect(closed.body).toMatchObject({
      status: 'CLOSED',
      decisionReason: 'The rule was retired before a decision.',
    });
    const view = await account(learner.id);
    expect(view.exemptions).toEqual([
      expect.objectContaining({ id: approval.exemption.id, status: 'ACTIVE', ruleVersionId: v1 }),
    ]);
  });

  it('免试: graduates with two courses at 70+ are exempted from THEORY at SENIOR, decided by the examiner', async () => {
    const java = await aCourse(t, {
      institutionId: w.school,
      programId: w.program,
      name: 'Java 程序设计',
    });
    const web = await aCourse(t, {
      institutionId: w.school,
      programId: w.program,
      name: 'Web 前端框架',
    });
    const rule = await anActiveRule(t, {
      token: w.examiner,
      rule: {
        kind: 'COURSE_TO_EXAM',
        name: '计算机专业毕业生免试高级理论',
        condition: {
          all: [
            { diploma: { programId: w.program } },
            { courseCredit: { courseId: java, minScore: 70 } },
            { courseCredit: { courseId: web, minScore: 70 } },
          ],
        },
        targets: [{ schemeId: w.scheme, level: 'SENIOR', component: 'THEORY' }],
      },
    });
    const learner = await aSignedInLearner(t);
    const evidence = [
      await recordDiploma(t, { token: w.registrar, learnerId: learner.id, programId: w.program }),
      await recordCredit(t, {
        token: w.registrar,
        learnerId: learner.id,
        courseId: java,
        score: 82,
      }),
      await recordCredit(t, {
        token: w.registrar,
        learnerId: learner.id,
        courseId: web,
        score: 65,
      }),
    ];
    const target = { schemeId: w.scheme, level: 'SENIOR', component: 'THEORY' };
    const low = await apply(t, {
      token: learner.token,
      learnerId: learner.id,
      ruleId: rule.id,
      target,
    });
    expect(low.status).toBe(422);
    expect(low.body.reasons.join(' ')).toContain('has a score of 65, below the minimum of 70');
    await t
      .http()
      .post(`/v1/entries/${evidence[2]}/reversal`)
      .set(bearer(w.registrar))
      .send({ reason: '成绩录入错误' })
      .expect(201);
    evidence[2] = await recordCredit(t, {
      token: w.registrar,
      learnerId: learner.id,
      courseId: web,
      score: 90,
    });
    const application = (
      await apply(t, {
        token: learner.token,
        learnerId: learner.id,
        ruleId: rule.id,
        target,
      }).expect(201)
    ).body;
    expect(application.ownerCertificationBodyId).toBe(w.body);
    await decide(t, {
      token: w.registrar,
      applicationId: application.id,
      decision: 'APPROVE',
    }).expect(404);
    const approved = await decide(t, {
      token: w.examiner,
      applicationId: application.id,
      decision: 'APPROVE',
    }).expect(200);
    expect(approved.body.exemption).toMatchObject({
      kind: 'EXAM_EXEMPTION',
      schemeId: w.scheme,
      level: 'SENIOR',
      component: 'THEORY',
      certificationBodyId: w.body,
      ruleId: rule.id,
    });
    expect([...approved.body.exemption.evidenceEntryIds].sort()).toEqual([...evidence].sort());
  });

  it('replays a decision sent again with the same Idempotency-Key', async () => {
    const learner = await aSignedInLearner(t);
    await recordCertificate(t, {
      token: w.examiner,
      learnerId: learner.id,
      schemeId: w.scheme,
      level: 'JUNIOR',
    });
    const application = (
      await apply(t, {
        token: learner.token,
        learnerId: learner.id,
        ruleId: foundationRule,
        target: { courseId: foundation },
      }).expect(201)
    ).body;
    const send = () =>
      t
        .http()
        .post(`/v1/exemption-applications/${application.id}/decision`)
        .set(bearer(w.registrar))
        .set('idempotency-key', `decide-${application.id}`)
        .send({ decision: 'APPROVE', reason: '同意' });
    const first = await send().expect(200);
    const replay = await send().expect(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
  });
});
