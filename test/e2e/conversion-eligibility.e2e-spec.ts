import { createTestApp, TestApp } from '../support/test-app';
import { apply, aSignedInLearner, bearer, decide, recordCertificate } from '../support/factories';
import { aConversionWorld, aHunanRuleSet, ConversionWorld } from '../support/conversion-world';

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
          'for 4 credits, proven by entry “职业技能等级证书 · Web前端开发 \\(X-[0-9A-F]+\\) 中级 · CERT-[0-9A-F]+”\\.$',
      ),
    );
    const basics = items.find((item) => item.ruleId === foundationRule);
    expect(basics?.eligible).toBe(false);
    expect(basics?.reasons.join(' ')).toContain('no active certificate of scheme Web前端开发 (X-');
    expect(basics?.reasons.join(' ')).toContain('is at INTERMEDIATE, above JUNIOR');
    expect(basics?.explanation.join(' ')).not.toContain(w.scheme);
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
    expect(refused.body.reasons.join(' ')).toContain('above JUNIOR');
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
