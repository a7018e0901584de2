import { createTestApp, TestApp } from '../support/test-app';
import {
  aCourse,
  anActiveRule,
  apply,
  aProgram,
  aSignedInLearner,
  bearer,
  decide,
  enrolForProgram,
  recordCertificate,
  recordCredit,
  recordDiploma,
  uniqueCode,
} from '../support/factories';
import { aConversionWorld, ConversionWorld } from '../support/conversion-world';
import { changedTables, tableCounts, TableCounts } from '../support/table-counts';

/** Concurrent requests show what a lock does only where transactions really overlap. */
const realPostgres = Boolean(process.env.TEST_DATABASE_URL);
const onRealPostgres = realPostgres ? it : it.skip;

describe('what the ledger refuses to hold twice', () => {
  let t: TestApp;
  let w: ConversionWorld;
  let course: string;
  let rule: string;
  let otherProgram: string;
  let otherSchoolProgram: string;

  beforeAll(async () => {
    t = await createTestApp('ledger recording rules', { env: { DB_POOL_SIZE: '12' } });
    w = await aConversionWorld(t);
    course = await aCourse(t, { institutionId: w.school, programId: w.program, credits: '4' });
    rule = (
      await anActiveRule(t, {
        token: w.registrar,
        rule: {
          kind: 'CERT_TO_COURSE',
          condition: { certificate: { schemeId: w.scheme, minLevel: 'INTERMEDIATE' } },
          targets: [{ courseId: course }],
          maxCreditsPerEvidence: '8',
        },
      })
    ).id;
    otherProgram = await aProgram(t, { institutionId: w.school });
    otherSchoolProgram = await aProgram(t, { institutionId: w.otherSchool });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  const counts = (): Promise<TableCounts> => tableCounts(t.superuser);
  const post = (token: string, path: string, body: object) =>
    t.http().post(path).set(bearer(token)).send(body);
  const passingCredit = (learnerId: string, score = 90) =>
    post(w.registrar, `/v1/learners/${learnerId}/course-credits`, {
      courseId: course,
      term: '2025-2026-2',
      score,
      completedAt: '2026-01-10',
    });
  /** A signed-in learner of the world's school, registered for every level of its scheme. */
  const student = async () => {
    const learner = await aSignedInLearner(t, { registeredFor: [w.scheme] });
    await enrolForProgram(t, { learnerId: learner.id, programId: w.program });
    return learner;
  };
  const certificate = (learnerId: string, certificateNo: string, level = 'INTERMEDIATE') =>
    post(w.examiner, `/v1/learners/${learnerId}/certificates`, {
      schemeId: w.scheme,
      level,
      certificateNo,
      issuedAt: '2025-06-30',
    });
  const diploma = (learnerId: string, diplomaNo: string, programId = w.program) =>
    post(w.registrar, `/v1/learners/${learnerId}/diplomas`, {
      programId,
      diplomaNo,
      graduatedAt: '2025-07-01',
    });
  const reverse = (token: string, entryId: string) =>
    post(token, `/v1/entries/${entryId}/reversal`, { reason: 'recorded in error' });
  const creditsEarned = async (learnerId: string): Promise<string> =>
    (await t.http().get(`/v1/learners/${learnerId}/account`).set(bearer(w.admin)).expect(200)).body
      .totals.creditsEarned;

  /** A learner exempted from the course (免修) on an INTERMEDIATE certificate; the exemption's id. */
  async function exemptedLearner(): Promise<{ id: string; token: string; exemption: string }> {
    const learner = await student();
    await recordCertificate(t, { token: w.examiner, learnerId: learner.id, schemeId: w.scheme });
    const application = await apply(t, {
      token: learner.token,
      learnerId: learner.id,
      ruleId: rule,
      target: { courseId: course },
    }).expect(201);
    const approved = await decide(t, {
      token: w.registrar,
      applicationId: application.body.id,
      decision: 'APPROVE',
    }).expect(200);
    return { ...learner, exemption: approved.body.exemption.id };
  }

  describe('a course is either exempted or credited, never both', () => {
    it('refuses a passing credit for a course the learner is exempted from, naming the exemption, and writes nothing', async () => {
      const learner = await exemptedLearner();
      expect(await creditsEarned(learner.id)).toBe('4.00');
      const before = await counts();
      const refused = await passingCredit(learner.id);
      expect(refused.status).toBe(409);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body).toMatchObject({
        code: 'LEDGER.COURSE_ALREADY_EXEMPTED',
        existingEntryId: learner.exemption,
      });
      expect(refused.body.detail).toMatch(/reverse the exemption/i);
      expect(changedTables(before, await counts())).toEqual([]);
      expect(await creditsEarned(learner.id)).toBe('4.00');
    });

    it('still records a failed attempt at an exempted course, which earns nothing', async () => {
      const learner = await exemptedLearner();
      const failed = await passingCredit(learner.id, 42);
      expect(failed.status).toBe(201);
      expect(failed.body).toMatchObject({ passed: false, credits: '0.00' });
      expect(await creditsEarned(learner.id)).toBe('4.00');
    });

    it('records the passing credit once the exemption is reversed', async () => {
      const learner = await exemptedLearner();
      await reverse(w.registrar, learner.exemption).expect(201);
      const credited = await passingCredit(learner.id);
      expect(credited.status).toBe(201);
      expect(await creditsEarned(learner.id)).toBe('4.00');
    });

    it('refuses a 免修 of a course the learner has already passed, at application and at approval', async () => {
      const early = await student();
      await recordCertificate(t, { token: w.examiner, learnerId: early.id, schemeId: w.scheme });
      const pending = await apply(t, {
        token: early.token,
        learnerId: early.id,
        ruleId: rule,
        target: { courseId: course },
      }).expect(201);
      const credit = await passingCredit(early.id);
      expect(credit.status).toBe(201);
      const before = await counts();
      const approval = await decide(t, {
        token: w.registrar,
        applicationId: pending.body.id,
        decision: 'APPROVE',
      });
      expect(approval.status).toBe(422);
      expect(approval.body.code).toBe('CONVERSION.NOT_ELIGIBLE');
      expect(JSON.stringify(approval.body)).toContain(credit.body.id);
      expect(changedTables(before, await counts())).toEqual([]);

      const late = await student();
      await recordCertificate(t, { token: w.examiner, learnerId: late.id, schemeId: w.scheme });
      await recordCredit(t, { token: w.registrar, learnerId: late.id, courseId: course });
      const application = await apply(t, {
        token: late.token,
        learnerId: late.id,
        ruleId: rule,
        target: { courseId: course },
      });
      expect(application.status).toBe(422);
      expect(application.body.code).toBe('CONVERSION.NOT_ELIGIBLE');
    });

    onRealPostgres(
      'a passing credit and a 免修 approval of the same course sent at once: exactly one stands',
      async () => {
        for (let round = 0; round < 4; round += 1) {
          const learner = await student();
          await recordCertificate(t, {
            token: w.examiner,
            learnerId: learner.id,
            schemeId: w.scheme,
          });
          const application = await apply(t, {
            token: learner.token,
            learnerId: learner.id,
            ruleId: rule,
            target: { courseId: course },
          }).expect(201);
          const [credit, approval] = await Promise.all([
            passingCredit(learner.id),
            decide(t, {
              token: w.registrar,
              applicationId: application.body.id,
              decision: 'APPROVE',
            }),
          ]);
          expect([credit.status, approval.status].filter((status) => status < 300)).toHaveLength(1);
          expect(await creditsEarned(learner.id)).toBe('4.00');
        }
      },
    );
  });

  describe('one certificate, one cap', () => {
    it('treats certificate numbers differing only in case as the same number, for any learner, and writes nothing', async () => {
      const number = uniqueCode('SX');
      const [first, second, third] = [await student(), await student(), await student()];
      await certificate(first.id, number).expect(201);
      const before = await counts();
      const mixed = await certificate(second.id, `${number[0]}${number.slice(1).toLowerCase()}`);
      expect(mixed.status).toBe(409);
      expect(mixed.body.code).toBe('LEDGER.CERTIFICATE_NUMBER_TAKEN');
      const lower = await certificate(third.id, number.toLowerCase(), 'SENIOR');
      expect(lower.status).toBe(409);
      expect(lower.body.code).toBe('LEDGER.CERTIFICATE_NUMBER_TAKEN');
      expect(changedTables(before, await counts())).toEqual([]);
    });

    it('stores a certificate number in its normalised form', async () => {
      const learner = await student();
      const number = uniqueCode('WEB');
      const recorded = await certificate(learner.id, number.toLowerCase());
      expect(recorded.status).toBe(201);
      expect(recorded.body.certificateNo).toBe(number);
    });

    it('refuses a second standing certificate of the same scheme and level, naming the standing one and how to proceed', async () => {
      const learner = await student();
      const standing = await certificate(learner.id, uniqueCode('CERT')).expect(201);
      const before = await counts();
      const second = await certificate(learner.id, uniqueCode('CERT'));
      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({
        code: 'LEDGER.CERTIFICATE_LEVEL_ALREADY_HELD',
        existingEntryId: standing.body.id,
      });
      expect(second.body.detail).toMatch(/revoke/i);
      expect(second.body.detail).toMatch(/renewal/i);
      expect(changedTables(before, await counts())).toEqual([]);
      expect((await certificate(learner.id, uniqueCode('CERT'), 'SENIOR')).status).toBe(201);
    });

    it('records a renewal of the level from the day the standing certificate expires, not before', async () => {
      const learner = await student();
      const path = `/v1/learners/${learner.id}/certificates`;
      const expiring = await post(w.examiner, path, {
        schemeId: w.scheme,
        level: 'INTERMEDIATE',
        certificateNo: uniqueCode('CERT'),
        issuedAt: '2022-06-30',
        validUntil: '2025-06-29',
      }).expect(201);
      const early = await post(w.examiner, path, {
        schemeId: w.scheme,
        level: 'INTERMEDIATE',
        certificateNo: uniqueCode('CERT'),
        issuedAt: '2025-06-29',
      });
      expect(early.status).toBe(409);
      expect(early.body.existingEntryId).toBe(expiring.body.id);
      const renewal = await post(w.examiner, path, {
        schemeId: w.scheme,
        level: 'INTERMEDIATE',
        certificateNo: uniqueCode('CERT'),
        issuedAt: '2025-06-30',
      });
      expect(renewal.status).toBe(201);
    });

    it('records a re-issued certificate of the level once the standing one is revoked', async () => {
      const learner = await student();
      const old = await certificate(learner.id, uniqueCode('CERT')).expect(201);
      await post(w.examiner, `/v1/certificates/${old.body.id}/revocation`, {
        reason: 'superseded by a re-issued certificate',
      }).expect(201);
      expect((await certificate(learner.id, uniqueCode('CERT'))).status).toBe(201);
    });

    onRealPostgres(
      'concurrent certificates of one scheme and level for one learner: exactly one is recorded',
      async () => {
        const learner = await student();
        const answers = await Promise.all(
          Array.from({ length: 6 }, () => certificate(learner.id, uniqueCode('CERT'))),
        );
        expect(answers.map((answer) => answer.status).sort()).toEqual([
          201, 409, 409, 409, 409, 409,
        ]);
      },
    );
  });

  describe('one diploma per number within a school, and per learner and program', () => {
    it("refuses a diploma number already recorded in the school, in any case and any of the school's programs", async () => {
      const number = uniqueCode('DIP');
      const [first, second, third] = [await student(), await student(), await student()];
      for (const programId of [otherProgram, otherSchoolProgram])
        await enrolForProgram(t, { learnerId: third.id, programId });
      const recorded = await diploma(first.id, number.toLowerCase());
      expect(recorded.status).toBe(201);
      expect(recorded.body.diplomaNo).toBe(number);
      const before = await counts();
      const sameProgram = await diploma(second.id, number);
      expect(sameProgram.status).toBe(409);
      expect(sameProgram.body.code).toBe('LEDGER.DIPLOMA_NUMBER_TAKEN');
      const otherProgramOfSchool = await diploma(third.id, number, otherProgram);
      expect(otherProgramOfSchool.status).toBe(409);
      expect(otherProgramOfSchool.body.code).toBe('LEDGER.DIPLOMA_NUMBER_TAKEN');
      expect(changedTables(before, await counts())).toEqual([]);
      const otherSchool = await post(w.otherRegistrar, `/v1/learners/${third.id}/diplomas`, {
        programId: otherSchoolProgram,
        diplomaNo: number,
        graduatedAt: '2025-07-01',
      });
      expect(otherSchool.status).toBe(201);
    });

    it('refuses a second standing diploma of the same program for a learner, naming the first', async () => {
      const learner = await student();
      const first = await recordDiploma(t, {
        token: w.registrar,
        learnerId: learner.id,
        programId: w.program,
      });
      const before = await counts();
      const second = await diploma(learner.id, uniqueCode('DIP'));
      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({
        code: 'LEDGER.DIPLOMA_ALREADY_RECORDED',
        existingEntryId: first,
      });
      expect(changedTables(before, await counts())).toEqual([]);
      await enrolForProgram(t, { learnerId: learner.id, programId: otherProgram });
      expect((await diploma(learner.id, uniqueCode('DIP'), otherProgram)).status).toBe(201);
    });

    it("frees a reversed diploma's number and program: it is recorded again for the right learner", async () => {
      const number = uniqueCode('DIP');
      const [wrong, right] = [await student(), await student()];
      const mistaken = await diploma(wrong.id, number).expect(201);
      await reverse(w.registrar, mistaken.body.id).expect(201);
      expect((await diploma(right.id, number)).status).toBe(201);
      expect((await diploma(wrong.id, uniqueCode('DIP'))).status).toBe(201);
    });

    onRealPostgres(
      'concurrent diplomas with one number for different learners: exactly one is recorded',
      async () => {
        const number = uniqueCode('DIP');
        const learners = await Promise.all(Array.from({ length: 6 }, () => student()));
        const answers = await Promise.all(
          learners.map((learner, index) =>
            diploma(learner.id, index % 2 === 0 ? number : number.toLowerCase()),
          ),
        );
        expect(answers.map((answer) => answer.status).sort()).toEqual([
          201, 409, 409, 409, 409, 409,
        ]);
        expect(
          answers.filter((answer) => answer.status === 409).map((answer) => answer.body.code),
        ).toEqual(Array.from({ length: 5 }, () => 'LEDGER.DIPLOMA_NUMBER_TAKEN'));
      },
    );
  });
});
