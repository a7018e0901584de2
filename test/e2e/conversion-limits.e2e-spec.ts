import { Role } from '@app/core';
import { createTestApp, TestApp } from '../support/test-app';
import {
  aCertificationBody,
  aCourse,
  anActiveRule,
  apply,
  aScheme,
  aSignedInLearner,
  bearer,
  certificateRuleBody,
  createRule,
  decide,
  recordCertificate,
  recordCredit,
} from '../support/factories';
import { aConversionWorld, ConversionWorld } from '../support/conversion-world';
import { changedTables, tableCounts } from '../support/table-counts';

describe('conversion limits: what a grant may be worth and whose allowance it uses', () => {
  let t: TestApp;
  let w: ConversionWorld;
  let threeCredits: string;
  let sourceCourse: string;

  beforeAll(async () => {
    t = await createTestApp('conversion limits');
    w = await aConversionWorld(t);
    threeCredits = await aCourse(t, {
      institutionId: w.school,
      programId: w.program,
      credits: '3',
      name: '网页设计',
    });
    sourceCourse = await aCourse(t, { institutionId: w.otherSchool, credits: '4' });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  /** Runs `request` and returns what it changed in the database (empty: nothing written). */
  const writes = async (request: () => Promise<unknown>) => {
    const before = await tableCounts(t.superuser);
    await request();
    return changedTables(before, await tableCounts(t.superuser));
  };

  describe('granted credits never exceed the target', () => {
    it.each([
      [
        'CERT_TO_COURSE',
        () => ({ condition: { certificate: { schemeId: w.scheme, minLevel: 'INTERMEDIATE' } } }),
      ],
      ['COURSE_TO_COURSE', () => ({ condition: { courseCredit: { courseId: sourceCourse } } })],
    ])(
      'refuses a %s rule granting more than a target course is worth (422 at creditsGranted), writing nothing',
      async (kind, condition) => {
        let response: { status: number; body: Record<string, unknown> } | undefined;
        const changed = await writes(async () => {
          response = await createRule(t, {
            token: w.registrar,
            rule: certificateRuleBody(w.scheme, threeCredits, {
              kind,
              ...condition(),
              creditsGranted: '999.99',
            }),
          });
        });
        expect(response?.status).toBe(422);
        expect(response?.body.code).toBe('VALIDATION_FAILED');
        expect(response?.body.errors).toMatchObject([
          {
            field: 'creditsGranted',
            message: expect.stringMatching(
              /^must be at most 3: targets\[0\] is course 网页设计 \(C-[0-9A-F]+\), worth 3 credits$/,
            ),
          },
        ]);
        expect(changed).toEqual([]);
      },
    );

    it('accepts a grant equal to the target course’s credits, and refuses a new version above them', async () => {
      const created = await createRule(t, {
        token: w.registrar,
        rule: certificateRuleBody(w.scheme, threeCredits, { creditsGranted: '3.00' }),
      });
      expect(created.status).toBe(201);
      let response: { status: number; body: Record<string, unknown> } | undefined;
      const changed = await writes(async () => {
        response = await t
          .http()
          .post(`/v1/conversion-rules/${created.body.id}/versions`)
          .set(bearer(w.registrar))
          .send({
            ...certificateRuleBody(w.scheme, threeCredits),
            kind: undefined,
            creditsGranted: '3.01',
          });
      });
      expect(response?.status).toBe(422);
      expect((response?.body.errors as { field: string }[]).map((e) => e.field)).toEqual([
        'creditsGranted',
      ]);
      expect(changed).toEqual([]);
    });

    it('takes creditsGranted: null as the default grant, for a new rule and a new version', async () => {
      const created = await createRule(t, {
        token: w.registrar,
        rule: certificateRuleBody(w.scheme, threeCredits, { creditsGranted: null }),
      });
      expect(created.status).toBe(201);
      const version = await t
        .http()
        .post(`/v1/conversion-rules/${created.body.id}/versions`)
        .set(bearer(w.registrar))
        .send({
          ...certificateRuleBody(w.scheme, threeCredits),
          kind: undefined,
          creditsGranted: null,
        });
      expect(version.status).toBe(201);
    });

    it('refuses an exam rule granting more than the target level recognises (422 at creditsGranted)', async () => {
      let response: { status: number; body: Record<string, unknown> } | undefined;
      const changed = await writes(async () => {
        response = await createRule(t, {
          token: w.examiner,
          rule: {
            kind: 'COURSE_TO_EXAM',
            name: '课程免试理论考试',
            condition: { courseCredit: { courseId: sourceCourse } },
            targets: [
              { schemeId: w.scheme, level: 'SENIOR', component: 'THEORY' },
              { schemeId: w.scheme, level: 'INTERMEDIATE', component: 'THEORY' },
            ],
            creditsGranted: '7',
            effectiveFrom: '2024-09-01',
          },
        });
      });
      expect(response?.status).toBe(422);
      expect(response?.body.errors).toMatchObject([
        {
          field: 'creditsGranted',
          message: expect.stringMatching(
            /^must be at most 6: targets\[1\] is an exam of Web前端开发 \(X-[0-9A-F]+\) at INTERMEDIATE, which recognises 6 credits$/,
          ),
        },
      ]);
      expect(changed).toEqual([]);
    });

    it('an old rule granting more than its target is worth exempts nothing: not eligible, said in words, and approval writes nothing', async () => {
      const course = await aCourse(t, {
        institutionId: w.school,
        programId: w.program,
        credits: '3',
      });
      const rule = await anActiveRule(t, {
        token: w.registrar,
        rule: {
          kind: 'CERT_TO_COURSE',
          condition: { certificate: { schemeId: w.scheme, minLevel: 'INTERMEDIATE' } },
          targets: [{ courseId: course }],
          creditsGranted: '3',
        },
      });
      const learner = await aSignedInLearner(t);
      await recordCertificate(t, {
        token: w.examiner,
        learnerId: learner.id,
        schemeId: w.scheme,
        level: 'SENIOR',
      });
      const waiting = (
        await apply(t, {
          token: learner.token,
          learnerId: learner.id,
          ruleId: rule.id,
          target: { courseId: course },
        }).expect(201)
      ).body;
      // As a rule stored before grants were bounded by their target would read; every other
      // cap (8 recognised credits, the program's 20) would let 5 credits through.
      await t.superuser.query(`UPDATE rule_versions SET credits_granted = '5' WHERE rule_id = $1`, [
        rule.id,
      ]);

      const eligibility = await t
        .http()
        .get(`/v1/learners/${learner.id}/eligibility`)
        .set(bearer(learner.token))
        .expect(200);
      const item = (eligibility.body.items as Record<string, unknown>[]).find(
        (candidate) => candidate.ruleId === rule.id,
      );
      expect(item).toMatchObject({ eligible: false, creditsGranted: '5' });
      expect(item?.reasons).toEqual([
        expect.stringMatching(
          /^A grant of 5 credits would exceed the 3 credits of course 网页设计与制作 \(C-[0-9A-F]+\); an exemption never grants more than its target is worth\.$/,
        ),
      ]);
      expect((item?.evaluation as { limits: unknown[] }).limits).toContainEqual({
        name: 'creditsWithinTarget',
        held: false,
        targetKey: `course:${course}`,
        requested: '5',
        cap: '3',
      });

      let status = 0;
      const changed = await writes(async () => {
        status = (
          await decide(t, { token: w.registrar, applicationId: waiting.id, decision: 'APPROVE' })
        ).status;
      });
      expect(status).toBe(422);
      expect(changed).toEqual([]);
    });
  });

  describe('an exam exemption does not use up a school’s allowance', () => {
    it('a credit-bearing 免试 citing a certificate leaves the certificate’s course credits for the learner’s 免修', async () => {
      // The certificate recognises 6 credits (INTERMEDIATE); the school's course is worth 6.
      const course = await aCourse(t, {
        institutionId: w.school,
        programId: w.program,
        credits: '6',
      });
      const exemptCourse = await anActiveRule(t, {
        token: w.registrar,
        rule: {
          kind: 'CERT_TO_COURSE',
          condition: { certificate: { schemeId: w.scheme, minLevel: 'INTERMEDIATE' } },
          targets: [{ courseId: course }],
        },
      });
      // Another body's exam, exempted on a course credit together with the first body's certificate.
      const otherBody = await aCertificationBody(t, {
        name: '人力资源和社会保障部职业技能鉴定中心',
      });
      const otherScheme = await aScheme(t, {
        certificationBodyId: otherBody,
        name: '网络安全运维',
      });
      const otherExaminer = await t.tokenFor(Role.EXAMINER, { certificationBodyId: otherBody });
      const exemptExam = await anActiveRule(t, {
        token: otherExaminer,
        rule: {
          kind: 'COURSE_TO_EXAM',
          condition: {
            all: [
              { courseCredit: { courseId: sourceCourse, minScore: 60 } },
              { certificate: { schemeId: w.scheme, minLevel: 'INTERMEDIATE' } },
            ],
          },
          targets: [{ schemeId: otherScheme, level: 'INTERMEDIATE', component: 'THEORY' }],
          creditsGranted: '4',
        },
      });
      const learner = await aSignedInLearner(t);
      const certificate = await recordCertificate(t, {
        token: w.examiner,
        learnerId: learner.id,
        schemeId: w.scheme,
        level: 'INTERMEDIATE',
      });
      await recordCredit(t, {
        token: w.otherRegistrar,
        learnerId: learner.id,
        courseId: sourceCourse,
        score: 80,
      });
      const examApplication = (
        await apply(t, {
          token: learner.token,
          learnerId: learner.id,
          ruleId: exemptExam.id,
          target: { schemeId: otherScheme, level: 'INTERMEDIATE', component: 'THEORY' },
        }).expect(201)
      ).body;
      const examExemption = (
        await decide(t, {
          token: otherExaminer,
          applicationId: examApplication.id,
          decision: 'APPROVE',
        }).expect(200)
      ).body.exemption;
      expect(examExemption).toMatchObject({ kind: 'EXAM_EXEMPTION', credits: '4.00' });
      expect(examExemption.evidenceEntryIds).toContain(certificate);

      const courseApplication = await apply(t, {
        token: learner.token,
        learnerId: learner.id,
        ruleId: exemptCourse.id,
        target: { courseId: course },
      });
      expect(courseApplication.status).toBe(201);
      expect(courseApplication.body.evaluation.limits).toContainEqual({
        name: 'recognisedCredits',
        held: true,
        evidenceEntryId: certificate,
        alreadyUsed: '0',
        requested: '6',
        cap: '6',
      });
      const courseExemption = (
        await decide(t, {
          token: w.registrar,
          applicationId: courseApplication.body.id,
          decision: 'APPROVE',
        }).expect(200)
      ).body.exemption;
      expect(courseExemption).toMatchObject({
        kind: 'COURSE_EXEMPTION',
        credits: '6.00',
        evidenceEntryIds: [certificate],
      });
    });

    it('activating a 免试 rule that cites another body’s certificates reports that body and scheme by name', async () => {
      const otherBody = await aCertificationBody(t, { name: '中国电子学会' });
      const otherScheme = await aScheme(t, {
        certificationBodyId: otherBody,
        name: '物联网安装调试',
      });
      const activated = await anActiveRule(t, {
        token: w.examiner,
        rule: {
          kind: 'COURSE_TO_EXAM',
          condition: {
            any: [
              { courseCredit: { courseId: sourceCourse } },
              { certificate: { schemeId: otherScheme, minLevel: 'JUNIOR' } },
              { certificate: { schemeId: w.scheme, minLevel: 'SENIOR' } },
            ],
          },
          targets: [{ schemeId: w.scheme, level: 'JUNIOR', component: 'PRACTICAL' }],
        },
      });
      expect(activated.overlaps).toEqual([
        {
          type: 'OTHER_BODY_CERTIFICATE',
          certificationBodyId: otherBody,
          certificationBodyName: '中国电子学会',
          schemeId: otherScheme,
          schemeCode: expect.stringMatching(/^X-/),
          schemeName: '物联网安装调试',
          paths: ['condition.any[1].certificate'],
        },
      ]);
    });
  });
});
