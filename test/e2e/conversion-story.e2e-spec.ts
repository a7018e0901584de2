import { Role } from '@app/core';
import { createTestApp, TestApp } from '../support/test-app';
import { bearer, residentId } from '../support/factories';

/**
 * The 1+X story end to end, over HTTP only: an adult learner with an intermediate Web前端开发
 * certificate enrols at a higher vocational college, is exempted from the matching core courses
 * up to the 8-credit cap, passes the rest, graduates, is granted the THEORY exemption of the
 * senior exam; then the certificate is revoked and the course exemptions it backed are reversed.
 * Every step is checked through the account view.
 */
describe('story: from certificate to exemptions, graduation, 免试 and a revocation', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp('conversion story');
    admin = await t.tokenFor(Role.ADMIN);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  async function post(token: string, path: string, body: object, status = 201) {
    const response = await t.http().post(path).set(bearer(token)).send(body);
    if (response.status !== status)
      throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  async function login(role: Role, scope: object): Promise<string> {
    const username = `${role.toLowerCase()}-story-${Math.random().toString(36).slice(2, 8)}`;
    const password = 'correct-horse-battery-staple';
    await post(admin, '/v1/users', { username, password, role, ...scope });
    const response = await t.http().post('/v1/auth/login').send({ username, password }).expect(200);
    return response.body.accessToken as string;
  }

  it('walks the whole story', async () => {
    // The catalog: a certification body with Web前端开发, a college with a program and its courses.
    const body = await post(admin, '/v1/certification-bodies', {
      code: 'MIIT-STORY',
      name: '工业和信息化部教育与考试中心',
    });
    const levels = [
      ['JUNIOR', '4'],
      ['INTERMEDIATE', '10'],
      ['SENIOR', '12'],
    ].map(([level, recognisedCredits]) => ({
      level,
      recognisedCredits,
      components: [
        { code: 'THEORY', name: '理论知识' },
        { code: 'PRACTICAL', name: '实操技能' },
      ],
    }));
    const scheme = await post(admin, '/v1/certificate-schemes', {
      code: 'X-WEB-STORY',
      name: 'Web前端开发职业技能等级证书',
      certificationBodyId: body.id,
      levels,
    });
    const college = await post(admin, '/v1/institutions', {
      code: 'HN-STORY',
      name: '湖南示范信息职业技术学院',
      kind: 'HIGHER_VOCATIONAL',
    });
    const program = await post(admin, `/v1/institutions/${college.id}/programs`, {
      code: '510203',
      name: '软件技术',
      totalCredits: '140',
      maxExemptCredits: '20',
    });
    const course = (code: string, name: string, credits: string, category = 'PROFESSIONAL_CORE') =>
      post(admin, `/v1/institutions/${college.id}/courses`, {
        code,
        name,
        credits,
        hours: 64,
        category,
        programId: program.id,
      });
    const vue = await course('WEB201', 'Web前端框架开发（Vue.js）', '4');
    const responsive = await course('WEB202', '响应式Web开发', '4');
    const mobile = await course('WEB203', '移动Web开发', '3');
    const basics = await course('SE101', '程序设计基础', '4', 'PROFESSIONAL_FOUNDATION');
    const javaWeb = await course('SE201', 'Java Web应用开发', '4.5');

    const registrar = await login(Role.REGISTRAR, { institutionId: college.id });
    const examiner = await login(Role.EXAMINER, { certificationBodyId: body.id });

    // The rules: the college's 免修 rule (INTERMEDIATE exempts core courses, 8 credits per
    // certificate) and the body's 免试 rule for graduates of the program.
    const coreRule = await post(registrar, '/v1/conversion-rules', {
      kind: 'CERT_TO_COURSE',
      name: 'Web前端开发中级证书免修专业核心课',
      condition: { certificate: { schemeId: scheme.id, minLevel: 'INTERMEDIATE' } },
      targets: [{ courseId: vue.id }, { courseId: responsive.id }, { courseId: mobile.id }],
      maxCreditsPerEvidence: '8',
      effectiveFrom: '2024-09-01',
    });
    await post(registrar, `/v1/conversion-rules/${coreRule.id}/activate`, {}, 200);
    const theoryTarget = { schemeId: scheme.id, level: 'SENIOR', component: 'THEORY' };
    const theoryRule = await post(examiner, '/v1/conversion-rules', {
      kind: 'COURSE_TO_EXAM',
      name: '软件技术专业毕业生免试高级理论知识',
      condition: {
        all: [
          { diploma: { programId: program.id } },
          { courseCredit: { courseId: basics.id, minScore: 70 } },
          { courseCredit: { courseId: javaWeb.id, minScore: 70 } },
        ],
      },
      targets: [theoryTarget],
      effectiveFrom: '2024-09-01',
    });
    await post(examiner, `/v1/conversion-rules/${theoryRule.id}/activate`, {}, 200);

    // An adult learner with an intermediate certificate enrols: the college opens the account
    // and enrols him as a social learner; the body, which never met him, registers him for its
    // exam with his identity number.
    const idNumber = residentId('1985-03-15', '123');
    const learner = await post(registrar, '/v1/learners', {
      name: '刘建国',
      idType: 'RESIDENT_ID',
      idNumber,
    });
    await post(registrar, `/v1/learners/${learner.id}/enrolments`, {
      programId: program.id,
      studentNo: 'SL2024001',
      category: 'SOCIAL_LEARNER',
      startedAt: '2024-09-01',
    });
    await post(examiner, `/v1/learners/${learner.id}/exam-registrations`, {
      schemeId: scheme.id,
      level: 'INTERMEDIATE',
      session: '2024-12',
      idNumber,
    });
    const me = await login(Role.LEARNER, { learnerId: learner.id });
    const account = async () =>
      (await t.http().get('/v1/me/account').set(bearer(me)).expect(200)).body;
    const certificate = await post(examiner, `/v1/learners/${learner.id}/certificates`, {
      schemeId: scheme.id,
      level: 'INTERMEDIATE',
      certificateNo: 'WEB-2024-STORY-01',
      issuedAt: '2024-12-20',
    });
    expect((await account()).certificates).toEqual([
      expect.objectContaining({ id: certificate.id, status: 'ACTIVE' }),
    ]);

    // Each core course is within reach on its own…
    const eligibility = (
      await t.http().get(`/v1/learners/${learner.id}/eligibility`).set(bearer(me)).expect(200)
    ).body;
    const coreItems = eligibility.items.filter(
      (item: { ruleId: string }) => item.ruleId === coreRule.id,
    );
    expect(coreItems.map((item: { eligible: boolean }) => item.eligible)).toEqual([
      true,
      true,
      true,
    ]);

    // …but together only up to 8 credits per certificate: 4 + 4, and the 3-credit course is refused.
    const exemptions: string[] = [];
    for (const target of [vue, responsive]) {
      const application = await post(me, `/v1/learners/${learner.id}/exemption-applications`, {
        ruleId: coreRule.id,
        target: { courseId: target.id },
      });
      const decision = await post(
        registrar,
        `/v1/exemption-applications/${application.id}/decision`,
        { decision: 'APPROVE', reason: '证书核验通过' },
        200,
      );
      exemptions.push(decision.exemption.id);
    }
    const refused = await t
      .http()
      .post(`/v1/learners/${learner.id}/exemption-applications`)
      .set(bearer(me))
      .send({ ruleId: coreRule.id, target: { courseId: mobile.id } })
      .expect(422);
    expect(refused.body.reasons.join(' ')).toContain(
      "over the rule's cap of 8 credits per piece of evidence",
    );
    let view = await account();
    expect(
      view.exemptions
        .map((entry: { id: string; status: string }) => [entry.id, entry.status])
        .sort(),
    ).toEqual(exemptions.map((id) => [id, 'ACTIVE']).sort());
    expect(view.totals.bySource.courseExemptions).toBe('8.00');

    // Passes the rest and graduates.
    for (const [target, score] of [
      [mobile, 81],
      [basics, 88],
      [javaWeb, 76],
    ] as const) {
      await post(registrar, `/v1/learners/${learner.id}/course-credits`, {
        courseId: target.id,
        term: '2025-2026-1',
        score,
        completedAt: '2025-12-20',
      });
    }
    await post(registrar, `/v1/learners/${learner.id}/diplomas`, {
      programId: program.id,
      diplomaNo: 'DIP-2026-STORY-01',
      graduatedAt: '2026-01-15',
    });
    view = await account();
    expect(view.totals.bySource.courseCredits).toBe('11.50');
    expect(view.totals.creditsEarned).toBe('19.50');
    expect(view.diplomas).toHaveLength(1);

    // Applies for, and is granted, the THEORY exemption of the senior exam.
    const theory = await post(me, `/v1/learners/${learner.id}/exemption-applications`, {
      ruleId: theoryRule.id,
      target: theoryTarget,
    });
    const inbox = (
      await t.http().get('/v1/exemption-applications').set(bearer(examiner)).expect(200)
    ).body;
    expect(inbox.items.map((item: { id: string }) => item.id)).toEqual([theory.id]);
    const granted = await post(
      examiner,
      `/v1/exemption-applications/${theory.id}/decision`,
      { decision: 'APPROVE', reason: '毕业证书与成绩核验通过' },
      200,
    );
    expect(granted.exemption).toMatchObject({
      kind: 'EXAM_EXEMPTION',
      component: 'THEORY',
      level: 'SENIOR',
      ruleId: theoryRule.id,
    });
    view = await account();
    expect(view.exemptions).toHaveLength(3);

    // The certificate is revoked: the course exemptions it backed are reversed, the 免试 stands.
    const revocation = await post(examiner, `/v1/certificates/${certificate.id}/revocation`, {
      reason: '证书信息核查不实，予以撤销',
    });
    expect(
      revocation.cascaded.map((entry: { cancelsEntryId: string }) => entry.cancelsEntryId).sort(),
    ).toEqual([...exemptions].sort());
    view = await account();
    expect(view.certificates).toEqual([
      expect.objectContaining({ id: certificate.id, status: 'REVOKED' }),
    ]);
    const statuses = Object.fromEntries(
      view.exemptions.map((entry: { id: string; status: string }) => [entry.id, entry.status]),
    );
    expect(statuses).toEqual({
      [exemptions[0]]: 'REVERSED',
      [exemptions[1]]: 'REVERSED',
      [granted.exemption.id]: 'ACTIVE',
    });
    expect(view.totals.bySource.courseExemptions).toBe('0.00');
    expect(view.totals.creditsEarned).toBe('11.50');
  });
});
