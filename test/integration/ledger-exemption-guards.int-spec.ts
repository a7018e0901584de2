import { Role } from '@app/core';
import { createTestApp, TestApp } from '../support/test-app';
import {
  aCertificationBody,
  aCourse,
  aLearner,
  anActiveRule,
  anInstitution,
  aScheme,
  bearer,
  recordCertificate,
} from '../support/factories';

/**
 * What the database itself holds of exemptions, whatever code (or hand-written SQL) inserts
 * them: an exemption cites only standing evidence of its own learner and is never worth more
 * than its target; a correction cannot commit while an exemption still stands on what it cancelled.
 */
describe('exemptions in the database itself: standing evidence, worth their target', () => {
  let t: TestApp;
  let course: string;
  let scheme: string;
  let ruleVersionId: string;
  let examiner: string;
  let actor: string;

  beforeAll(async () => {
    t = await createTestApp('ledger exemption guards');
    const school = await anInstitution(t);
    course = await aCourse(t, { institutionId: school, credits: '4' });
    const body = await aCertificationBody(t);
    scheme = await aScheme(t, { certificationBodyId: body });
    examiner = await t.tokenFor(Role.EXAMINER, { certificationBodyId: body });
    const registrar = await t.tokenFor(Role.REGISTRAR, { institutionId: school });
    const rule = await anActiveRule(t, {
      token: registrar,
      rule: {
        kind: 'CERT_TO_COURSE',
        condition: { certificate: { schemeId: scheme, minLevel: 'JUNIOR' } },
        targets: [{ courseId: course }],
      },
    });
    [{ id: ruleVersionId }] = await t.dataSource.query(
      `SELECT id FROM rule_versions WHERE rule_id = $1`,
      [rule.id],
    );
    [{ id: actor }] = await t.dataSource.query('SELECT id FROM users LIMIT 1');
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  const aCertified = async () => {
    const learner = await aLearner(t);
    const certificate = await recordCertificate(t, {
      token: examiner,
      learnerId: learner,
      schemeId: scheme,
      level: 'INTERMEDIATE',
    });
    return { learner, certificate };
  };

  /** A course exemption written by hand, past every service. */
  const insertCourseExemption = (learner: string, evidence: string, credits = '4') =>
    t.dataSource.query(
      `INSERT INTO ledger_entries (learner_id, kind, recorded_by, recorder_role, institution_id, course_id,
                                   credits, rule_version_id, evidence_entry_ids)
       SELECT $1, 'COURSE_EXEMPTION', $2, 'REGISTRAR', c.institution_id, c.id, $3, $4, ARRAY[$5]::uuid[]
         FROM courses c WHERE c.id = $6 RETURNING id`,
      [learner, actor, credits, ruleVersionId, evidence, course],
    );
  const exemptionsOf = async (learner: string) =>
    (
      await t.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM ledger_entries WHERE learner_id = $1 AND kind = 'COURSE_EXEMPTION'`,
        [learner],
      )
    )[0].n;

  it('accepts an exemption worth its target on standing evidence (the control)', async () => {
    const { learner, certificate } = await aCertified();
    await insertCourseExemption(learner, certificate, '4.00');
    expect(await exemptionsOf(learner)).toBe(1);
  });

  it('refuses an exemption citing revoked evidence', async () => {
    const { learner, certificate } = await aCertified();
    await t
      .http()
      .post(`/v1/certificates/${certificate}/revocation`)
      .set(bearer(examiner))
      .send({ reason: '证书撤销' })
      .expect(201);
    await expect(insertCourseExemption(learner, certificate)).rejects.toMatchObject({
      driverError: { code: '23514', constraint: 'ledger_exemption_standing_evidence' },
    });
    expect(await exemptionsOf(learner)).toBe(0);
  });

  it('refuses an exemption citing another learner’s evidence, or no entry at all', async () => {
    const { certificate } = await aCertified();
    const other = await aLearner(t);
    await expect(insertCourseExemption(other, certificate)).rejects.toMatchObject({
      driverError: { code: '23514', constraint: 'ledger_exemption_standing_evidence' },
    });
    await expect(
      insertCourseExemption(other, '00000000-0000-4000-8000-000000000000'),
    ).rejects.toMatchObject({
      driverError: { code: '23514', constraint: 'ledger_exemption_standing_evidence' },
    });
    expect(await exemptionsOf(other)).toBe(0);
  });

  it('refuses a course exemption worth more than the course, and an exam exemption worth more than its level recognises', async () => {
    const { learner, certificate } = await aCertified();
    await expect(insertCourseExemption(learner, certificate, '4.01')).rejects.toMatchObject({
      driverError: { code: '23514', constraint: 'ledger_exemption_within_target' },
    });
    const [{ body }] = await t.dataSource.query(
      `SELECT certification_body_id AS body FROM certificate_schemes WHERE id = $1`,
      [scheme],
    );
    // JUNIOR recognises 4 credits.
    await expect(
      t.dataSource.query(
        `INSERT INTO ledger_entries (learner_id, kind, recorded_by, recorder_role, certification_body_id, scheme_id,
                                     level, component, credits, rule_version_id, evidence_entry_ids)
         VALUES ($1, 'EXAM_EXEMPTION', $2, 'EXAMINER', $3, $4, 'JUNIOR', 'THEORY', '4.50', $5, ARRAY[$6]::uuid[])`,
        [learner, actor, body, scheme, ruleVersionId, certificate],
      ),
    ).rejects.toMatchObject({
      driverError: { code: '23514', constraint: 'ledger_exemption_within_target' },
    });
    expect(await exemptionsOf(learner)).toBe(0);
  });

  it('refuses to commit a revocation by hand that leaves an exemption standing on the certificate', async () => {
    const { learner, certificate } = await aCertified();
    const [{ id: exemption }] = await insertCourseExemption(learner, certificate);
    await expect(
      t.dataSource.query(
        `INSERT INTO ledger_entries (learner_id, kind, recorded_by, recorder_role, cancels_entry_id, reason)
         VALUES ($1, 'REVOCATION', $2, 'EXAMINER', $3, 'by hand, without the cascade')`,
        [learner, actor, certificate],
      ),
    ).rejects.toMatchObject({
      driverError: { code: '23514', constraint: 'ledger_cancelled_evidence_cascades' },
    });
    const cancelled: unknown[] = await t.dataSource.query(
      `SELECT id FROM ledger_entries WHERE cancels_entry_id IN ($1, $2)`,
      [certificate, exemption],
    );
    expect(cancelled).toEqual([]);

    // The same revocation with its cascade, in one transaction, commits.
    await t.dataSource.transaction(async (manager) => {
      const [{ id: revocation }] = await manager.query(
        `INSERT INTO ledger_entries (learner_id, kind, recorded_by, recorder_role, cancels_entry_id, reason)
         VALUES ($1, 'REVOCATION', $2, 'EXAMINER', $3, 'by hand') RETURNING id`,
        [learner, actor, certificate],
      );
      await manager.query(
        `INSERT INTO ledger_entries (learner_id, kind, recorded_by, recorder_role, cancels_entry_id, cause_entry_id, reason)
         VALUES ($1, 'REVERSAL', $2, 'EXAMINER', $3, $4, 'cascade by hand')`,
        [learner, actor, exemption, revocation],
      );
    });
    const after: unknown[] = await t.dataSource.query(
      `SELECT id FROM ledger_entries WHERE cancels_entry_id IN ($1, $2)`,
      [certificate, exemption],
    );
    expect(after).toHaveLength(2);
  });
});
