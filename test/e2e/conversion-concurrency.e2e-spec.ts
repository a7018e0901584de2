import { createTestApp, TestApp } from '../support/test-app';
import {
  aCourse,
  anActiveRule,
  apply,
  aProgram,
  aSignedInLearner,
  decide,
  recordCertificate,
} from '../support/factories';
import { aConversionWorld, ConversionWorld } from '../support/conversion-world';

/**
 * The conversion caps (per evidence, the level's recognised credits, the program's cap on
 * exempted credits) hold under real contention. On the embedded database transactions run one
 * at a time, so a missing lock cannot show there: these run on real PostgreSQL only.
 */
const realPostgres = Boolean(process.env.TEST_DATABASE_URL);
if (!realPostgres) {
  if (process.env.CI === 'true')
    throw new Error('conversion races need TEST_DATABASE_URL under CI');
  process.stdout.write(
    '[skip] conversion races: TEST_DATABASE_URL is not set (they run on real PostgreSQL only)\n',
  );
}

(realPostgres ? describe : describe.skip)('conversion limits under concurrent approvals', () => {
  let t: TestApp;
  let w: ConversionWorld;

  beforeAll(async () => {
    t = await createTestApp('conversion concurrency', { env: { DB_POOL_SIZE: '24' } });
    w = await aConversionWorld(t);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  const standingExemptions = async (learnerId: string) =>
    t.dataSource.query<{ id: string; credits: string }[]>(
      `SELECT e.id, e.credits::text AS credits FROM ledger_entries e
       WHERE e.learner_id = $1 AND e.kind = 'COURSE_EXEMPTION' AND ledger_entry_stands(e.id)`,
      [learnerId],
    );

  it('two concurrent approvals that together break the program cap: exactly one succeeds, for each of 6 learners', async () => {
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
    const pairs: Array<{ learner: string; applications: string[] }> = [];
    for (let index = 0; index < 6; index += 1) {
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
      pairs.push({ learner: learner.id, applications: [x.id, y.id] });
    }
    // All twelve approvals in flight at once; each learner's two race each other.
    const responses = await Promise.all(
      pairs.flatMap((pair) =>
        pair.applications.map((id) =>
          decide(t, { token: w.registrar, applicationId: id, decision: 'APPROVE' }),
        ),
      ),
    );
    for (const [index, pair] of pairs.entries()) {
      const statuses = [responses[index * 2].status, responses[index * 2 + 1].status].sort();
      expect(statuses).toEqual([200, 422]);
      const refused = [responses[index * 2], responses[index * 2 + 1]].find(
        (response) => response.status === 422,
      );
      expect(refused?.body.reasons[0]).toContain('over its cap of 6 credits');
      const standing = await standingExemptions(pair.learner);
      expect(standing).toHaveLength(1);
      expect(standing[0].credits).toBe('4.00');
    }
  });

  it('two concurrent approvals that together break the per-certificate cap: exactly one succeeds', async () => {
    const program = await aProgram(t, { institutionId: w.school, maxExemptCredits: '40' });
    const courses = [
      await aCourse(t, { institutionId: w.school, programId: program, credits: '5' }),
      await aCourse(t, { institutionId: w.school, programId: program, credits: '5' }),
    ];
    const rule = await anActiveRule(t, {
      token: w.registrar,
      rule: {
        kind: 'CERT_TO_COURSE',
        condition: { certificate: { schemeId: w.scheme, minLevel: 'SENIOR' } },
        targets: courses.map((courseId) => ({ courseId })),
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
    const applications = [];
    for (const courseId of courses)
      applications.push(
        (
          await apply(t, {
            token: learner.token,
            learnerId: learner.id,
            ruleId: rule.id,
            target: { courseId },
          }).expect(201)
        ).body.id as string,
      );
    const responses = await Promise.all(
      applications.map((id) =>
        decide(t, { token: w.registrar, applicationId: id, decision: 'APPROVE' }),
      ),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([200, 422]);
    expect(await standingExemptions(learner.id)).toHaveLength(1);
  });

  it('the same application approved twice at once: one 200, one 409, one entry', async () => {
    const course = await aCourse(t, { institutionId: w.school, programId: w.program });
    const rule = await anActiveRule(t, {
      token: w.registrar,
      rule: {
        kind: 'CERT_TO_COURSE',
        condition: { certificate: { schemeId: w.scheme, minLevel: 'INTERMEDIATE' } },
        targets: [{ courseId: course }],
      },
    });
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
        ruleId: rule.id,
        target: { courseId: course },
      }).expect(201)
    ).body.id as string;
    const responses = await Promise.all([
      decide(t, { token: w.registrar, applicationId: application, decision: 'APPROVE' }),
      decide(t, { token: w.admin, applicationId: application, decision: 'APPROVE' }),
    ]);
    expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
    expect(await standingExemptions(learner.id)).toHaveLength(1);
  });
});
