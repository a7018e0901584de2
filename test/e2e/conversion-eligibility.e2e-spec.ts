import request from 'supertest';
import { createTestApp, TestApp } from '../support/test-app';
import { apply, aSignedInLearner, bearer, decide, recordCertificate } from '../support/factories';
import { aConversionWorld, aHunanRuleSet, ConversionWorld } from '../support/conversion-world';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** What a person reads names things: no UUID, no internal trace path. */
function expectNoIdsOrPaths(sentences: readonly string[]): void {
  expect(sentences.length).toBeGreaterThan(0);
  for (const sentence of sentences) {
    expect(sentence).not.toMatch(UUID);
    expect(sentence).not.toMatch(/condition\.|\[\d+\]/);
  }
}

describe('eligibility and submitting applications', () => {
  let t: TestApp;
  let w: ConversionWorld;
  let coreA: string;
  let coreB: string;
  let foundation: string;
  let coreRule: string;
  let foundationRule: string;

  beforeAll(async () => {
    t = await createTestApp('conversion eligibility');
    w = await aConversionWorld(t);
    ({ coreA, coreB, foundation, coreRule, foundationRule } = await aHunanRuleSet(t, { world: w }));
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  it('lists every active rule touching the learner’s evidence, with the trace in words and names', async () => {
    const learner = await aSignedInLearner(t);
    const certificate = await recordCertificate(t, {
      token: w.examiner,
      learnerId: learner.id,
      schemeId: w.scheme,
      level: 'INTERMEDIATE',
    });
    const response = await t
      .http()
      .get(`/v1/learners/${learner.id}/eligibility`)
      .set(bearer(learner.token))
      .expect(200);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON body, probed field by field
    const items = response.body.items as Array<Record<string, any>>;
    const core = items.find((item) => item.ruleId === coreRule && item.target.courseId === coreA);
    expect(core).toMatchObject({
      eligible: true,
      creditsGranted: '4',
      evidenceEntryIds: [certificate],
      reasons: [],
    });
    expect(core?.explanation[0]).toMatch(
      new RegExp(
        '^Eligible: rule “中级证书免修专业核心课” version 1 exempts course Vue\\.js 应用开发 \\(C-[0-9A-F]+\\) ' +
          'for 4 credits, proven by “职业技能等级证书 · Web前端开发 \\(X-[0-9A-F]+\\) 中级 · CERT-[0-9A-F]+”\\.$',
      ),
    );
    const basics = items.find((item) => item.ruleId === foundationRule);
    expect(basics?.eligible).toBe(false);
    expect(basics?.reasons).toContain('Not met: none of the 2 alternatives holds.');
    expect(basics?.reasons).toContainEqual(
      expect.stringMatching(
        new RegExp(
          '^Not met: a certificate of Web前端开发 at junior level is needed ' +
            '\\(“职业技能等级证书 · Web前端开发 \\(X-[0-9A-F]+\\) 中级 · CERT-[0-9A-F]+” ' +
            'is at intermediate level, above junior\\)\\.$',
        ),
      ),
    );
    for (const item of items) expectNoIdsOrPaths([...item.reasons, ...item.explanation]);
    expect(response.headers['content-language']).toBe('en');
    expect(basics?.evaluation.leaves[0].rejected[0]).toMatchObject({
      entryId: certificate,
      code: 'LEVEL_TOO_HIGH',
    });

    const stranger = await aSignedInLearner(t);
    await t
      .http()
      .get(`/v1/learners/${learner.id}/eligibility`)
      .set(bearer(stranger.token))
      .expect(404);
    // Another body's examiner has no relationship with the learner: the learner is not there.
    await t
      .http()
      .get(`/v1/learners/${learner.id}/eligibility`)
      .set(bearer(w.otherExaminer))
      .expect(404);
    const nothing = await t
      .http()
      .get(`/v1/learners/${stranger.id}/eligibility`)
      .set(bearer(stranger.token))
      .expect(200);
    expect(nothing.body.items).toEqual([]);
  });

  it('answers in Chinese by default, naming the rule, the course, the certificate and the evidence', async () => {
    const learner = await aSignedInLearner(t);
    await recordCertificate(t, {
      token: w.examiner,
      learnerId: learner.id,
      schemeId: w.scheme,
      level: 'INTERMEDIATE',
    });
    // What a browser or curl sends: no Accept-Language.
    const response = await request(t.app.getHttpServer())
      .get(`/v1/learners/${learner.id}/eligibility`)
      .set(bearer(learner.token))
      .expect(200);
    expect(response.headers['content-language']).toBe('zh-CN');
    expect(response.headers.vary).toMatch(/Accept-Language/i);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON body, probed field by field
    const items = response.body.items as Array<Record<string, any>>;
    const core = items.find((item) => item.ruleId === coreRule && item.target.courseId === coreA);
    expect(core?.explanation[0]).toMatch(
      new RegExp(
        '^符合条件：按规则「中级证书免修专业核心课」第 1 版，可免修课程“Vue\\.js 应用开发（C-[0-9A-F]+）”，' +
          '计 4 学分，由“职业技能等级证书 · Web前端开发 \\(X-[0-9A-F]+\\) 中级 · CERT-[0-9A-F]+”证明。$',
      ),
    );
    expect(core?.explanation).toContainEqual(
      expect.stringMatching(
        /^已满足：持有Web前端开发职业技能等级证书（中级及以上），由“职业技能等级证书 · /,
      ),
    );
    const basics = items.find((item) => item.ruleId === foundationRule);
    expect(basics?.reasons).toContain('未满足：2 项备选条件均不成立。');
    expect(basics?.reasons).toContainEqual(
      expect.stringMatching(
        new RegExp(
          '^未满足：需要持有Web前端开发职业技能等级证书（初级）；' +
            '“职业技能等级证书 · Web前端开发 \\(X-[0-9A-F]+\\) 中级 · CERT-[0-9A-F]+”为中级，高于要求的初级。$',
        ),
      ),
    );
    expect(basics?.explanation[0]).toMatch(
      /^不符合条件：按规则「.+」第 1 版，不能免修课程“.+（C-[0-9A-F]+）”（3 项原因）。$/,
    );
    for (const item of items) {
      expectNoIdsOrPaths([...item.reasons, ...item.explanation]);
      for (const sentence of item.explanation) expect(sentence).toMatch(/[\u4e00-\u9fff]/);
      expect(item.explanation.join('')).not.toMatch(/\b(Eligible|Not met|Met|credits?)\b/);
    }

    // The 422 of an application the rule refuses says the same reasons, in Chinese.
    const refused = await request(t.app.getHttpServer())
      .post(`/v1/learners/${learner.id}/exemption-applications`)
      .set(bearer(learner.token))
      .send({ ruleId: foundationRule, target: { courseId: foundation } })
      .expect(422);
    expect(refused.body).toMatchObject({ code: 'CONVERSION.NOT_ELIGIBLE', title: '不符合条件' });
    expect(refused.body.reasons).toEqual(basics?.reasons);
    expect(refused.body.evaluation.explanation[0]).toMatch(/^不符合条件：/);
    expectNoIdsOrPaths([...refused.body.reasons, ...refused.body.evaluation.explanation]);
  });

  it('submits when eligible; refuses with 422 and reasons when not; one open application per target', async () => {
    const learner = await aSignedInLearner(t);
    await recordCertificate(t, {
      token: w.examiner,
      learnerId: learner.id,
      schemeId: w.scheme,
      level: 'INTERMEDIATE',
    });
    const submitted = await apply(t, {
      token: learner.token,
      learnerId: learner.id,
      ruleId: coreRule,
      target: { courseId: coreA },
    });
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({
      status: 'SUBMITTED',
      ownerInstitutionId: w.school,
      evaluation: { eligible: true },
    });
    const again = await apply(t, {
      token: w.registrar,
      learnerId: learner.id,
      ruleId: coreRule,
      target: { courseId: coreA },
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: 'CONVERSION.APPLICATION_ALREADY_OPEN',
      applicationId: submitted.body.id,
    });

    const refused = await apply(t, {
      token: learner.token,
      learnerId: learner.id,
      ruleId: foundationRule,
      target: {
        courseId: foundation,
      },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('CONVERSION.NOT_ELIGIBLE');
    expect(refused.body.reasons.join(' ')).toContain('is at intermediate level, above junior');
    expectNoIdsOrPaths([...refused.body.reasons, ...refused.body.evaluation.explanation]);
    const notATarget = await apply(t, {
      token: learner.token,
      learnerId: learner.id,
      ruleId: coreRule,
      target: {
        courseId: foundation,
      },
    });
    expect(notATarget.status).toBe(422);
    expect(notATarget.body.errors).toMatchObject([
      { field: 'target', message: "is not one of the rule's targets" },
    ]);
    const other = await aSignedInLearner(t);
    await apply(t, {
      token: other.token,
      learnerId: learner.id,
      ruleId: coreRule,
      target: { courseId: coreB },
    }).expect(404);
    const rows = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM exemption_applications WHERE learner_id = $1',
      [learner.id],
    );
    expect(rows[0].n).toBe(1);
  });

  it('gives each decider their own inbox, and lets only the target’s owner decide (others 404)', async () => {
    const learner = await aSignedInLearner(t);
    await recordCertificate(t, {
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
        target: { courseId: coreB },
      }).expect(201)
    ).body;
    const inboxOf = async (token: string) =>
      (
        (
          await t
            .http()
            .get('/v1/exemption-applications?status=SUBMITTED')
            .set(bearer(token))
            .expect(200)
        ).body.items as { id: string }[]
      ).map((item) => item.id);
    expect(await inboxOf(w.registrar)).toContain(application.id);
    expect(await inboxOf(w.admin)).toContain(application.id);
    expect(await inboxOf(w.otherRegistrar)).not.toContain(application.id);
    expect(await inboxOf(w.examiner)).not.toContain(application.id);
    await t.http().get('/v1/exemption-applications').set(bearer(learner.token)).expect(403);
    await decide(t, {
      token: w.otherRegistrar,
      applicationId: application.id,
      decision: 'APPROVE',
    }).expect(404);
    await decide(t, {
      token: w.examiner,
      applicationId: application.id,
      decision: 'APPROVE',
    }).expect(404);
    await decide(t, {
      token: learner.token,
      applicationId: application.id,
      decision: 'APPROVE',
    }).expect(403);
    await t
      .http()
      .get(`/v1/exemption-applications/${application.id}`)
      .set(bearer(learner.token))
      .expect(200);
    await t
      .http()
      .get(`/v1/exemption-applications/${application.id}`)
      .set(bearer(w.otherRegistrar))
      .expect(404);
  });
});
